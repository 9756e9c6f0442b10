// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.SplittableRandom;

/**
 * Seeded value noise: random values on a coarse grid, smoothly interpolated, several octaves summed. Gives the
 * parenchymal texture of a mammogram and the mottling of a fundus; the same seed gives the same field.
 */
final class SmoothField {

    private final int[] cells;
    private final double[] weights;
    private final float[][] grids;
    private final int[] gridColumns;

    /**
     * @param cellPx  the grid cell of each octave in pixels, coarse to fine
     * @param weights each octave's weight; the field's values lie in [-sum, +sum]
     */
    SmoothField(long seed, int columns, int rows, int[] cellPx, double[] weights) {
        this.cells = cellPx.clone();
        this.weights = weights.clone();
        this.grids = new float[cellPx.length][];
        this.gridColumns = new int[cellPx.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int o = 0; o < cellPx.length; o++) {
            int gc = columns / cellPx[o] + 3;
            int gr = rows / cellPx[o] + 3;
            gridColumns[o] = gc;
            float[] grid = new float[gc * gr];
            for (int n = 0; n < grid.length; n++) {
                grid[n] = (float) (random.nextDouble() * 2 - 1);
            }
            grids[o] = grid;
        }
    }

    /** The field at pixel (x, y). */
    double at(double x, double y) {
        double sum = 0;
        for (int o = 0; o < cells.length; o++) {
            double gx = x / cells[o];
            double gy = y / cells[o];
            int ix = (int) gx;
            int iy = (int) gy;
            double fx = smooth(gx - ix);
            double fy = smooth(gy - iy);
            float[] g = grids[o];
            int w = gridColumns[o];
            int n = iy * w + ix;
            double top = g[n] + (g[n + 1] - g[n]) * fx;
            double bottom = g[n + w] + (g[n + w + 1] - g[n + w]) * fx;
            sum += weights[o] * (top + (bottom - top) * fy);
        }
        return sum;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
