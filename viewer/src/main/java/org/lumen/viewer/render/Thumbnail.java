// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import java.util.Arrays;

/**
 * A small rendered preview of a series: opaque ARGB pixels, row-major, {@code width × height}.
 * The array is shared read-only once the thumbnail is published: never write into it.
 */
public record Thumbnail(int width, int height, int[] argb) {

    public Thumbnail {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("thumbnail size must be positive, was " + width + "x" + height);
        }
        if (argb == null || argb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " ARGB pixels for " + width + "x" + height
                    + ", got " + (argb == null ? "none" : argb.length));
        }
    }

    /** The ARGB pixel at column {@code x}, row {@code y}. */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** Equal when size and pixels are equal (not when the arrays are the same object). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Thumbnail t && t.width == width && t.height == height && Arrays.equals(t.argb, argb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(argb);
    }

    @Override
    public String toString() {
        return "Thumbnail[" + width + "x" + height + "]";
    }
}
