// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.nio.FloatBuffer;
import org.lumen.aiassist.pipeline.TensorLayout;

/**
 * Fills one model input item (all channels of one tile) from the image through the transform:
 * each canvas pixel is traced back to the image; where one canvas pixel covers more than 1.5 image
 * pixels it takes the mean over its footprint (no aliasing when a mammogram is shrunk), otherwise the
 * bilinear value; outside the image it is the card's pad value (letterbox bars), and a tile that reaches past the
 * canvas repeats the canvas' last row and column. Values are normalised on the way.
 */
final class ImageSampler {

    private final PlanarImage image;
    private final ImageTransform transform;
    private final ImageNormaliser normaliser;
    private final float pad;
    private final int fx;
    private final int fy;

    ImageSampler(PlanarImage image, ImageTransform transform, ImageNormaliser normaliser, float pad) {
        this.image = image;
        this.transform = transform;
        this.normaliser = normaliser;
        this.pad = pad;
        this.fx = transform.footprintX() > 1.5 ? (int) Math.ceil(transform.footprintX()) : 1;
        this.fy = transform.footprintY() > 1.5 ? (int) Math.ceil(transform.footprintY()) : 1;
    }

    /** Writes the tile starting at canvas (u0, v0) into {@code out} from {@code offset}, in the layout's order. */
    void fill(int u0, int v0, TensorLayout layout, FloatBuffer out, int offset) {
        int channels = layout.channels();
        boolean direct = transform.identity();
        if (direct && layout.order() == org.lumen.aiassist.model.SpatialOrder.ZYX) {
            fillRows(u0, v0, layout, out, offset);
            return;
        }
        if (direct) {
            for (int y = 0; y < layout.pj(); y++) {
                int v = Math.min(v0 + y, transform.canvasRows() - 1);
                for (int x = 0; x < layout.pi(); x++) {
                    int u = Math.min(u0 + x, transform.canvasColumns() - 1);
                    for (int c = 0; c < channels; c++) {
                        float value = u < image.columns() && v < image.rows() ? normaliser.apply(c, image.value(c, u, v)) : pad;
                        out.put(offset + layout.index(c, x, y, 0), value);
                    }
                }
            }
            return;
        }
        new Resample(u0, layout).fill(v0, out, offset);
    }

    /**
     * Resampling one tile through a scaling or flipping transform, row by row and channel by channel: what each
     * tile column reads (its source columns and weights) is worked out once per tile, and per tile row and
     * channel each source row it needs is read once into a float buffer ({@link PlanarImage#readRow}), so the
     * inner loops are array arithmetic without a call per pixel. The values are exactly those of the per-pixel
     * definition: the same samples, added in the same order (footprint rows, then columns), with the same float
     * arithmetic for the bilinear case.
     */
    private final class Resample {

        private final TensorLayout layout;
        private final int pw;
        /** Tile columns outside the image (pad). */
        private final boolean[] outside;
        /** Footprint mean: per tile column its fx source columns (-1 outside the image) and its count inside. */
        private final int[] columns;
        private final int[] inside;
        /** Bilinear: per tile column its left and right source columns and the right one's weight. */
        private final int[] x0;
        private final int[] x1;
        private final float[] ax;
        /** The source columns the tile reads: [first, first + span). */
        private final int first;
        private final int span;
        private final float[][] rows;
        private final float[] line;

        Resample(int u0, TensorLayout layout) {
            this.layout = layout;
            this.pw = layout.pi();
            int w = image.columns();
            outside = new boolean[pw];
            columns = new int[pw * fx];
            inside = new int[pw];
            x0 = new int[pw];
            x1 = new int[pw];
            ax = new float[pw];
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int x = 0; x < pw; x++) {
                int u = Math.min(u0 + x, transform.canvasColumns() - 1);
                double ix = transform.toImageX(u);
                outside[x] = ix < -0.5 || ix > w - 0.5;
                if (outside[x]) {
                    continue;
                }
                if (fx == 1 && fy == 1) {
                    double cx = Math.clamp(ix, 0, w - 1);
                    x0[x] = Math.min((int) cx, w - 1);
                    x1[x] = Math.min(x0[x] + 1, w - 1);
                    ax[x] = (float) (cx - x0[x]);
                    lo = Math.min(lo, x0[x]);
                    hi = Math.max(hi, x1[x]);
                    continue;
                }
                double wx = transform.footprintX();
                for (int a = 0; a < fx; a++) {
                    int px = (int) Math.floor(ix - wx / 2 + (a + 0.5) * wx / fx + 0.5);
                    boolean in = px >= 0 && px < w;
                    columns[x * fx + a] = in ? px : -1;
                    if (in) {
                        inside[x]++;
                        lo = Math.min(lo, px);
                        hi = Math.max(hi, px);
                    }
                }
            }
            first = lo == Integer.MAX_VALUE ? 0 : lo;
            span = lo == Integer.MAX_VALUE ? 0 : hi - lo + 1;
            rows = new float[Math.max(2, fy)][span];
            line = new float[pw];
        }

