// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/** Reads the entropy-coded bits of a JPEG scan: undoes byte stuffing, stops at markers, decodes Huffman symbols. */
final class JpegBitReader {

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final byte[] d;
    private int pos;
    private long buffer;
    private int count;
    private boolean markerHit;

    JpegBitReader(byte[] data, int start) {
        this.d = data;
        this.pos = start;
    }

    /**
     * The next lossless difference (T.81 H.1.2.2: category SSSS, then SSSS extra bits; 16 means 32768): from
     * {@link HuffmanTable#differences} in one look when code and extra bits fit its window, else symbol by symbol.
     */
    int difference(HuffmanTable table) throws JpegException {
        if (count < 32) {
            fill();
        }
        int entry = table.differences()[(int) (buffer >>> (count - HuffmanTable.DIFFERENCE_BITS)) & ((1 << HuffmanTable.DIFFERENCE_BITS) - 1)];
        if (entry != 0) {
            count -= entry & 0xFF;
            return entry >> 8;
        }
        int ssss = symbol(table);
        if (ssss == 0) {
            return 0;
        }
        return ssss == 16 ? 32768 : signed(ssss);
    }

    /** The next Huffman-coded symbol. */
    int symbol(HuffmanTable table) throws JpegException {
        if (count < 16) {
            fill();
        }
        int peek = (int) (buffer >>> (count - HuffmanTable.LOOKUP_BITS)) & ((1 << HuffmanTable.LOOKUP_BITS) - 1);
        int entry = table.lookup[peek];
        if (entry != 0) {
            count -= entry >> 8;
            return entry & 0xFF;
        }
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            if (count == 0) {
                fill();
            }
            code = code << 1 | (int) (buffer >>> (count - 1)) & 1;
            count--;
            if (code <= table.maxCode[length]) {
                return table.symbols[table.valueOffset[length] + code] & 0xFF;
            }
        }
        throw new JpegException("corrupt JPEG codestream: no Huffman code matches");
    }

    /** {@code n} raw bits (0 ≤ n ≤ 16). */
    int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (count < n) {
            fill();
        }
        int value = (int) (buffer >>> (count - n)) & ((1 << n) - 1);
        count -= n;
        return value;
    }

    /** T.81 F.2.2.1 EXTEND: {@code n} bits read as a signed magnitude category. */
    int signed(int n) {
        int v = bits(n);
        return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
    }

    /** Skips to just past the next RSTn marker and clears the bit buffer. */
    void restart() throws JpegException {
        buffer = 0;
        count = 0;
        markerHit = false;
        while (pos + 1 < d.length && !((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xFF) >= 0xD0 && (d[pos + 1] & 0xFF) <= 0xD7)) {
            pos++;
        }
        if (pos + 1 >= d.length) {
            throw new JpegException("truncated JPEG codestream: a restart marker is missing");
        }
        pos += 2;
    }

    /** Tops the buffer up to more than 56 bits; past a marker (or the end) it feeds zeros. */
    private void fill() {
        if (!markerHit && count <= 55 && pos + 8 <= d.length) {
            long next = (long) BIG_ENDIAN_LONG.get(d, pos);
            long x = ~next;
            if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) == 0) {
                // No 0xFF in the next eight bytes (the SWAR zero-byte test on the complement): no stuffing, no
                // marker, so whole bytes go in at once.
                int bytes = (63 - count) >> 3;
                buffer = buffer << (8 * bytes) | next >>> (64 - 8 * bytes);
                count += 8 * bytes;
                pos += bytes;
                return;
            }
        }
        while (count <= 56) {
            int b = 0;
            if (!markerHit && pos < d.length) {
                b = d[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < d.length ? d[pos + 1] & 0xFF : 0;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        markerHit = true;
                        b = 0;
                    }
                } else {
                    pos++;
                }
            }
            buffer = buffer << 8 | b;
            count += 8;
        }
    }
}
