// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * DICOM RLE Lossless (PS3.5 Annex G) for the one case PixelMed and pydicom leave out: a frame of
 * one-bit pixels (a BINARY SEG), a single segment whose bytes are the frame's packed bits.
 */
final class RleFrames {

    private RleFrames() { }

    /** The frame's {@code pixels} one-bit values, one byte each, from its RLE-encoded fragment. */
    static byte[] decodeOneBit(byte[] fragment, int pixels) throws IOException {
        if (fragment.length < 64) {
            throw new IOException("an RLE frame of " + fragment.length + " bytes has no 64-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(fragment, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        int segments = header.getInt();
        if (segments != 1) {
            throw new IOException("a one-bit RLE frame has 1 segment, not " + segments);
        }
        int start = header.getInt();
        byte[] packed = new byte[(pixels + 7) / 8];
        int in = start;
        int out = 0;
        while (out < packed.length && in < fragment.length) {
            int n = fragment[in++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(packed.length - out, fragment.length - in));
                System.arraycopy(fragment, in, packed, out, count);
                in += n + 1;
                out += count;
            } else if (n != -128) {
                int count = Math.min(1 - n, packed.length - out);
                byte value = in < fragment.length ? fragment[in] : 0;
                for (int i = 0; i < count; i++) {
                    packed[out++] = value;
                }
                in++;
            }
        }
        byte[] values = new byte[pixels];
        for (int v = 0; v < pixels; v++) {
            values[v] = (byte) ((packed[v >>> 3] >> (v & 7)) & 1);
        }
        return values;
    }
}
