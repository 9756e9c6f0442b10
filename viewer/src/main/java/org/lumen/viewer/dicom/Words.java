// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;

/** Reads a PixelMed OB/OW value as the sample width the image declares, checking there is enough of it. */
final class Words {

    private Words() { }

    static short[] shorts(Attribute a, long needed) throws DicomException, UnusableFileException {
        short[] values;
        if ("OB".equals(a.getVRAsString())) {
            byte[] bytes = a.getByteValues();
            values = new short[bytes.length / 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8);
            }
        } else {
            values = a.getShortValues();
        }
        return requireLength(values, values == null ? 0 : values.length, needed);
    }

    static short[] bytesAsShorts(Attribute a, long needed) throws DicomException, UnusableFileException {
        byte[] bytes = bytes(a, needed);
        short[] values = new short[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = (short) (bytes[i] & 0xFF);
        }
        return values;
    }

    static byte[] bytes(Attribute a, long needed) throws DicomException, UnusableFileException {
        byte[] bytes;
        if ("OW".equals(a.getVRAsString())) {
            // 8-bit samples in an OW value: each word holds two samples, the first in its low byte.
            short[] words = a.getShortValues();
            bytes = new byte[words.length * 2];
            for (int i = 0; i < words.length; i++) {
                bytes[2 * i] = (byte) words[i];
                bytes[2 * i + 1] = (byte) (words[i] >> 8);
            }
        } else {
            bytes = a.getByteValues();
        }
        return requireLength(bytes, bytes == null ? 0 : bytes.length, needed);
    }

    /**
     * 32-bit samples from the 16-bit words PixelMed hands back (already in the machine's order): the
     * low word comes first in a little-endian file, the high word first in a big-endian one.
     */
    static int[] ints(Attribute a, long needed, boolean bigEndian) throws DicomException, UnusableFileException {
        short[] words = shorts(a, needed * 2);
        int[] values = new int[(int) needed];
        int low = bigEndian ? 1 : 0;
        int high = 1 - low;
        for (int i = 0; i < values.length; i++) {
            values[i] = (words[2 * i + low] & 0xFFFF) | words[2 * i + high] << 16;
        }
        return values;
    }

    private static <T> T requireLength(T values, long length, long needed) throws UnusableFileException {
        if (length < needed) {
            throw new UnusableFileException("truncated: pixel data has " + length + " samples, the image needs " + needed);
        }
        return values;
    }
}
