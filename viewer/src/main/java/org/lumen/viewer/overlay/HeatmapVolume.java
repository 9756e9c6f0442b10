// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

/** One value per voxel (a probability, a score, a sensitivity), per stored slice. */
public non-sealed interface HeatmapVolume extends OverlayVolume {

    /** Slice k's values, row-major (columns × rows), or null where the map has nothing. Read-only. */
    float[] sliceOrNull(int k);

    /** The units of the values ("mm2/s", "{probability}"), shown after them; empty when unitless or unknown. */
    default String units() {
        return "";
    }

    /** A heatmap over a dense float array laid out slice after slice (k, then j, then i). */
    static HeatmapVolume dense(int columns, int rows, int slices, float[] values) {
        if (values.length != (long) columns * rows * slices) {
            throw new IllegalArgumentException("a " + columns + "x" + rows + "x" + slices + " heatmap needs "
                    + (long) columns * rows * slices + " values, not " + values.length);
        }
        int plane = columns * rows;
        float[][] slicesOf = new float[slices][];
        for (int k = 0; k < slices; k++) {
            slicesOf[k] = java.util.Arrays.copyOfRange(values, k * plane, (k + 1) * plane);
        }
        return new HeatmapVolume() {
            @Override public int columns() { return columns; }
            @Override public int rows() { return rows; }
            @Override public int slices() { return slices; }
            @Override public float[] sliceOrNull(int k) { return slicesOf[k]; }
        };
    }
}
