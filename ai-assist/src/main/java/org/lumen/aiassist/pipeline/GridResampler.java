// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;

/**
 * Trilinear resampling of model-grid values onto another grid (model output back onto the series);
 * zero outside. Rows and slices the source leaves empty are skipped and not stored.
 */
public final class GridResampler {

    private GridResampler() { }

    /**
     * @param from   the grid of {@code src}
     * @param src    values in {@code i + nx·(j + ny·k)} order
     */
    public static FloatVolume resample(Grid from, float[] src, Grid target, ExecutorService pool) throws Exception {
        if (from == target || from.sameAs(target)) {
            return FloatVolume.ofArray(target, src);
        }
        float[][] out = new float[target.nz()][];
        boolean[] occupied = occupiedRows(from, src);
        double[] a = target.voxelAffineTo(from);
        int nx = from.nx();
        int ny = from.ny();
        int nz = from.nz();
        int tx = target.nx();
        int ty = target.ny();
        // When the grids' axes are parallel, a target row reads one source row pair: test it once.
        boolean rowsAligned = Math.abs(a[4]) < 1e-9 && Math.abs(a[8]) < 1e-9;
        if (AxisWeights.axisAligned(a)) {
            AxisWeights wx = new AxisWeights(tx, a[0], a[3], nx);
            AxisWeights wy = new AxisWeights(ty, a[5], a[7], ny);
            AxisWeights wz = new AxisWeights(target.nz(), a[10], a[11], nz);
            ParallelSlices.forEach(pool, target.nz(), k -> out[k] = alignedSlice(src, nx, ny, occupied, wx, wy, wz, k));
            return new FloatVolume(target, out);
        }
        ParallelSlices.forEach(pool, target.nz(), k -> {
            for (int j = 0; j < ty; j++) {
                double si = a[1] * j + a[2] * k + a[3];
                double sj = a[5] * j + a[6] * k + a[7];
                double sk = a[9] * j + a[10] * k + a[11];
                if (rowsAligned && (sj < -0.5 || sk < -0.5 || sj > ny - 0.5 || sk > nz - 0.5 || !near(occupied, nx, ny, nz, sj, sk))) {
                    continue;
                }
                int base = j * tx;
                for (int i = 0; i < tx; i++, si += a[0], sj += a[4], sk += a[8]) {
                    if (si < -0.5 || sj < -0.5 || sk < -0.5 || si > nx - 0.5 || sj > ny - 0.5 || sk > nz - 0.5
                            || !near(occupied, nx, ny, nz, sj, sk)) {
                        continue;
                    }
                    float v = sample(src, nx, ny, nz, si, sj, sk);
                    if (v != 0) {
                        if (out[k] == null) {
                            out[k] = new float[tx * ty];
                        }
                        out[k][base + i] = v;
                    }
                }
            }
        });
        return new FloatVolume(target, out);
    }

    /** One target slice between parallel grids, or null when it is all zeros. */
    private static float[] alignedSlice(float[] src, int nx, int ny, boolean[] occupied, AxisWeights wx, AxisWeights wy,
                                        AxisWeights wz, int k) {
        if (!wz.inside[k]) {
            return null;
        }
        int k0 = wz.low[k];
        int k1 = wz.high[k];
        float fz = wz.weight[k];
        int tx = wx.low.length;
        int plane = nx * ny;
        float[] slice = null;
        for (int j = 0; j < wy.low.length; j++) {
            if (!wy.inside[j]) {
                continue;
            }
            int j0 = wy.low[j];
            int j1 = wy.high[j];
            if (!(occupied[k0 * ny + j0] || occupied[k0 * ny + j1] || occupied[k1 * ny + j0] || occupied[k1 * ny + j1])) {
                continue;
            }
            int r00 = k0 * plane + j0 * nx;
            int r01 = k0 * plane + j1 * nx;
            int r10 = k1 * plane + j0 * nx;
            int r11 = k1 * plane + j1 * nx;
            float fy = wy.weight[j];
            for (int i = 0; i < tx; i++) {
                if (!wx.inside[i]) {
                    continue;
                }
                int i0 = wx.low[i];
                int i1 = wx.high[i];
                float fx = wx.weight[i];
                float v0 = lerp(lerp(src[r00 + i0], src[r00 + i1], fx), lerp(src[r01 + i0], src[r01 + i1], fx), fy);
                float v1 = lerp(lerp(src[r10 + i0], src[r10 + i1], fx), lerp(src[r11 + i0], src[r11 + i1], fx), fy);
                float v = lerp(v0, v1, fz);
                if (v != 0) {
                    if (slice == null) {
                        slice = new float[tx * wy.low.length];
                    }
                    slice[j * tx + i] = v;
                }
            }
        }
        return slice;
    }

    /** Which rows (j, k) of a volume hold any non-zero value: heatmaps are mostly empty, and empty rows cost nothing. */
    private static boolean[] occupiedRows(Grid g, float[] data) {
        boolean[] rows = new boolean[g.ny() * g.nz()];
        for (int r = 0; r < rows.length; r++) {
            int base = r * g.nx();
            for (int i = 0; i < g.nx(); i++) {
                if (data[base + i] != 0) {
                    rows[r] = true;
                    break;
                }
            }
        }
        return rows;
    }

    /** Whether any of the (up to) four source rows a trilinear sample reads holds a non-zero value. */
    private static boolean near(boolean[] occupied, int nx, int ny, int nz, double sj, double sk) {
        int j0 = (int) Math.clamp(Math.floor(sj), 0, ny - 1);
        int k0 = (int) Math.clamp(Math.floor(sk), 0, nz - 1);
        int j1 = Math.min(j0 + 1, ny - 1);
        int k1 = Math.min(k0 + 1, nz - 1);
        return occupied[k0 * ny + j0] || occupied[k0 * ny + j1] || occupied[k1 * ny + j0] || occupied[k1 * ny + j1];
    }

    static float sample(float[] src, int nx, int ny, int nz, double si, double sj, double sk) {
        double ci = Math.clamp(si, 0, nx - 1);
        double cj = Math.clamp(sj, 0, ny - 1);
        double ck = Math.clamp(sk, 0, nz - 1);
        int i0 = Math.min((int) ci, Math.max(0, nx - 2));
        int j0 = Math.min((int) cj, Math.max(0, ny - 2));
        int k0 = Math.min((int) ck, Math.max(0, nz - 2));
        float fx = (float) (ci - i0);
        float fy = (float) (cj - j0);
        float fz = (float) (ck - k0);
        int i1 = nx > 1 ? i0 + 1 : i0;
        int j1 = ny > 1 ? j0 + 1 : j0;
        int k1 = nz > 1 ? k0 + 1 : k0;
        int plane = nx * ny;
        int b0 = k0 * plane;
        int b1 = k1 * plane;
        float v0 = lerp(lerp(src[b0 + j0 * nx + i0], src[b0 + j0 * nx + i1], fx),
                lerp(src[b0 + j1 * nx + i0], src[b0 + j1 * nx + i1], fx), fy);
        float v1 = lerp(lerp(src[b1 + j0 * nx + i0], src[b1 + j0 * nx + i1], fx),
                lerp(src[b1 + j1 * nx + i0], src[b1 + j1 * nx + i1], fx), fy);
        return lerp(v0, v1, fz);
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
