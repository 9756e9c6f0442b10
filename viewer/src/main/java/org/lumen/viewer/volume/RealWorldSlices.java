// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.dicom.UnusableFileException;

/**
 * A parametric map's slices in real-world values (ADR 0039): each decoded frame (after its modality LUT) passed
 * through the frame's Real World Value Mapping, so everything that reads the volume (the window and its numbers,
 * the automatic window, the value under the cursor, ROI statistics, reformats, {@code lumen render}) speaks the
 * mapping's values. A LUT mapping gives its entries; the window is then over those mapped values. Frames without
 * a mapping keep their values. Other images (CT, MR) never come here: their modality LUT already gives their units.
 */
final class RealWorldSlices {

    private RealWorldSlices() { }

    /** Whether a volume over {@code plan} holds real-world values (its first instance is a map). */
    static boolean appliesTo(StackPlan plan) {
        if (plan.frames().isEmpty()) {
            return false;
        }
        var first = plan.frames().getFirst().instance();
        return RealWorldValues.holdsRealValues(first) && first.pixels() != null && !first.pixels().isColor();
    }

    /** {@code slice} (frame {@code ref} as decoded, FLOAT32) in real-world values; itself when the frame has no mapping. */
    static VoxelSlice apply(FrameRef ref, VoxelSlice slice) throws UnusableFileException {
        RealWorldValues mapping = RealWorldValues.forFile(ref.instance().file());
        if (mapping.of(ref.frame()).isEmpty() || slice.type() == VoxelType.RGB) {
            return slice;
        }
        int n = slice.columns() * slice.rows();
        float[] values = new float[n];
        for (int j = 0, p = 0; j < slice.rows(); j++) {
            for (int i = 0; i < slice.columns(); i++, p++) {
                values[p] = (float) mapping.apply(ref.frame(), slice.value(i, j));
            }
        }
        return VoxelSlice.ofFloats(slice.columns(), slice.rows(), values);
    }
}
