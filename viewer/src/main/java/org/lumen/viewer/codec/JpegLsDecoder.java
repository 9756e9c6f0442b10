// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * Decodes JPEG-LS (ITU T.87: LOCO-I context modelling, regular and run modes, lossless and
 * near-lossless) for greyscale images of 2–16 bits. The Java decoder stack Lumen uses has no
 * JPEG-LS codec, and DICOM archives use it for lossless CT, MR and XA (transfer syntaxes
 * 1.2.840.10008.1.2.4.80 and .81).
 */
public final class JpegLsDecoder {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11,
        12, 13, 14, 15};

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private JpegLsDecoder() { }

    /** The decoded image: {@code samples} row-major, unsigned values of {@code precision} bits. */
    public record Image(int width, int height, int precision, short[] samples) { }

    /**
     * Decodes a codestream that must be {@code columns} × {@code rows}: the size is checked before
     * any pixel is decoded, so a corrupt frame header cannot start a decode of billions of samples.
     */
    public static Image decode(byte[] data, int columns, int rows) throws JpegException {
        return new Decoder(data, columns, rows).decode();
    }

    private static final class Decoder {
        private final byte[] d;
        private int pos;
        // Frame and scan parameters.
        private int precision;
        private int width;
        private int height;
        private int maxVal;
        private int t1;
        private int t2;
        private int t3;
        private int reset = 64;
        private int near;
        private int range;
        private int qbpp;
        private int limit;
        // Context state (A.2.1): 365 regular contexts, 2 run-interruption contexts.
        private final int[] a = new int[367];
        private final int[] b = new int[365];
        private final int[] c = new int[365];
        private final int[] n = new int[367];
        private final int[] nn = new int[2];
        private int runIndex;
        // Bit reader with JPEG-LS bit stuffing (a 0 bit after every 0xFF byte): up to 64 bits at a time,
        // the valid ones in the low bitCount bits of {@code bits}.
        private long bits;
        private int bitCount;
        private boolean lastWasFF;
        /** Zero bits fed past the end of the codestream; consuming any of them means it was truncated. */
        private int overrunBits;
        /** Context of each local gradient difference (A.3.3), indexed by difference + maxVal. */
        private byte[] quantised;

        private final int expectedWidth;
        private final int expectedHeight;

        Decoder(byte[] data, int expectedWidth, int expectedHeight) {
            this.d = data;
            this.expectedWidth = expectedWidth;
            this.expectedHeight = expectedHeight;
        }

        Image decode() throws JpegException {
            if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
                throw new JpegException("not a JPEG-LS codestream (no SOI marker)");
            }
            pos = 2;
            boolean frame = false;
            while (pos + 4 <= d.length) {
                while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                    pos++;
                }
                int marker = d[pos++] & 0xFF;
                int length = u16(pos);
                int segment = pos + 2;
                if (pos + length > d.length) {
                    throw new JpegException("truncated JPEG-LS codestream");
                }
                switch (marker) {
                    case 0xF7 -> {
                        precision = d[segment] & 0xFF;
                        height = u16(segment + 1);
                        width = u16(segment + 3);
                        int components = d[segment + 5] & 0xFF;
                        if (components != 1) {
                            throw new JpegException("JPEG-LS with " + components + " components: only greyscale is decoded here");
                        }
                        if (precision < 2 || precision > 16 || width == 0 || height == 0) {
                            throw new JpegException("bad JPEG-LS frame header");
                        }
                        JpegFrameHeader.requireSize(width, height, expectedWidth, expectedHeight);
                        frame = true;
                    }
                    case 0xF8 -> presetParameters(segment);
                    case 0xDA -> {
                        if (!frame) {
                            throw new JpegException("JPEG-LS scan before its frame header");
                        }
                        int ns = d[segment] & 0xFF;
                        near = d[segment + 1 + 2 * ns] & 0xFF;
                        int pointTransform = d[segment + 3 + 2 * ns] & 0x0F;
                        if (pointTransform != 0) {
                            throw new JpegException("JPEG-LS point transform is not supported");
                        }
                        pos += length;
                        return scan();
                    }
                    default -> { } // APPn, COM: nothing the decoder needs
                }
                pos += length;
            }
            throw new JpegException("JPEG-LS codestream ends before its scan");
        }

        private void presetParameters(int p) throws JpegException {
            if ((d[p] & 0xFF) != 1) {
                throw new JpegException("JPEG-LS mapping tables or extended parameters are not supported");
            }
            maxVal = u16(p + 1);
            t1 = u16(p + 3);
            t2 = u16(p + 5);
            t3 = u16(p + 7);
            int r = u16(p + 9);
            reset = r == 0 ? 64 : r;
        }

        private Image scan() throws JpegException {
            if (maxVal == 0) {
                maxVal = (1 << precision) - 1;
            }
            defaultThresholds();
            range = (maxVal + 2 * near) / (2 * near + 1) + 1;
            qbpp = ceilLog2(range);
            int bpp = Math.max(2, ceilLog2(maxVal + 1));
            limit = 2 * (bpp + Math.max(8, bpp));
            int initialA = Math.max(2, (range + 32) / 64);
            java.util.Arrays.fill(a, initialA);
            java.util.Arrays.fill(n, 1);

            quantised = quantisationTable();
            short[] out = new short[width * height];
            int[] previous = new int[width + 2];
            int[] current = new int[width + 2];
            byte[] qt = quantised;
            int offset = maxVal;
            for (int y = 0; y < height; y++) {
                previous[width + 1] = previous[width];
                current[0] = previous[1];
                int x = 1;
                while (x <= width) {
                    int ra = current[x - 1];
                    int rb = previous[x];
                    int rc = previous[x - 1];
                    int rd = previous[x + 1];
                    // 81·Q1 + 9·Q2 + Q3 is 0 exactly when all three gradients are within NEAR (run mode), and its
                    // sign is that of the first non-zero Qi (A.3.4): |qs| is the context, sign its SIGN.
                    int qs = 81 * qt[rd - rb + offset] + 9 * qt[rb - rc + offset] + qt[rc - ra + offset];
                    if (qs == 0) {
                        x = runMode(x, current, previous);
                    } else {
                        current[x] = regular(qs, ra, rb, rc);
                        x++;
                    }
                }
                int row = y * width;
                for (int i = 0; i < width; i++) {
                    out[row + i] = (short) current[i + 1];
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            if (overrunBits > bitCount) {
                throw new JpegException("truncated JPEG-LS codestream");
            }
            return new Image(width, height, precision, out);
        }

        private int regular(int qs, int ra, int rb, int rc) throws JpegException {
            int sign = qs < 0 ? -1 : 1;
            int q = qs < 0 ? -qs : qs;
            int px;
            if (rc >= Math.max(ra, rb)) {
                px = Math.min(ra, rb);
            } else if (rc <= Math.min(ra, rb)) {
                px = Math.max(ra, rb);
            } else {
                px = ra + rb - rc;
            }
            px = Math.clamp(px + sign * c[q], 0, maxVal);
            int k = golombParameter(n[q], a[q]);
            int mapped = golomb(k, limit);
            int errval = (mapped >> 1) ^ -(mapped & 1);
            if (near == 0 && k == 0 && 2 * b[q] + n[q] - 1 < 0) {
                errval = ~errval;
            }
            int reconstructed = reconstruct(px, sign * errval);
            // Context update (A.6.1, A.6.2).
            b[q] += errval * (2 * near + 1);
            a[q] += Math.abs(errval);
            if (n[q] == reset) {
                a[q] >>= 1;
                b[q] = b[q] >= 0 ? b[q] >> 1 : -((1 - b[q]) >> 1);
                n[q] >>= 1;
            }
            n[q]++;
            if (b[q] <= -n[q]) {
                b[q] += n[q];
                if (c[q] > -128) {
                    c[q]--;
                }
                if (b[q] <= -n[q]) {
                    b[q] = -n[q] + 1;
                }
            } else if (b[q] > 0) {
                b[q] -= n[q];
                if (c[q] < 127) {
                    c[q]++;
                }
                if (b[q] > 0) {
                    b[q] = 0;
                }
            }
            return reconstructed;
        }

        /** Run mode (A.7): a run of Ra, then, unless the line ended, one run-interruption sample. */
        private int runMode(int x, int[] current, int[] previous) throws JpegException {
            int ra = current[x - 1];
            int end = width + 1;
            while (readBit() == 1) {
                int count = Math.min(1 << J[runIndex], end - x);
                for (int i = 0; i < count; i++) {
                    current[x++] = ra;
                }
                if (count == 1 << J[runIndex] && runIndex < 31) {
                    runIndex++;
                }
                if (x == end) {
                    return x;
                }
            }
            int remainder = J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
            if (x + remainder > end) {
                throw new JpegException("corrupt JPEG-LS codestream: a run passes the end of the line");
            }
            for (int i = 0; i < remainder; i++) {
                current[x++] = ra;
            }
            if (x == end) {
                return x;
            }
            int rb = previous[x];
            int interruptionType = Math.abs(ra - rb) <= near ? 1 : 0;
            int errval = runInterruptionError(interruptionType);
            current[x] = interruptionType == 1 ? reconstruct(ra, errval)
                    : reconstruct(rb, errval * Integer.signum(rb - ra == 0 ? 1 : rb - ra));
            if (runIndex > 0) {
                runIndex--;
            }
            return x + 1;
        }

        private int runInterruptionError(int type) throws JpegException {
            int ctx = 365 + type;
            int temp = type == 1 ? a[ctx] + (n[ctx] >> 1) : a[ctx];
            int k = golombParameter(n[ctx], temp);
            int emErrval = golomb(k, limit - J[runIndex] - 1);
            int mapped = emErrval + type;
            int map = mapped & 1;
            int magnitude = (mapped + map) >> 1;
            boolean negative = (k != 0 || 2 * nn[type] >= n[ctx]) == (map == 1);
            int errval = negative ? -magnitude : magnitude;
            if (errval < 0) {
                nn[type]++;
            }
            a[ctx] += (emErrval + 1 - type) >> 1;
            if (n[ctx] == reset) {
                a[ctx] >>= 1;
                n[ctx] >>= 1;
                nn[type] >>= 1;
            }
            n[ctx]++;
            return errval;
        }

        /** The smallest k with N·2^k ≥ A (A.5.1), capped so corrupt statistics cannot loop forever. */
        private static int golombParameter(int count, int sum) {
            int k = 0;
            while (k < 30 && ((long) count << k) < sum) {
                k++;
            }
            return k;
        }

        private int reconstruct(int prediction, int errval) {
            int value = prediction + errval * (2 * near + 1);
            if (value < -near) {
                value += range * (2 * near + 1);
            } else if (value > maxVal + near) {
                value -= range * (2 * near + 1);
            }
            return Math.clamp(value, 0, maxVal);
        }

        /** Q(d) for every difference of two samples, -maxVal..maxVal (A.3.3). */
        private byte[] quantisationTable() {
            byte[] table = new byte[2 * maxVal + 1];
            for (int di = -maxVal; di <= maxVal; di++) {
                table[di + maxVal] = (byte) quantise(di);
            }
            return table;
        }

        private int quantise(int di) {
            if (di <= -t3) {
                return -4;
            }
            if (di <= -t2) {
                return -3;
            }
            if (di <= -t1) {
                return -2;
            }
            if (di < -near) {
                return -1;
            }
            if (di <= near) {
                return 0;
            }
            if (di < t1) {
                return 1;
            }
            if (di < t2) {
                return 2;
            }
            if (di < t3) {
                return 3;
            }
            return 4;
        }

        /** Default thresholds (C.2.4.1.1.1) for any the codestream left at 0. */
        private void defaultThresholds() {
            int basicT1 = 3;
            int basicT2 = 7;
            int basicT3 = 21;
            int d1;
            int d2;
            int d3;
            if (maxVal >= 128) {
                int factor = (Math.min(maxVal, 4095) + 128) / 256;
                d1 = Math.clamp(factor * (basicT1 - 2) + 2 + 3 * near, near + 1, maxVal);
                d2 = Math.clamp(factor * (basicT2 - 3) + 3 + 5 * near, d1, maxVal);
                d3 = Math.clamp(factor * (basicT3 - 4) + 4 + 7 * near, d2, maxVal);
            } else {
                int factor = 256 / (maxVal + 1);
                d1 = Math.clamp(Math.max(2, basicT1 / factor + 3 * near), near + 1, maxVal);
                d2 = Math.clamp(Math.max(3, basicT2 / factor + 5 * near), d1, maxVal);
                d3 = Math.clamp(Math.max(4, basicT3 / factor + 7 * near), d2, maxVal);
            }
            t1 = t1 == 0 ? d1 : t1;
            t2 = t2 == 0 ? d2 : t2;
            t3 = t3 == 0 ? d3 : t3;
        }

        /** A limited-length Golomb code (A.5.3): the unary prefix found with one leading-zero count. */
        private int golomb(int k, int lim) throws JpegException {
            int high = 0;
            while (true) {
                if (bitCount < 32) {
                    fill();
                }
                int zeros = Long.numberOfLeadingZeros(bits << (64 - bitCount));
                if (zeros < bitCount) {
                    high += zeros;
                    bitCount -= zeros + 1;
                    break;
                }
                high += bitCount;
                bitCount = 0;
                if (high > 64) {
                    throw new JpegException("corrupt JPEG-LS codestream: unterminated Golomb code");
                }
            }
            if (high >= lim - (qbpp + 1)) {
                return readBits(qbpp) + 1;
            }
            return k == 0 ? high : (high << k) + readBits(k);
        }

        private int readBit() throws JpegException {
            if (bitCount == 0) {
                fill();
            }
            bitCount--;
            return (int) (bits >>> bitCount) & 1;
        }

        /** {@code count} bits, 0 to 31. */
        private int readBits(int count) throws JpegException {
            if (count == 0) {
                return 0;
            }
            if (bitCount < count) {
                fill();
            }
            bitCount -= count;
            return (int) (bits >>> bitCount) & ((1 << count) - 1);
        }

        /**
         * Tops the buffer up to more than 56 bits; after 0xFF only 7 bits of the next byte count (T.87 A.1: the
         * stuffed 0 bit). Past the end it feeds zeros, counted so that a scan which used them is reported as truncated.
         */
        private void fill() throws JpegException {
            if (!lastWasFF && bitCount <= 55 && pos + 8 <= d.length) {
                long next = (long) BIG_ENDIAN_LONG.get(d, pos);
                if (!hasFFByte(next)) {
                    // The common case: no stuffing in the next eight bytes, so whole bytes go in at once.
                    int count = (63 - bitCount) >> 3;
                    bits = bits << (8 * count) | next >>> (64 - 8 * count);
                    bitCount += 8 * count;
                    pos += count;
                    return;
                }
            }
            while (bitCount <= 56) {
                int value;
                if (pos < d.length) {
                    value = d[pos++] & 0xFF;
                } else {
                    value = 0;
                    overrunBits += lastWasFF ? 7 : 8;
                    if (overrunBits > 256) {
                        throw new JpegException("truncated JPEG-LS codestream");
                    }
                }
                if (lastWasFF) {
                    bits = bits << 7 | (value & 0x7F);
                    bitCount += 7;
                } else {
                    bits = bits << 8 | value;
                    bitCount += 8;
                }
                lastWasFF = value == 0xFF;
            }
        }

        /** True when one of the eight bytes is 0xFF (a zero byte of the complement, the classic SWAR test). */
        private static boolean hasFFByte(long v) {
            long x = ~v;
            return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
        }

        private static int ceilLog2(int value) {
            int bitsNeeded = 0;
            while ((1 << bitsNeeded) < value) {
                bitsNeeded++;
            }
            return bitsNeeded;
        }

        private int u16(int p) {
            return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
        }
    }
}
