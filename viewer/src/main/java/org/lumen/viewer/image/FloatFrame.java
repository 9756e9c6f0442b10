// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** Real values of a Float or Double Float Pixel Data frame (parametric maps), row-major, in single precision. */
public record FloatFrame(int columns, int rows, float[] values) implements DecodedFrame {

    @Override
    public long bytes() {
        return 4L * values.length;
    }
}
