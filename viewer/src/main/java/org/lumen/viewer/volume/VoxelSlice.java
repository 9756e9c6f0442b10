// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

/**
 * One slice of modality values (after the modality LUT), row-major. Exactly one of the arrays is
 * set, matching {@link #type()}. Slices are shared read-only: never write into their arrays.
 */
public record VoxelSlice(int columns, int rows, VoxelType type, short[] shorts, float[] floats, int[] argb) {

    public static VoxelSlice ofShorts(int columns, int rows, VoxelType type, short[] data) {
        return new VoxelSlice(columns, rows, type, data, null, null);
    }

    public static VoxelSlice ofFloats(int columns, int rows, float[] data) {
        return new VoxelSlice(columns, rows, VoxelType.FLOAT32, null, data, null);
    }

    public static VoxelSlice ofArgb(int columns, int rows, int[] data) {
        return new VoxelSlice(columns, rows, VoxelType.RGB, null, null, data);
    }

    /** The modality value at column {@code i}, row {@code j} (for RGB: the luminance). */
    public double value(int i, int j) {
        int index = j * columns + i;
        return switch (type) {
            case INT16 -> shorts[index];
            case UINT16 -> shorts[index] & 0xFFFF;
            case FLOAT32 -> floats[index];
            case RGB -> {
                int c = argb[index];
                yield 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF) + 0.114 * (c & 0xFF);
            }
        };
    }

    public long bytes() {
        return (long) columns * rows * type.bytesPerVoxel();
    }
}
