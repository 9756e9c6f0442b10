// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

/**
 * The affine map between continuous image coordinates (pixel (c, r) covers [c, c+1) × [r, r+1))
 * and viewport screen pixels, for one plane, one transform and one viewport size. The image is
 * scaled to its physical aspect (millimetres, not pixels), centred, then zoomed, rotated, flipped
 * and panned. screen = [a b; c d] · image + [tx; ty].
 */
public record ScreenMapping(double a, double b, double c, double d, double tx, double ty, double fitMmToScreen, double mmToScreen) {

    public static ScreenMapping of(ViewPlane plane, ViewTransform t, double viewportWidth, double viewportHeight) {
        double pw = plane.pixelWidthMm();
        double ph = plane.pixelHeightMm();
        double widthMm = plane.width() * pw;
        double heightMm = plane.height() * ph;
        boolean sideways = t.quarterTurns() % 2 == 1;
        double fit = Math.min(viewportWidth / (sideways ? heightMm : widthMm), viewportHeight / (sideways ? widthMm : heightMm));
        if (!(fit > 0) || Double.isInfinite(fit)) {
            fit = 1;
        }
        double s = fit * t.zoom();
        // image px → mm about the image centre
        double m00 = pw * s;
        double m11 = ph * s;
        double[][] m = {{m00, 0}, {0, m11}};
        for (int q = 0; q < t.quarterTurns(); q++) { // clockwise on screen (y down): (x, y) → (-y, x)
            m = new double[][] {{-m[1][0], -m[1][1]}, {m[0][0], m[0][1]}};
        }
        if (t.flipHorizontal()) {
            m[0][0] = -m[0][0];
            m[0][1] = -m[0][1];
        }
        if (t.flipVertical()) {
            m[1][0] = -m[1][0];
            m[1][1] = -m[1][1];
        }
        double cx = plane.width() / 2.0;
        double cy = plane.height() / 2.0;
        double tx = viewportWidth / 2 + t.panX() - (m[0][0] * cx + m[0][1] * cy);
        double ty = viewportHeight / 2 + t.panY() - (m[1][0] * cx + m[1][1] * cy);
        return new ScreenMapping(m[0][0], m[0][1], m[1][0], m[1][1], tx, ty, fit, s);
    }

    /** Screen position of continuous image coordinates. */
    public double[] toScreen(double x, double y) {
        return new double[] {a * x + b * y + tx, c * x + d * y + ty};
    }

    /** Continuous image coordinates of a screen position. */
    public double[] toImage(double sx, double sy) {
        double det = a * d - b * c;
        double u = sx - tx;
        double v = sy - ty;
        return new double[] {(d * u - b * v) / det, (-c * u + a * v) / det};
    }

    /** Screen position of a pixel's centre (plane pixel coordinates, centres at integers). */
    public double[] pixelCenterToScreen(double px, double py) {
        return toScreen(px + 0.5, py + 0.5);
    }

    /** Plane pixel coordinates (centres at integers) under a screen position. */
    public double[] screenToPixel(double sx, double sy) {
        double[] p = toImage(sx, sy);
        return new double[] {p[0] - 0.5, p[1] - 0.5};
    }

    /** Screen pixels per image pixel along x, for "1:1" zoom and the overlay's zoom figure. */
    public double screenPixelsPerImagePixel(ViewPlane plane) {
        return mmToScreen * plane.pixelWidthMm();
    }
}
