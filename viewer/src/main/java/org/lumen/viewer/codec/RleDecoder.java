// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits
 * segment per byte of each sample, most significant byte first, component by component. Any number
 * of components and bytes per sample (8, 16, 32-bit), up to the 15 segments the header allows.
 */
public final class RleDecoder {

    private RleDecoder() { }

    /**
     * Decodes one frame into one array per component of {@code rows × columns} values, each the sample's
     * bytes joined most significant first (unsigned; the caller applies Bits Stored and the sign).
     */
    public static int[][] decode(byte[] frame, int columns, int rows, int components, int bytesPerSample) throws JpegException {
        int segments = components * bytesPerSample;
        if (frame.length < 64) {
            throw new JpegException("the RLE frame is " + frame.length + " bytes, shorter than its 64-byte header");
        }
        int count = readInt(frame, 0);
        if (count != segments) {
            throw new JpegException("the RLE frame has " + count + " segments, but " + components + " components of "
                    + bytesPerSample + " bytes need " + segments);
        }
        int pixels = columns * rows;
        int[][] values = new int[components][pixels];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            int start = readInt(frame, 4 + 4 * s);
            int end = s + 1 < segments ? readInt(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new JpegException("RLE segment " + (s + 1) + " lies outside the frame (offset " + start + ")");
            }
            unpack(frame, start, end, plane, s + 1);
            int[] target = values[s / bytesPerSample];
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int i = 0; i < pixels; i++) {
                target[i] |= (plane[i] & 0xFF) << shift;
            }
        }
        return values;
    }

    /**
     * Decodes one greyscale frame of 8 or 16-bit samples straight into 16-bit words (the sample's bytes joined, most
     * significant first): the common case, without the 32-bit arrays of {@link #decode}.
     */
    public static short[] decodeWords(byte[] frame, int columns, int rows, int bytesPerSample) throws JpegException {
        if (bytesPerSample != 1 && bytesPerSample != 2) {
            throw new IllegalArgumentException("16-bit words hold 1 or 2 bytes a sample, not " + bytesPerSample);
        }
        int pixels = columns * rows;
        byte[][] planes = unpackSegments(frame, pixels, bytesPerSample);
        short[] words = new short[pixels];
        if (bytesPerSample == 1) {
            byte[] only = planes[0];
            for (int i = 0; i < pixels; i++) {
                words[i] = (short) (only[i] & 0xFF);
            }
        } else {
            byte[] high = planes[0];
            byte[] low = planes[1];
            for (int i = 0; i < pixels; i++) {
                words[i] = (short) ((high[i] & 0xFF) << 8 | (low[i] & 0xFF));
            }
        }
        return words;
    }

    /** Every segment of a frame that must hold {@code segments} of them, each unpacked to {@code pixels} bytes. */
    private static byte[][] unpackSegments(byte[] frame, int pixels, int segments) throws JpegException {
        if (frame.length < 64) {
            throw new JpegException("the RLE frame is " + frame.length + " bytes, shorter than its 64-byte header");
        }
        int count = readInt(frame, 0);
        if (count != segments) {
            throw new JpegException("the RLE frame has " + count + " segments, but 1 component of " + segments + " bytes needs "
                    + segments);
        }
        byte[][] planes = new byte[segments][pixels];
        for (int s = 0; s < segments; s++) {
            int start = readInt(frame, 4 + 4 * s);
            int end = s + 1 < segments ? readInt(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || end > frame.length || start > end) {
                throw new JpegException("RLE segment " + (s + 1) + " lies outside the frame (offset " + start + ")");
            }
            unpack(frame, start, end, planes[s], s + 1);
        }
        return planes;
    }

    /** PackBits: n ≥ 0 copies n + 1 bytes, -127 ≤ n ≤ -1 repeats the next byte 1 - n times, -128 does nothing. */
    private static void unpack(byte[] in, int from, int to, byte[] out, int segment) throws JpegException {
        int o = 0;
        int i = from;
        while (o < out.length && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int length = n + 1;
                if (i + length > to || o + length > out.length) {
                    throw new JpegException("RLE segment " + segment + " runs past its end");
                }
                System.arraycopy(in, i, out, o, length);
                i += length;
                o += length;
            } else if (n != -128) {
                int length = 1 - n;
                if (i >= to || o + length > out.length) {
                    throw new JpegException("RLE segment " + segment + " runs past its end");
                }
                java.util.Arrays.fill(out, o, o + length, in[i++]);
                o += length;
            }
        }
        if (o < out.length) {
            throw new JpegException("RLE segment " + segment + " holds " + o + " of the frame's " + out.length + " bytes");
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
