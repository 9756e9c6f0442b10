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
        for (int y = 0; y < layout.pj(); y++) {
            // A tile reaching past the canvas repeats its last row and column: a constant there would be an edge the model
            // answers to, and a tile's output would then depend on how far it reached.
            int v = Math.min(v0 + y, transform.canvasRows() - 1);
            double iy = transform.toImageY(v);
            for (int x = 0; x < layout.pi(); x++) {
                int u = Math.min(u0 + x, transform.canvasColumns() - 1);
                for (int c = 0; c < channels; c++) {
                    float value;
                    if (direct) {
                        value = u < image.columns() && v < image.rows() ? normaliser.apply(c, image.value(c, u, v)) : pad;
                    } else {
                        value = sample(c, transform.toImageX(u), iy);
                    }
                    out.put(offset + layout.index(c, x, y, 0), value);
                }
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

    private float sample(int c, double x, double y) {
        int w = image.columns();
        int h = image.rows();
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
            return pad;
        }
        if (fx == 1 && fy == 1) {
            return normaliser.apply(c, bilinear(c, x, y));
        }
        // The footprint's mean: fx × fy evenly spaced samples over the canvas pixel's extent on the image.
        double wx = transform.footprintX();
        double wy = transform.footprintY();
        double sum = 0;
        int n = 0;
        for (int b = 0; b < fy; b++) {
            int py = (int) Math.floor(y - wy / 2 + (b + 0.5) * wy / fy + 0.5);
            if (py < 0 || py >= h) {
                continue;
            }
            for (int a = 0; a < fx; a++) {
                int px = (int) Math.floor(x - wx / 2 + (a + 0.5) * wx / fx + 0.5);
                if (px >= 0 && px < w) {
                    sum += image.value(c, px, py);
                    n++;
                }
            }
        }
        return n == 0 ? pad : normaliser.apply(c, (float) (sum / n));
    }

    private float bilinear(int c, double x, double y) {
        int w = image.columns();
        int h = image.rows();
        double cx = Math.clamp(x, 0, w - 1);
        double cy = Math.clamp(y, 0, h - 1);
        int x0 = Math.min((int) cx, w - 1);
        int y0 = Math.min((int) cy, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float ax = (float) (cx - x0);
        float ay = (float) (cy - y0);
        float top = image.value(c, x0, y0) * (1 - ax) + image.value(c, x1, y0) * ax;
        float bottom = image.value(c, x0, y1) * (1 - ax) + image.value(c, x1, y1) * ax;
        return top * (1 - ay) + bottom * ay;
    }
}
