// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** How an instance's pixels are laid out (Image Pixel module). */
public record PixelDescription(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated,
                               int bitsStored, int highBit, boolean signed, int planarConfiguration,
                               Photometric photometric) {

    public long bytesPerFrame() {
        return (long) rows * columns * samplesPerPixel * Math.max(1, bitsAllocated / 8);
    }

    public boolean isColor() {
        return samplesPerPixel == 3 || photometric == Photometric.PALETTE_COLOR;
    }
}
