// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.nio.FloatBuffer;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.Activation;

/**
 * Blends dense tile outputs into one volume per kept class on the model grid: each output value,
 * turned into a probability (activation, or one-hot for a label map), is added with its tile's
 * blending weight; {@link #finish} divides by the total weight.
 */
final class DenseAccumulator {

    private static final float ROUNDING = 1e-5f;

    private final Grid grid;
    private final TensorLayout layout;
    private final int[] classes;
    private final Activation activation;
    private final boolean labelMap;
    private final BlendWindow window;
    private final float[][] sums;

    /**
     * @param classes  output channels to keep (or, for a label map, label values to keep)
     * @param labelMap true when the output is one channel of label values
     */
    DenseAccumulator(Grid grid, TensorLayout layout, int[] classes, Activation activation, boolean labelMap, BlendWindow window) {
        this.grid = grid;
        this.layout = layout;
        this.classes = classes.clone();
        this.activation = activation;
        this.labelMap = labelMap;
        this.window = window;
        this.sums = new float[classes.length][grid.arrayLength()];
    }

    /** Adds one tile's output; its slices in parallel on {@code pool} when there is one (they touch disjoint voxels). */
    void add(TilePlan.Tile tile, FloatBuffer out, int offset, java.util.concurrent.ExecutorService pool) throws Exception {
        int slices = Math.min(layout.pk(), grid.nz() - tile.z());
        ParallelSlices.forEach(pool, slices, z -> addSlice(tile, out, offset, z));
    }

    private void addSlice(TilePlan.Tile tile, FloatBuffer out, int offset, int z) {
        float[] wx = window.weights(0);
        float[] wy = window.weights(1);
        float[] wz = window.weights(2);
        int channels = layout.channels();
        float[] channel = new float[channels];
        float[][] rows = new float[channels][layout.pi()];
        int xs = Math.min(layout.pi(), grid.nx() - tile.x());
        int mz = tile.z() + z;
        for (int y = 0; y < layout.pj(); y++) {
            int my = tile.y() + y;
            if (my >= grid.ny()) {
                break;
            }
            float wyz = wy[y] * wz[z];
            int rowBase = grid.index(tile.x(), my, mz);
            for (int c = 0; c < channels; c++) {
                readRow(out, offset, c, y, z, rows[c]);
            }
            if (labelMap) {
                float[] labels = rows[0];
                for (int x = 0; x < xs; x++) {
                    int label = Math.round(labels[x]);
                    for (int c = 0; c < classes.length; c++) {
                        if (label == classes[c]) {
                            sums[c][rowBase + x] += wyz * wx[x];
                        }
                    }
                }
            } else if (activation == Activation.SOFTMAX) {
                for (int x = 0; x < xs; x++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < channels; c++) {
                        max = Math.max(max, rows[c][x]);
                    }
                    float total = 0;
                    for (int c = 0; c < channels; c++) {
                        channel[c] = (float) Math.exp(rows[c][x] - max);
                        total += channel[c];
                    }
                    float w = wyz * wx[x] / total;
                    for (int c = 0; c < classes.length; c++) {
                        sums[c][rowBase + x] += w * channel[classes[c]];
                    }
                }
            } else {
                for (int c = 0; c < classes.length; c++) {
                    float[] values = rows[classes[c]];
                    float[] sum = sums[c];
                    boolean sigmoid = activation == Activation.SIGMOID;
                    for (int x = 0; x < xs; x++) {
                        float v = sigmoid ? (float) (1 / (1 + Math.exp(-values[x]))) : values[x];
                        sum[rowBase + x] += wyz * wx[x] * v;
                    }
                }
            }
        }
    }

    /** One row of one channel of the tile's output, in bulk where the layout allows. */
    private void readRow(FloatBuffer out, int offset, int c, int y, int z, float[] into) {
        int start = offset + layout.index(c, 0, y, z);
        int stride = layout.strideX();
        if (stride == 1) {
            out.get(start, into, 0, layout.pi());
        } else {
            for (int x = 0; x < layout.pi(); x++) {
                into[x] = out.get(start + x * stride);
            }
        }
    }

    /**
     * The blended values per kept class on the model grid (the sums, divided in place), values
     * below {@code floor} set to 0; slices in parallel on {@code pool} when there is one.
     */
    float[][] finish(float floor, java.util.concurrent.ExecutorService pool) throws Exception {
        ParallelSlices.forEach(pool, grid.nz(), k -> {
            float sz = window.sum(2, k);
            for (int j = 0; j < grid.ny(); j++) {
                float syz = window.sum(1, j) * sz;
                int base = grid.index(0, j, k);
                for (int i = 0; i < grid.nx(); i++) {
                    float total = syz * window.sum(0, i);
                    for (float[] sum : sums) {
                        float v = total > 0 ? sum[base + i] / total : 0;
                        // Blending a probability of 1 can come out a rounding error above it; a model's own
                        // out-of-range values are left as they are.
                        sum[base + i] = v < floor ? 0 : v > 1 && v < 1 + ROUNDING ? 1 : v;
                    }
                }
            }
        });
        return sums;
    }
}
