// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.SortedMap;

/**
 * A phantom defined in patient space: which label each point has, and which modality value
 * (HU for CT, signal for MR) each label shows. Implementations must be safe for concurrent reads.
 */
public interface VoxelModel {

    /** The label (0..255) at a point in patient coordinates (LPS, mm). */
    int labelAt(double x, double y, double z);

    /** The modality value every voxel of {@code label} has before noise; 0 for labels the model does not use. */
    int valueOf(int label);

    /** Whether some labels' values vary within them ({@link #valueAt}); false keeps the renderer on its per-label table. */
    default boolean spatialValues() {
        return false;
    }

    /** The value at a point of {@code label} (before noise); by default the label's own value everywhere. */
    default int valueAt(int label, double x, double y, double z) {
        return valueOf(label);
    }

    /** What each label means, by label value. */
    SortedMap<Integer, String> labelNames();
}
