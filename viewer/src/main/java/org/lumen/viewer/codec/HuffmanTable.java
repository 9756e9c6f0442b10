// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * A JPEG Huffman table (T.81 Annex C) with a 9-bit lookup for short codes and the canonical search for long ones, and
 * for lossless JPEG a 12-bit lookup that yields code and extra bits together as the difference they encode.
 */
final class HuffmanTable {

    static final int LOOKUP_BITS = 9;
    /** Window of {@link #differences}: code and extra bits of the most frequent lossless differences fit in it. */
    static final int DIFFERENCE_BITS = 12;

    /** (length << 8 | symbol) for codes of up to LOOKUP_BITS bits, indexed by the next bits; 0 when longer. */
    final int[] lookup = new int[1 << LOOKUP_BITS];
    final int[] maxCode = new int[18];
    final int[] valueOffset = new int[17];
    final byte[] symbols;
    private final int[] counts;
    private int[] differences;

    HuffmanTable(int[] counts, byte[] symbols) {
        this.symbols = symbols;
        this.counts = counts;
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            valueOffset[length] = k - code;
            for (int i = 0; i < counts[length - 1]; i++, k++, code++) {
                if (length <= LOOKUP_BITS) {
                    int shift = LOOKUP_BITS - length;
                    int first = code << shift;
                    for (int fill = 0; fill < 1 << shift; fill++) {
                        lookup[first + fill] = length << 8 | (symbols[k] & 0xFF);
                    }
                }
            }
            maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    /**
     * For lossless decoding (T.81 H.1.2.2), indexed by the next {@link #DIFFERENCE_BITS} bits: (difference << 8 | bits
     * used) where a code and its SSSS extra bits fit the window, 0 where they do not (then the symbol is read alone).
     * Built on first use: the DCT decoder does not need it.
     */
    int[] differences() {
        int[] table = differences;
        if (table == null) {
            table = new int[1 << DIFFERENCE_BITS];
            int code = 0;
            int k = 0;
            for (int length = 1; length <= DIFFERENCE_BITS; length++) {
                for (int i = 0; i < counts[length - 1]; i++, k++, code++) {
                    int ssss = symbols[k] & 0xFF;
                    int extra = ssss == 16 ? 0 : ssss;
                    if (ssss > 16 || code >= 1 << length || length + extra > DIFFERENCE_BITS) {
                        // A corrupt category or code, or one too long for the window: read symbol by symbol.
                        continue;
                    }
                    int free = DIFFERENCE_BITS - length - extra;
                    for (int v = 0; v < 1 << extra; v++) {
                        int difference = ssss == 0 ? 0 : ssss == 16 ? 32768 : v < 1 << (extra - 1) ? v - (1 << extra) + 1 : v;
                        int first = (code << extra | v) << free;
                        for (int fill = 0; fill < 1 << free; fill++) {
                            table[first + fill] = difference << 8 | (length + extra);
                        }
                    }
                }
                code <<= 1;
            }
            differences = table;
        }
        return table;
    }

    /**
     * Reads a DHT segment's tables into {@code dc} and {@code ac} (class 0 and 1) by id.
     *
     * @return the position after the segment
     */
    static void readSegment(byte[] d, int p, int end, HuffmanTable[] dc, HuffmanTable[] ac) throws JpegException {
        while (p < end) {
            int tableClass = (d[p] & 0xFF) >> 4;
            int id = d[p] & 0x0F;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = d[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            if (id > 3 || tableClass > 1 || p + 17 + total > d.length) {
                throw new JpegException("bad Huffman table in the JPEG codestream");
            }
            byte[] symbols = new byte[total];
            System.arraycopy(d, p + 17, symbols, 0, total);
            (tableClass == 0 ? dc : ac)[id] = new HuffmanTable(counts, symbols);
            p += 17 + total;
        }
    }
}
