// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.FloatFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.image.ModalityLut;

/** Applies the modality LUT (linear rescale or Modality LUT Sequence table) to a decoded frame, producing a voxel slice of the volume's type. */
final class ModalityConverter {

    private ModalityConverter() { }

    static VoxelSlice convert(DecodedFrame frame, ModalityLut lut, VoxelType type) {
        if (frame instanceof ColorFrame color) {
            return VoxelSlice.ofArgb(color.columns(), color.rows(), color.argb());
        }
        if (frame instanceof FloatFrame real) {
            float[] values = real.values();
            if (!lut.isIdentity()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) lut.apply(values[i]); // the decoder's array is ours alone
                }
            }
            return VoxelSlice.ofFloats(real.columns(), real.rows(), values);
        }
        GrayFrame gray = (GrayFrame) frame;
        int n = gray.columns() * gray.rows();
        if (type == VoxelType.FLOAT32) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) lut.apply(gray.sample(i));
            }
            return VoxelSlice.ofFloats(gray.columns(), gray.rows(), values);
        }
        // The decoder's array is ours alone: apply the integral LUT in place.
        short[] data = gray.data16();
        applyIntegral(data, n, gray.unsigned(), lut, type);
        return VoxelSlice.ofShorts(gray.columns(), gray.rows(), type, data);
    }

    /**
     * Applies an integral LUT to the first {@code count} stored values of {@code data} in place, giving voxels of
     * {@code type} (INT16 or UINT16); nothing to do when the LUT is the identity and the signedness already matches.
     */
    static void applyIntegral(short[] data, int count, boolean unsigned, ModalityLut lut, VoxelType type) {
        if (lut.isIdentity() && (type == VoxelType.UINT16) == unsigned) {
            return;
        }
        if (lut.isTable()) {
            int[] table = lut.table();
            int first = lut.firstMapped();
            int last = table.length - 1;
            for (int i = 0; i < count; i++) {
                int stored = unsigned ? data[i] & 0xFFFF : data[i];
                data[i] = (short) table[Math.clamp(stored - first, 0, last)];
            }
            return;
        }
        int slope = (int) lut.slope();
        int intercept = (int) lut.intercept();
        for (int i = 0; i < count; i++) {
            int stored = unsigned ? data[i] & 0xFFFF : data[i];
            data[i] = (short) (stored * slope + intercept);
        }
    }
}
