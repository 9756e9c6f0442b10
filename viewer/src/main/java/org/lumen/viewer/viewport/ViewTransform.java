// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

/**
 * How an image sits in its viewport: zoom relative to "fit", pan in screen pixels, rotation in
 * quarter turns clockwise, and flips. Immutable; {@link ScreenMapping} turns it into the matrix
 * for a given viewport size.
 */
public record ViewTransform(double zoom, double panX, double panY, int quarterTurns, boolean flipHorizontal, boolean flipVertical) {

    public static final ViewTransform FIT = new ViewTransform(1, 0, 0, 0, false, false);

    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 64;

    public ViewTransform {
        zoom = Math.clamp(zoom, MIN_ZOOM, MAX_ZOOM);
        quarterTurns = Math.floorMod(quarterTurns, 4);
    }

    public ViewTransform withZoom(double z) {
        return new ViewTransform(z, panX, panY, quarterTurns, flipHorizontal, flipVertical);
    }

    public ViewTransform panBy(double dx, double dy) {
        return new ViewTransform(zoom, panX + dx, panY + dy, quarterTurns, flipHorizontal, flipVertical);
    }

    public ViewTransform rotateClockwise(int quarters) {
        return new ViewTransform(zoom, panX, panY, quarterTurns + quarters, flipHorizontal, flipVertical);
    }

    /** Mirrors left-right on screen (after rotation, as users see it). */
    public ViewTransform flipHorizontally() {
        return new ViewTransform(zoom, panX, panY, quarterTurns, !flipHorizontal, flipVertical);
    }

    public ViewTransform flipVertically() {
        return new ViewTransform(zoom, panX, panY, quarterTurns, flipHorizontal, !flipVertical);
    }

    /** Back to fit, keeping the orientation. */
    public ViewTransform fitted() {
        return new ViewTransform(1, 0, 0, quarterTurns, flipHorizontal, flipVertical);
    }
}
