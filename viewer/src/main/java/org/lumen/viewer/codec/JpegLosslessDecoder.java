// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * Decodes lossless JPEG (ITU T.81 process 14, any predictor 1–7, point transform, restart
 * intervals) for 2–16-bit greyscale images, the codec of DICOM's JPEG Lossless transfer syntaxes.
 * Written because PixelMed's decoder was measured ten times slower on CT slices
 * (docs/decisions/0005-jpeg-lossless-decoder.md). Huffman codes up to 9 bits are decoded with
 * one table lookup; longer codes fall back to the canonical code search.
 */
public final class JpegLosslessDecoder {

    private static final int LOOKUP_BITS = 9;

    private JpegLosslessDecoder() { }

    /** The decoded image: {@code samples} row-major, unsigned values of {@code precision} bits. */
    public record Image(int width, int height, int precision, short[] samples) { }

    public static Image decode(byte[] data) throws CodecException {
        return new Parser(data).decode();
    }

    /** A JPEG codestream Lumen cannot decode, with the reason. */
    public static final class CodecException extends Exception {
        public CodecException(String message) {
            super(message);
        }
    }

    private static final class Huffman {
        final int[] lookup = new int[1 << LOOKUP_BITS]; // (length << 8 | symbol), 0 when longer
        final int[] maxCode = new int[18];
        final int[] valueOffset = new int[17];
        final byte[] symbols;

        Huffman(int[] counts, byte[] symbols) {
            this.symbols = symbols;
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
    }

    private static final class Parser {
        private final byte[] d;
        private int pos;
        private final Huffman[] tables = new Huffman[4];
        private int precision;
        private int width;
        private int height;
        private int restartInterval;
        // Bit reader state.
        private long bitBuffer;
        private int bitCount;
        private boolean markerHit;

        Parser(byte[] data) {
            this.d = data;
        }

        Image decode() throws CodecException {
            if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
                throw new CodecException("not a JPEG codestream (no SOI marker)");
            }
            pos = 2;
            while (pos + 4 <= d.length) {
                int marker = readMarker();
                int length = u16(pos);
                int segment = pos + 2;
                switch (marker) {
                    case 0xC3 -> frameHeader(segment);
                    case 0xC4 -> huffmanTables(segment, pos + length);
                    case 0xDD -> restartInterval = u16(segment);
                    case 0xDA -> {
                        return scan(segment, pos + length);
                    }
                    case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw new CodecException(String.format("JPEG process SOF%d is not lossless process 14", marker - 0xC0));
                    default -> { } // APPn, COM, DQT and the like carry nothing a lossless decoder needs
                }
                pos += length;
            }
            throw new CodecException("JPEG codestream ends before its scan (no SOS marker)");
        }

        private int readMarker() throws CodecException {
            while (pos < d.length && (d[pos] & 0xFF) != 0xFF) {
                pos++; // tolerate stray bytes between segments
            }
            while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                throw new CodecException("truncated JPEG codestream");
            }
            return d[pos++] & 0xFF;
        }

        private void frameHeader(int p) throws CodecException {
            precision = d[p] & 0xFF;
            height = u16(p + 1);
            width = u16(p + 3);
            int components = d[p + 5] & 0xFF;
            if (components != 1) {
                throw new CodecException("lossless JPEG with " + components + " components: only greyscale is decoded here");
            }
            if (precision < 2 || precision > 16 || width == 0 || height == 0) {
                throw new CodecException("bad lossless JPEG frame header: " + width + "x" + height + ", " + precision + " bits");
            }
        }

        private void huffmanTables(int p, int end) throws CodecException {
            while (p < end) {
                int id = d[p] & 0x0F;
                int[] counts = new int[16];
                int total = 0;
                for (int i = 0; i < 16; i++) {
                    counts[i] = d[p + 1 + i] & 0xFF;
                    total += counts[i];
                }
                if (id > 3 || p + 17 + total > d.length) {
                    throw new CodecException("bad Huffman table in the JPEG codestream");
                }
                byte[] symbols = new byte[total];
                System.arraycopy(d, p + 17, symbols, 0, total);
                tables[id] = new Huffman(counts, symbols);
                p += 17 + total;
            }
        }

