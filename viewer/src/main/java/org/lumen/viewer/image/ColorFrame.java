// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** A colour frame as packed 0xAARRGGBB pixels, ready to display. */
public record ColorFrame(int columns, int rows, int[] argb) implements DecodedFrame {

    @Override
    public long bytes() {
        return 4L * argb.length;
    }
}
