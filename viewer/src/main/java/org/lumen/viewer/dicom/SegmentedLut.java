// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.DicomException;

/**
 * Expands segmented palette colour lookup table data (PS3.3 C.7.9.2): discrete segments (opcode 0)
 * copy values, linear segments (1) ramp from the previous value to an end value, indirect segments
 * (2) repeat earlier segments found by their word offset.
 */
final class SegmentedLut {

    private SegmentedLut() { }

    /**
     * @param units the data's 16-bit words, or for 8-bit tables its bytes (a segmented 8-bit table packs
     *              its opcodes, lengths and values in bytes)
     */
    static int[] expand(int[] units, int entries) throws DicomException {
        int[] words = units;
        int[] out = new int[entries];
        int filled = expand(words, 0, words.length, Integer.MAX_VALUE, out, 0, 0);
        if (filled < entries) {
            throw new DicomException("segmented palette data fills " + filled + " of its " + entries + " entries");
        }
        return out;
    }

    /** Expands up to {@code segments} segments from word {@code from}; returns the number of entries filled. */
    private static int expand(int[] w, int from, int to, int segments, int[] out, int filled, int depth) throws DicomException {
        if (depth > 4) {
            throw new DicomException("segmented palette data refers to itself too deeply");
        }
        int i = from;
        for (int s = 0; s < segments && i + 1 < to; s++) {
            int opcode = w[i];
            int length = w[i + 1];
            i += 2;
            switch (opcode) {
                case 0 -> {
                    for (int k = 0; k < length && filled < out.length; k++) {
                        out[filled++] = w[i + k];
                    }
                    i += length;
                }
                case 1 -> {
                    if (filled == 0) {
                        throw new DicomException("segmented palette data starts with a linear segment");
                    }
                    int start = out[filled - 1];
                    int end = w[i++];
                    for (int k = 1; k <= length && filled < out.length; k++) {
                        out[filled++] = (int) Math.round(start + (end - start) * (double) k / length);
                    }
                }
                case 2 -> {
                    int offset = w[i] | w[i + 1] << 16;
                    i += 2;
                    if (offset < 0 || offset >= w.length) {
                        throw new DicomException("segmented palette data points outside itself (offset " + offset + ")");
                    }
                    filled = expand(w, offset, w.length, length, out, filled, depth + 1);
                }
                default -> throw new DicomException("segmented palette data has an unknown segment type " + opcode);
            }
        }
        return filled;
    }
}