        void fill(int v0, FloatBuffer out, int offset) {
            int h = image.rows();
            int[] sourceRows = new int[fy];
            boolean bulk = layout.order() == org.lumen.aiassist.model.SpatialOrder.ZYX;
            for (int y = 0; y < layout.pj(); y++) {
                // A tile reaching past the canvas repeats its last row and column: a constant there would be an edge the model
                // answers to, and a tile's output would then depend on how far it reached.
                int v = Math.min(v0 + y, transform.canvasRows() - 1);
                double iy = transform.toImageY(v);
                boolean rowOutside = iy < -0.5 || iy > h - 0.5;
                for (int c = 0; c < layout.channels(); c++) {
                    if (rowOutside || span == 0) {
                        java.util.Arrays.fill(line, pad);
                    } else if (fx == 1 && fy == 1) {
                        bilinearRow(c, iy);
                    } else {
                        meanRow(c, iy, sourceRows);
                    }
                    if (bulk) {
                        out.put(offset + layout.index(c, 0, y, 0), line, 0, pw);
                    } else {
                        for (int x = 0; x < pw; x++) {
                            out.put(offset + layout.index(c, x, y, 0), line[x]);
                        }
                    }
                }
            }
        }

        private void bilinearRow(int c, double iy) {
            int h = image.rows();
            double cy = Math.clamp(iy, 0, h - 1);
            int y0 = Math.min((int) cy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float ay = (float) (cy - y0);
            float[] top = rows[0];
            float[] bottom = rows[1];
            image.readRow(c, y0, first, span, top);
            image.readRow(c, y1, first, span, bottom);
            for (int x = 0; x < pw; x++) {
                if (outside[x]) {
                    line[x] = pad;
                    continue;
                }
                int a = x0[x] - first;
                int b = x1[x] - first;
                float wx = ax[x];
                float t = top[a] * (1 - wx) + top[b] * wx;
                float d = bottom[a] * (1 - wx) + bottom[b] * wx;
                line[x] = normaliser.apply(c, t * (1 - ay) + d * ay);
            }
        }

        private void meanRow(int c, double iy, int[] sourceRows) {
            int h = image.rows();
            double wy = transform.footprintY();
            int n = 0;
            for (int b = 0; b < fy; b++) {
                int py = (int) Math.floor(iy - wy / 2 + (b + 0.5) * wy / fy + 0.5);
                if (py >= 0 && py < h) {
                    image.readRow(c, py, first, span, rows[n]);
                    sourceRows[n++] = py;
                }
            }
            for (int x = 0; x < pw; x++) {
                if (outside[x]) {
                    line[x] = pad;
                    continue;
                }
                int count = n * inside[x];
                if (count == 0) {
                    line[x] = pad;
                    continue;
                }
                double sum = 0;
                int at = x * fx;
                for (int b = 0; b < n; b++) {
                    float[] row = rows[b];
                    for (int a = 0; a < fx; a++) {
                        int px = columns[at + a];
                        if (px >= 0) {
                            sum += row[px - first];
                        }
                    }
                }
                line[x] = normaliser.apply(c, (float) (sum / count));
            }
        }
    }

    /**
     * The common case of native tiles in [C, rows, columns] order: whole rows read at once and put
     * with one bulk copy each; past the image's last column or row its border repeats.
     */
    private void fillRows(int u0, int v0, TensorLayout layout, FloatBuffer out, int offset) {
        int pw = layout.pi();
        int inside = Math.max(0, Math.min(pw, image.columns() - u0));
        float[] row = new float[pw];
        for (int c = 0; c < layout.channels(); c++) {
            for (int y = 0; y < layout.pj(); y++) {
                int v = Math.min(v0 + y, image.rows() - 1);
                image.readRow(c, v, u0, inside, row);
                for (int x = 0; x < inside; x++) {
                    row[x] = normaliser.apply(c, row[x]);
                }
                for (int x = inside; x < pw; x++) {
                    row[x] = inside > 0 ? row[inside - 1] : pad;
                }
                out.put(offset + layout.index(c, 0, y, 0), row, 0, pw);
            }
        }
    }
}
