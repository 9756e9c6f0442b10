// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

/**
 * Gaussian blending weights for overlapping tiles (as MONAI's sliding-window inference does, σ =
 * patch/8): a tile's centre counts most, its border — where a network sees the least context —
 * least. The window is a product of one 1D window per axis and the tiles lie on a lattice, so the
 * total weight at a voxel is a product of three 1D sums: no weight volume is needed.
 */
public final class BlendWindow {

    private static final double SIGMA_SCALE = 0.125;
    private static final float FLOOR = 1e-3f;

    private final float[][] weights = new float[3][];
    private final float[][] sums = new float[3][];

    public BlendWindow(TilePlan plan) {
        for (int a = 0; a < 3; a++) {
            int p = plan.patch()[a];
            float[] w = window(p);
            weights[a] = w;
            float[] sum = new float[plan.grid().size(a)];
            for (int start : plan.starts()[a]) {
                for (int t = 0; t < p; t++) {
                    int x = start + t;
                    if (x < sum.length) {
                        sum[x] += w[t];
                    }
                }
            }
            sums[a] = sum;
        }
    }

    static float[] window(int p) {
        float[] w = new float[p];
        if (p == 1) {
            w[0] = 1;
            return w;
        }
        double sigma = SIGMA_SCALE * p;
        double centre = (p - 1) / 2.0;
        for (int t = 0; t < p; t++) {
            double d = t - centre;
            w[t] = Math.max(FLOOR, (float) Math.exp(-d * d / (2 * sigma * sigma)));
        }
        return w;
    }

    /** Weight of offset {@code t} within a tile along {@code axis}. */
    public float weight(int axis, int t) {
        return weights[axis][t];
    }

    float[] weights(int axis) {
        return weights[axis];
    }

    /** Total weight all tiles put on model voxel {@code x} along {@code axis}. */
    public float sum(int axis, int x) {
        return sums[axis][x];
    }
}
