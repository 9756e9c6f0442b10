// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.task.TaskContext;

/**
 * Fills one batch item of the input tensor for one tile, normalised and in the tensor's layout.
 * Where the model grid is the series' own, rows are copied straight from the series' slices. Where
 * it is not, the whole series is first resampled once onto the model grid (trilinear, in bands of
 * slices on the CPU pool), so overlapping tiles do not interpolate the same voxels again; a model
 * grid too large for that is sampled tile by tile instead. Voxels outside the series take the
 * padding value. For 2.5D models the channels are the neighbouring slices; a multi-channel model fed
 * one series gets it in every channel.
 */
final class PatchSampler {

    /** Resample up front only below this many model voxels (1 GiB of floats); above, sample per tile. */
    static final long RESAMPLE_BUDGET_VOXELS = 1L << 28;
    private static final int BAND = 16;

    private final Grid model;
    private final Grid series;
    private final SliceWindow window;
    private final Normaliser normaliser;
    private final TensorLayout layout;
    private final boolean sliceChannels;
    private final boolean identity;
    private final double[] a;
    private final float padding;
    private final float[] row;
    /** The whole model grid, normalised, when it was resampled up front; else null. */
    private final float[] resampled;

    PatchSampler(Grid model, SeriesInput input, Normaliser normaliser, TensorLayout layout, Dimensionality dims,
                 double paddingValue, ExecutorService pool, TaskContext context) throws Exception {
        this(model, input, normaliser, layout, dims, paddingValue, pool, context, RESAMPLE_BUDGET_VOXELS);
    }

    /** @param resampleBudget the largest model grid (voxels) resampled up front; larger ones are sampled per tile */
    PatchSampler(Grid model, SeriesInput input, Normaliser normaliser, TensorLayout layout, Dimensionality dims,
                 double paddingValue, ExecutorService pool, TaskContext context, long resampleBudget) throws Exception {
        this.model = model;
        this.series = input.grid();
        this.window = new SliceWindow(input, pool);
        this.normaliser = normaliser;
        this.layout = layout;
        this.sliceChannels = dims == Dimensionality.TWO_AND_A_HALF_D;
        this.identity = model == series;
        this.a = model.voxelAffineTo(series);
        this.padding = normaliser.apply((float) paddingValue);
        this.row = new float[layout.pi()];
        this.resampled = !identity && model.voxelCount() <= resampleBudget ? resampleAll(pool, context) : null;
    }

    /** Writes the tile starting at model voxel (tx, ty, tz) into {@code buffer} from {@code offset}. */
    void fill(TilePlan.Tile tile, FloatBuffer buffer, int offset) throws IOException {
        int pj = layout.pj();
        int pk = layout.pk();
        int half = layout.channels() / 2;
        int extra = sliceChannels ? half : 0;
        float[][] slices = null;
        int kLow = 0;
        if (resampled == null) {
            int[] range = identity ? new int[] {tile.z() - extra, tile.z() + pk - 1 + extra} : seriesRange(tile, extra);
            kLow = range[0];
            slices = window.load(range[0], range[1]);
        }
        for (int c = 0; c < layout.channels(); c++) {
            int dz = sliceChannels ? c - half : 0;
            if (c > 0 && !sliceChannels) {
                copyChannel(buffer, offset, c);
                continue;
            }
            for (int z = 0; z < pk; z++) {
                int mz = Math.clamp(tile.z() + z + dz, 0, model.nz() - 1);
                boolean zInside = tile.z() + z < model.nz();
                for (int y = 0; y < pj; y++) {
                    int my = tile.y() + y;
                    if (!zInside || my >= model.ny()) {
                        Arrays.fill(row, padding);
                    } else if (resampled != null) {
                        copyResampledRow(tile.x(), my, mz);
                    } else if (identity) {
                        copySeriesRow(slices[mz - kLow], tile.x(), my);
                    } else {
                        sampleRow(slices, kLow, tile.x(), my, mz, row, 0, row.length);
                    }
                    put(buffer, offset + layout.index(c, 0, y, z));
                }
            }
        }
    }

