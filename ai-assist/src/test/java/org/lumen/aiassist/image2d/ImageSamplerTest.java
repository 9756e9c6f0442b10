// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.model.ImageNormalisation;
import org.lumen.aiassist.model.SpatialOrder;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.TensorLayout;

/**
 * The row-buffer resampling of {@link ImageSampler} and the separable map-back of {@link ImagePipeline#toImage} give,
 * bit for bit, the values of their definitions sampled pixel by pixel (the footprint mean in footprint-row order, the
 * bilinear value in float arithmetic), over shrinking, enlarging, stretching, flipping, letterbox bars, crops and tiles
 * past the canvas, in both tensor layouts. The image holds fractional values, so an order of addition that differed
 * would show.
 */
class ImageSamplerTest {

    private static final int W = 203;
    private static final int H = 157;

    /** Scale x, scale y, offset x, offset y, flip, canvas columns, canvas rows. */
    private static final List<ImageTransform> TRANSFORMS = List.of(
            new ImageTransform(W, H, false, 0.5, 0.5, 0, 0, 102, 79),              // the fundus demo: downsample 2, tiled
            new ImageTransform(W, H, false, 0.25, 0.25, 0, 0, 51, 40),             // downsample 4
            new ImageTransform(W, H, true, 0.31, 0.31, 0, 7.2, 64, 64),            // letterbox, flipped, bars above and below
            new ImageTransform(W, H, false, 64.0 / W, 0.9, 0, 0, 64, 141),         // stretch: one axis shrunk, the other not
            new ImageTransform(W, H, false, 1.7, 1.7, -40.3, -20.1, 96, 96),       // centre crop of an enlarged image (bilinear)
            new ImageTransform(W, H, true, 1.0, 1.0, 3, 2, 96, 96),                // flipped at native size, offset
            new ImageTransform(W, H, false, 0.7, 0.7, 12.5, 0, 96, 96));           // mild shrink (bilinear), bars left and right

    @Test
    void tilesAreTheValuesOfThePerPixelDefinition() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] planes = new float[3][W * H];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (r.nextDouble() * 1000 - 300);
            }
        }
        PlanarImage image = new ArrayImage(W, H, planes);
        ImageNormaliser norm = ImageNormaliser.of(ImageNormalisation.channelMeanStd(1 / 255.0, new double[] {0.4, 0.5, 0.6},
                new double[] {0.2, 0.25, 0.3}), image);
        int checked = 0;
        for (ImageTransform t : TRANSFORMS) {
            for (SpatialOrder order : SpatialOrder.values()) {
                TensorLayout layout = new TensorLayout(order, 3, 48, 40, 1);
                ImageSampler sampler = new ImageSampler(image, t, norm, -2.5f);
                for (int[] tile : new int[][] {{0, 0}, {t.canvasColumns() - 30, t.canvasRows() - 25}, {7, 3}}) {
                    FloatBuffer got = FloatBuffer.allocate(layout.itemSize() + 5);
                    sampler.fill(tile[0], tile[1], layout, got, 5);
                    for (int y = 0; y < layout.pj(); y++) {
                        int v = Math.min(tile[1] + y, t.canvasRows() - 1);
                        for (int x = 0; x < layout.pi(); x++) {
                            int u = Math.min(tile[0] + x, t.canvasColumns() - 1);
                            for (int c = 0; c < 3; c++) {
                                float expected = reference(image, t, norm, -2.5f, c, t.toImageX(u), t.toImageY(v));
                                float actual = got.get(5 + layout.index(c, x, y, 0));
                                assertThat(Float.floatToIntBits(actual)).as("%s %s tile %d,%d pixel %d,%d channel %d: %s vs %s", t.describe(),
                                        order, tile[0], tile[1], x, y, c, actual, expected).isEqualTo(Float.floatToIntBits(expected));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(TRANSFORMS.size() * 2 * 3 * 48 * 40 * 3);
    }

    @Test
    void mapsBackAreTheBilinearValuesAtEachMapPixel() {
        SplittableRandom r = new SplittableRandom(11);
        for (ImageTransform t : TRANSFORMS) {
            float[] canvas = new float[t.canvasColumns() * t.canvasRows()];
            for (int i = 0; i < canvas.length; i++) {
                canvas[i] = (float) r.nextDouble();
            }
            Heatmap2D map = ImagePipeline.toImage(canvas.clone(), t, "x", 0, "#FFFFFF", 0.5, Heatmap.PROBABILITY);
            int step = map.step();
            for (int b = 0; b < map.rows(); b++) {
                for (int a = 0; a < map.columns(); a++) {
                    double u = t.toCanvasX(Math.min(W - 1, (a + 0.5) * step - 0.5));
                    double v = t.toCanvasY(Math.min(H - 1, (b + 0.5) * step - 0.5));
                    float expected = bilinearMap(canvas, t.canvasColumns(), t.canvasRows(), u, v);
                    assertThat(Float.floatToIntBits(map.values()[b * map.columns() + a])).as("%s map pixel %d,%d", t.describe(), a, b)
                            .isEqualTo(Float.floatToIntBits(expected));
                }
            }
        }
    }

    /** The sampler's definition, pixel by pixel: pad outside; the footprint's mean when shrunk by more than 1.5; else bilinear. */
    private static float reference(PlanarImage image, ImageTransform t, ImageNormaliser norm, float pad, int c, double x, double y) {
        int w = image.columns();
        int h = image.rows();
        int fx = t.footprintX() > 1.5 ? (int) Math.ceil(t.footprintX()) : 1;
        int fy = t.footprintY() > 1.5 ? (int) Math.ceil(t.footprintY()) : 1;
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
            return pad;
        }
        if (fx == 1 && fy == 1) {
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
            return norm.apply(c, top * (1 - ay) + bottom * ay);
        }
        double wx = t.footprintX();
        double wy = t.footprintY();
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
        return n == 0 ? pad : norm.apply(c, (float) (sum / n));
    }

    private static float bilinearMap(float[] map, int w, int h, double u, double v) {
        if (u < -0.5 || v < -0.5 || u > w - 0.5 || v > h - 0.5) {
            return 0;
        }
        double cu = Math.clamp(u, 0, w - 1);
        double cv = Math.clamp(v, 0, h - 1);
        int x0 = Math.min((int) cu, w - 1);
        int y0 = Math.min((int) cv, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float ax = (float) (cu - x0);
        float ay = (float) (cv - y0);
        float top = map[y0 * w + x0] * (1 - ax) + map[y0 * w + x1] * ax;
        float bottom = map[y1 * w + x0] * (1 - ax) + map[y1 * w + x1] * ax;
        return top * (1 - ay) + bottom * ay;
    }
}
