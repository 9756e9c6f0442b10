// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Locale;

/**
 * How an image's pixels map onto the model's canvas and back: an optional left-right flip, a scale
 * per axis, and an offset (letterbox bars are a positive offset, a centre crop a negative one).
 * Pixel centres sit at whole coordinates in both: image pixel x maps to canvas
 * {@code u = (x' + 0.5)·sx − 0.5 + ox}, with {@code x' = columns − 1 − x} when flipped. Findings,
 * boxes and heatmaps go back through {@link #toImageX}/{@link #toImageY}, so they are always in the
 * original image's pixels whatever the model saw.
 *
 * @param canvasColumns the canvas the model's tiles cover (the patch for letterbox, stretch and crop)
 */
public record ImageTransform(int imageColumns, int imageRows, boolean flipped, double sx, double sy, double ox, double oy,
                             int canvasColumns, int canvasRows) {

    public double toCanvasX(double x) {
        double xf = flipped ? imageColumns - 1 - x : x;
        return (xf + 0.5) * sx - 0.5 + ox;
    }

    public double toCanvasY(double y) {
        return (y + 0.5) * sy - 0.5 + oy;
    }

    public double toImageX(double u) {
        double xf = (u - ox + 0.5) / sx - 0.5;
        return flipped ? imageColumns - 1 - xf : xf;
    }

    public double toImageY(double v) {
        return (v - oy + 0.5) / sy - 0.5;
    }

    /** Image pixels per canvas pixel along x (above 1 when the image is shrunk). */
    public double footprintX() {
        return 1 / sx;
    }

    public double footprintY() {
        return 1 / sy;
    }

    /** Whether canvas pixel (u, v) is image pixel (u, v) (native tiles, no flip). */
    public boolean identity() {
        return !flipped && sx == 1 && sy == 1 && ox == 0 && oy == 0;
    }

    /**
     * A box [u0, v0, u1, v1] on the canvas as a box [x0, y0, x1, y1] on the image, in the same
     * continuous pixel coordinates (a pixel's edges lie at ±0.5 around its centre); the map is affine,
     * so edges map like centres. A flip swaps the x edges, so x0 ≤ x1 still.
     */
    public double[] boxToImage(double u0, double v0, double u1, double v1) {
        double a = toImageX(u0);
        double b = toImageX(u1);
        return new double[] {Math.min(a, b), toImageY(v0), Math.max(a, b), toImageY(v1)};
    }

    /** In words, for logs and findings.json: "flipped left-right, scaled 0.25 x 0.25, offset (0, 64) onto 512x512". */
    public String describe() {
        return String.format(Locale.ROOT, "%s%dx%d image scaled %.4g x %.4g, offset (%.1f, %.1f), onto a %dx%d canvas",
                flipped ? "flipped left-right, " : "", imageColumns, imageRows, sx, sy, ox, oy, canvasColumns, canvasRows);
    }
}