    private void copyResampledRow(int x0, int my, int mz) {
        int n = Math.max(0, Math.min(row.length, model.nx() - x0));
        System.arraycopy(resampled, model.index(x0, my, mz), row, 0, n);
        Arrays.fill(row, n, row.length, padding);
    }

    private void copySeriesRow(float[] slice, int x0, int my) {
        int base = my * series.nx();
        for (int x = 0; x < row.length; x++) {
            int mx = x0 + x;
            row[x] = mx < series.nx() ? normaliser.apply(slice[base + mx]) : padding;
        }
    }

    private void put(FloatBuffer buffer, int start) {
        int stride = layout.strideX();
        if (stride == 1) {
            buffer.put(start, row, 0, row.length);
        } else {
            for (int x = 0; x < row.length; x++) {
                buffer.put(start + x * stride, row[x]);
            }
        }
    }

    /** Channels past the first repeat it; channels are outermost in both orders. */
    private void copyChannel(FloatBuffer buffer, int offset, int c) {
        int n = layout.spatialSize();
        int from = offset + layout.index(0, 0, 0, 0);
        int to = offset + layout.index(c, 0, 0, 0);
        for (int v = 0; v < n; v++) {
            buffer.put(to + v, buffer.get(from + v));
        }
    }

    /** Resamples and normalises the whole series onto the model grid, band of model slices by band. */
    private float[] resampleAll(ExecutorService pool, TaskContext context) throws Exception {
        float[] out = new float[model.arrayLength()];
        int nx = model.nx();
        boolean aligned = AxisWeights.axisAligned(a);
        AxisWeights wx = aligned ? new AxisWeights(model.nx(), a[0], a[3], series.nx()) : null;
        AxisWeights wy = aligned ? new AxisWeights(model.ny(), a[5], a[7], series.ny()) : null;
        AxisWeights wz = aligned ? new AxisWeights(model.nz(), a[10], a[11], series.nz()) : null;
        for (int z0 = 0; z0 < model.nz(); z0 += BAND) {
            context.checkCancelled();
            int z1 = Math.min(model.nz(), z0 + BAND);
            int[] range = seriesRange(0, model.nx() - 1, 0, model.ny() - 1, z0, z1 - 1);
            float[][] slices = window.load(range[0], range[1]);
            int kLow = range[0];
            int first = z0;
            ParallelSlices.forEach(pool, z1 - z0, dz -> {
                int mz = first + dz;
                if (aligned) {
                    sampleSliceAligned(slices, kLow, mz, wx, wy, wz, out);
                    return;
                }
                for (int my = 0; my < model.ny(); my++) {
                    sampleRow(slices, kLow, 0, my, mz, out, model.index(0, my, mz), nx);
                }
            });
        }
        window.clear();
        return out;
    }

    /** One model slice when the grids' axes are parallel: per-axis weights, no per-voxel geometry. */
    private void sampleSliceAligned(float[][] slices, int kLow, int mz, AxisWeights wx, AxisWeights wy, AxisWeights wz,
                                    float[] out) {
        int nx = model.nx();
        int base = model.index(0, 0, mz);
        if (!wz.inside[mz]) {
            Arrays.fill(out, base, base + nx * model.ny(), padding);
            return;
        }
        float[] s0 = slices[wz.low[mz] - kLow];
        float[] s1 = slices[wz.high[mz] - kLow];
        float fz = wz.weight[mz];
        int sx = series.nx();
        // Separable: each model row first blends its two series rows in both slices (y and z) along
        // the whole series row, a straight loop the JIT vectorises; then x reads that one row. Fewer
        // operations than eight scattered reads per voxel, and the same trilinear value.
        float[] blended = new float[sx];
        for (int my = 0; my < model.ny(); my++) {
            int at = base + my * nx;
            if (!wy.inside[my]) {
                Arrays.fill(out, at, at + nx, padding);
                continue;
            }
            int r0 = wy.low[my] * sx;
            int r1 = wy.high[my] * sx;
            float fy = wy.weight[my];
            for (int i = 0; i < sx; i++) {
                float a0 = s0[r0 + i];
                float a1 = s1[r0 + i];
                float y0 = a0 + (s0[r1 + i] - a0) * fy;
                float y1 = a1 + (s1[r1 + i] - a1) * fy;
                blended[i] = y0 + (y1 - y0) * fz;
            }
            for (int mx = 0; mx < nx; mx++) {
                if (!wx.inside[mx]) {
                    out[at + mx] = padding;
                    continue;
                }
                out[at + mx] = normaliser.apply(lerp(blended[wx.low[mx]], blended[wx.high[mx]], wx.weight[mx]));
            }
        }
    }