        private Image scan(int p, int end) throws CodecException {
            if (width == 0) {
                throw new CodecException("JPEG scan before its frame header");
            }
            int tableId = (d[p + 2] & 0xFF) >> 4;
            int predictor = d[p + 1 + 2 * (d[p] & 0xFF)] & 0xFF;
            int pointTransform = d[p + 3 + 2 * (d[p] & 0xFF)] & 0x0F;
            Huffman table = tables[tableId];
            if (table == null) {
                throw new CodecException("JPEG scan uses Huffman table " + tableId + ", which is not defined");
            }
            if (predictor < 1 || predictor > 7) {
                throw new CodecException("lossless JPEG predictor " + predictor + " is not 1-7");
            }
            pos = end;
            short[] out = new short[width * height];
            int mask = (1 << precision) - 1;
            int initial = 1 << (precision - pointTransform - 1);
            int restartsLeft = restartInterval;
            boolean initialSample = true;
            int firstLineEnd = width; // samples before this predict from the left only (T.81 H.1.2.1)
            int index = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++, index++) {
                    if (restartInterval > 0 && restartsLeft == 0) {
                        restart();
                        restartsLeft = restartInterval;
                        initialSample = true;
                        firstLineEnd = index + width;
                    }
                    int diff = difference(table);
                    int prediction;
                    if (initialSample) {
                        prediction = initial;
                        initialSample = false;
                    } else if (x == 0) {
                        prediction = out[index - width] & 0xFFFF;
                    } else if (index < firstLineEnd) {
                        prediction = out[index - 1] & 0xFFFF;
                    } else {
                        int ra = out[index - 1] & 0xFFFF;
                        int rb = out[index - width] & 0xFFFF;
                        int rc = out[index - width - 1] & 0xFFFF;
                        prediction = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    out[index] = (short) ((prediction + diff) & mask);
                    restartsLeft--;
                }
            }
            if (pointTransform > 0) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (short) ((out[i] & 0xFFFF) << pointTransform);
                }
            }
            return new Image(width, height, precision, out);
        }

        private void restart() throws CodecException {
            bitBuffer = 0;
            bitCount = 0;
            markerHit = false;
            // Skip to the RSTn marker and past it.
            while (pos + 1 < d.length && !((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xFF) >= 0xD0 && (d[pos + 1] & 0xFF) <= 0xD7)) {
                pos++;
            }
            if (pos + 1 >= d.length) {
                throw new CodecException("truncated JPEG codestream: a restart marker is missing");
            }
            pos += 2;
        }

        /** The next Huffman-coded difference (T.81 H.1.2.2: SSSS 16 means 32768 with no extra bits). */
        private int difference(Huffman table) throws CodecException {
            fill();
            int peek = (int) (bitBuffer >>> (bitCount - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1);
            int entry = table.lookup[peek];
            int ssss;
            if (entry != 0) {
                bitCount -= entry >> 8;
                ssss = entry & 0xFF;
            } else {
                ssss = slowSymbol(table);
            }
            if (ssss == 0) {
                return 0;
            }
            if (ssss == 16) {
                return 32768;
            }
            if (bitCount < ssss) {
                fill();
            }
            int bits = (int) (bitBuffer >>> (bitCount - ssss)) & ((1 << ssss) - 1);
            bitCount -= ssss;
            return bits < 1 << (ssss - 1) ? bits - (1 << ssss) + 1 : bits;
        }

        private int slowSymbol(Huffman table) throws CodecException {
            int code = 0;
            for (int length = 1; length <= 16; length++) {
                if (bitCount == 0) {
                    fill();
                }
                code = code << 1 | (int) (bitBuffer >>> (bitCount - 1)) & 1;
                bitCount--;
                if (code <= table.maxCode[length]) {
                    return table.symbols[table.valueOffset[length] + code] & 0xFF;
                }
            }
            throw new CodecException("corrupt JPEG codestream: no Huffman code matches");
        }

        /** Tops the bit buffer up to at least 32 bits, undoing byte stuffing; past a marker, feeds zeros. */
        private void fill() {
            while (bitCount <= 56 - 8 && bitCount < 32) {
                int b = 0;
                if (!markerHit && pos < d.length) {
                    b = d[pos] & 0xFF;
                    if (b == 0xFF) {
                        int next = pos + 1 < d.length ? d[pos + 1] & 0xFF : 0;
                        if (next == 0) {
                            pos += 2;
                        } else {
                            markerHit = true; // a marker: stop consuming, pad with zeros
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                }
                bitBuffer = bitBuffer << 8 | b;
                bitCount += 8;
            }
        }

        private int u16(int p) {
            return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
        }
    }
}
