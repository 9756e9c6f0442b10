// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

/**
 * Trilinear interpolation along one axis, worked out once per target index when two grids' axes are
 * parallel (the usual case: the model grid is the series' own axes at another spacing): for each
 * target index, the two source indices and the weight of the second, or "outside".
 */
final class AxisWeights {

    final int[] low;
    final int[] high;
    final float[] weight;
    final boolean[] inside;

    /** Target index t maps to source coordinate {@code scale·t + offset}; the source axis has {@code n} samples. */
    AxisWeights(int targetSize, double scale, double offset, int n) {
        low = new int[targetSize];
        high = new int[targetSize];
        weight = new float[targetSize];
        inside = new boolean[targetSize];
        for (int t = 0; t < targetSize; t++) {
            double s = scale * t + offset;
            if (s < -0.5 || s > n - 0.5) {
                continue;
            }
            inside[t] = true;
            double c = Math.clamp(s, 0, n - 1);
            int i0 = Math.min((int) c, Math.max(0, n - 2));
            low[t] = i0;
            high[t] = n > 1 ? i0 + 1 : i0;
            weight[t] = (float) (c - i0);
        }
    }

    /** Whether the affine (3×4, row-major) maps each axis onto the same axis only. */
    static boolean axisAligned(double[] a) {
        return Math.abs(a[1]) < 1e-9 && Math.abs(a[2]) < 1e-9 && Math.abs(a[4]) < 1e-9 && Math.abs(a[6]) < 1e-9
                && Math.abs(a[8]) < 1e-9 && Math.abs(a[9]) < 1e-9;
    }
}