    /** Samples model voxels (x0.., my, mz) of one row, trilinear in the series, into {@code dst}. */
    private void sampleRow(float[][] slices, int kLow, int x0, int my, int mz, float[] dst, int at, int count) {
        double si = a[0] * x0 + a[1] * my + a[2] * mz + a[3];
        double sj = a[4] * x0 + a[5] * my + a[6] * mz + a[7];
        double sk = a[8] * x0 + a[9] * my + a[10] * mz + a[11];
        int nx = series.nx();
        int ny = series.ny();
        int nz = series.nz();
        int lastK0 = Integer.MIN_VALUE;
        float[] s0 = null;
        float[] s1 = null;
        for (int x = 0; x < count; x++, si += a[0], sj += a[4], sk += a[8]) {
            if (x0 + x >= model.nx() || si < -0.5 || sj < -0.5 || sk < -0.5 || si > nx - 0.5 || sj > ny - 0.5 || sk > nz - 0.5) {
                dst[at + x] = padding;
                continue;
            }
            double ci = Math.clamp(si, 0, nx - 1);
            double cj = Math.clamp(sj, 0, ny - 1);
            double ck = Math.clamp(sk, 0, nz - 1);
            int i0 = Math.min((int) ci, Math.max(0, nx - 2));
            int j0 = Math.min((int) cj, Math.max(0, ny - 2));
            int k0 = Math.min((int) ck, Math.max(0, nz - 2));
            float fx = (float) (ci - i0);
            float fy = (float) (cj - j0);
            float fz = (float) (ck - k0);
            if (k0 != lastK0) {
                s0 = slices[k0 - kLow];
                s1 = nz > 1 ? slices[k0 + 1 - kLow] : s0;
                lastK0 = k0;
            }
            int i1 = nx > 1 ? i0 + 1 : i0;
            int j1 = ny > 1 ? j0 + 1 : j0;
            int p00 = j0 * nx + i0;
            int p01 = j0 * nx + i1;
            int p10 = j1 * nx + i0;
            int p11 = j1 * nx + i1;
            float v0 = lerp(lerp(s0[p00], s0[p01], fx), lerp(s0[p10], s0[p11], fx), fy);
            float v1 = lerp(lerp(s1[p00], s1[p01], fx), lerp(s1[p10], s1[p11], fx), fy);
            dst[at + x] = normaliser.apply(lerp(v0, v1, fz));
        }
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    private int[] seriesRange(TilePlan.Tile tile, int extraSlices) {
        return seriesRange(tile.x(), tile.x() + layout.pi() - 1, tile.y(), tile.y() + layout.pj() - 1,
                tile.z() - extraSlices, tile.z() + layout.pk() - 1 + extraSlices);
    }

    /** The series slices (with one to spare each side) a box of model voxels interpolates between. */
    private int[] seriesRange(int x0, int x1, int y0, int y1, int z0, int z1) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int corner = 0; corner < 8; corner++) {
            int x = (corner & 1) == 0 ? x0 : x1;
            int y = (corner & 2) == 0 ? y0 : y1;
            int z = (corner & 4) == 0 ? z0 : z1;
            double k = a[8] * x + a[9] * y + a[10] * z + a[11];
            low = Math.min(low, k);
            high = Math.max(high, k);
        }
        int lo = Math.max(0, (int) Math.floor(low) - 1);
        int hi = Math.min(series.nz() - 1, (int) Math.ceil(high) + 1);
        return new int[] {Math.min(lo, hi), Math.max(hi, 0)};
    }
}
