// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/**
 * Stored values of a greyscale frame: 16-bit samples in {@code data16} (read as unsigned when
 * {@code unsigned}), or 32-bit samples in {@code data32} (RT Dose and other 32-bit objects; also read as
 * unsigned when {@code unsigned}, as Pixel Representation 0 says).
 */
public record GrayFrame(int columns, int rows, short[] data16, boolean unsigned, int[] data32) implements DecodedFrame {

    public static GrayFrame of16(int columns, int rows, short[] data, boolean unsigned) {
        return new GrayFrame(columns, rows, data, unsigned, null);
    }

    public static GrayFrame of32(int columns, int rows, int[] data, boolean unsigned) {
        return new GrayFrame(columns, rows, null, unsigned, data);
    }

    public boolean is16Bit() {
        return data16 != null;
    }

    /** The stored value at pixel index {@code i} (row-major). */
    public long sample(int i) {
        if (data16 != null) {
            return unsigned ? data16[i] & 0xFFFF : data16[i];
        }
        return unsigned ? data32[i] & 0xFFFFFFFFL : data32[i];
    }

    @Override
    public long bytes() {
        return data16 != null ? 2L * data16.length : 4L * data32.length;
    }
}
