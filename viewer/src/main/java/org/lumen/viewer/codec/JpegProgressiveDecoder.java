// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * Decodes progressive DCT JPEG (T.81 processes 6, 8, 10 and 12, Huffman coded: spectral selection and
 * successive approximation, Annex G) for greyscale images of 8 or 12 bits, the retired DICOM transfer
 * syntaxes 1.2.840.10008.1.2.4.53 and .55 (PixelMed refuses .53; Java's JPEG reader stops at 8 bits).
 * Every scan refines one array of quantised coefficients (kept in zig-zag order, one 64-entry block per
 * data unit); the image is dequantised and inverse transformed once, after the last scan, by the
 * sequential decoder's inverse DCT. The scan procedures follow T.81 G.1.2 as libjpeg implements them.
 */
public final class JpegProgressiveDecoder {

    private JpegProgressiveDecoder() { }

    /**
     * Decodes a codestream that must be {@code columns} × {@code rows} (checked at the frame header,
     * before any coefficient is allocated).
     */
    public static JpegDctDecoder.Image decode(byte[] d, int columns, int rows) throws JpegException {
        if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            throw new JpegException("not a JPEG codestream (no SOI marker)");
        }
        int[][] quant = new int[4][];
        HuffmanTable[] dcTables = new HuffmanTable[4];
        HuffmanTable[] acTables = new HuffmanTable[4];
        int restartInterval = 0;
        Frame frame = null;
        int[] latchedQuant = null;
        int scans = 0;
        int pos = 2;
        while (pos + 4 <= d.length) {
            while (pos < d.length && (d[pos] & 0xFF) != 0xFF) {
                pos++; // tolerate stray bytes between segments
            }
            while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                break;
            }
            int marker = d[pos++] & 0xFF;
            if (marker == 0xD9) {
                break; // EOI
            }
            if (pos + 2 > d.length) {
                break;
            }
            int length = JpegFrameHeader.u16(d, pos);
            int segment = pos + 2;
            int end = pos + length;
            if (end > d.length || length < 2) {
                throw new JpegException("truncated JPEG codestream (marker 0xFF" + Integer.toHexString(marker).toUpperCase() + ")");
            }
            if (marker == 0xC2) {
                frame = Frame.read(d, segment, columns, rows);
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                throw new JpegException("JPEG process SOF" + (marker - 0xC0) + " is not progressive DCT with Huffman coding");
            } else if (marker == 0xC4) {
                HuffmanTable.readSegment(d, segment, end, dcTables, acTables);
            } else if (marker == 0xDB) {
                JpegFrameHeader.readQuantTables(d, segment, end, quant);
            } else if (marker == 0xDD) {
                restartInterval = JpegFrameHeader.u16(d, segment);
            } else if (marker == 0xDA) {
                if (frame == null) {
                    throw new JpegException("JPEG scan before its frame header");
                }
                if (latchedQuant == null) {
                    // The component's table is fixed when its first scan starts (T.81 B.2.4.1).
                    latchedQuant = quant[frame.quantTableId];
                    if (latchedQuant == null) {
                        throw new JpegException("the JPEG frame refers to quantisation table " + frame.quantTableId
                                + ", which the codestream does not define");
                    }
                }
                Scan scan = Scan.read(d, segment, end);
                HuffmanTable table = scan.dc() ? dcTables[scan.dcTable] : acTables[scan.acTable];
                if (table == null && !(scan.dc() && scan.ah != 0)) {
                    throw new JpegException("the JPEG scan refers to a Huffman table the codestream does not define");
                }
                decodeScan(d, end, frame, scan, table, restartInterval);
                scans++;
                end = nextMarker(d, end);
            }
            pos = end;
        }
        if (frame == null || scans == 0) {
            throw new JpegException("JPEG codestream ends before its first progressive scan");
        }
        return frame.image(latchedQuant);
    }

    /** The position of the first marker after entropy-coded data starting at {@code p} (stuffed bytes and RSTn skipped). */
    private static int nextMarker(byte[] d, int p) {
        while (p + 1 < d.length) {
            if ((d[p] & 0xFF) == 0xFF) {
                int next = d[p + 1] & 0xFF;
                if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return p;
                }
            }
            p++;
        }
        return d.length;
    }

    private static void decodeScan(byte[] d, int start, Frame f, Scan s, HuffmanTable table, int restartInterval)
            throws JpegException {
        JpegBitReader bits = new JpegBitReader(d, start);
        int[] c = f.coefficients;
        int blocks = f.blocksAcross * f.blocksDown;
        int dcPrediction = 0;
        int eobRun = 0;
        int restartsLeft = restartInterval;
        for (int b = 0; b < blocks; b++) {
            if (restartInterval > 0) {
                if (restartsLeft == 0) {
                    bits.restart();
                    restartsLeft = restartInterval;
                    dcPrediction = 0;
                    eobRun = 0;
                }
                restartsLeft--;
            }
            int base = b * 64;
            if (s.dc()) {
                if (s.ah == 0) {
                    int t = bits.symbol(table);
                    dcPrediction += t == 0 ? 0 : bits.signed(t);
                    c[base] = dcPrediction * (1 << s.al);
                } else if (bits.bits(1) != 0) {
                    c[base] |= 1 << s.al;
                }
            } else if (s.ah == 0) {
                eobRun = acFirst(bits, table, c, base, s, eobRun);
            } else {
                eobRun = acRefine(bits, table, c, base, s, eobRun);
            }
        }
    }

    /** T.81 G.1.2.2: the first pass over a band of AC coefficients; returns the end-of-band run still to skip. */
    private static int acFirst(JpegBitReader bits, HuffmanTable table, int[] c, int base, Scan s, int eobRun)
            throws JpegException {
        if (eobRun > 0) {
            return eobRun - 1;
        }
        for (int k = s.ss; k <= s.se; k++) {
            int rs = bits.symbol(table);
            int r = rs >> 4;
            int size = rs & 0x0F;
            if (size != 0) {
                k += r;
                if (k > s.se) {
                    throw new JpegException("corrupt JPEG codestream: coefficient index past the scan's band");
                }
                c[base + k] = bits.signed(size) * (1 << s.al);
            } else if (r == 15) {
                k += 15;
            } else {
                int run = 1 << r;
                if (r > 0) {
                    run += bits.bits(r);
                }
                return run - 1;
            }
        }
        return 0;
    }

    /** T.81 G.1.2.3: one more bit of precision for a band of AC coefficients; returns the end-of-band run left. */
    private static int acRefine(JpegBitReader bits, HuffmanTable table, int[] c, int base, Scan s, int eobRun)
            throws JpegException {
        int p1 = 1 << s.al;
        int m1 = -1 << s.al;
        int k = s.ss;
        if (eobRun == 0) {
            for (; k <= s.se; k++) {
                int rs = bits.symbol(table);
                int r = rs >> 4;
                int size = rs & 0x0F;
                int value = 0;
                if (size != 0) {
                    if (size != 1) {
                        throw new JpegException("corrupt JPEG codestream: a refinement coefficient of " + size + " bits");
                    }
                    value = bits.bits(1) != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobRun = 1 << r;
                    if (r > 0) {
                        eobRun += bits.bits(r);
                    }
                    break;
                }
                // Skip r zero-history coefficients (refining the non-zero ones passed), landing on the new one.
                while (k <= s.se) {
                    int at = base + k;
                    if (c[at] != 0) {
                        refine(bits, c, at, p1, m1);
                    } else if (--r < 0) {
                        break;
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > s.se) {
                        throw new JpegException("corrupt JPEG codestream: coefficient index past the scan's band");
                    }
                    c[base + k] = value;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= s.se; k++) {
                if (c[base + k] != 0) {
                    refine(bits, c, base + k, p1, m1);
                }
            }
            eobRun--;
        }
        return eobRun;
    }

    private static void refine(JpegBitReader bits, int[] c, int at, int p1, int m1) {
        if (bits.bits(1) != 0 && (c[at] & p1) == 0) {
            c[at] += c[at] >= 0 ? p1 : m1;
        }
    }

    /** SOF2 of a single-component frame and the coefficients its scans fill. */
    private static final class Frame {
        final int precision;
        final int width;
        final int height;
        final int quantTableId;
        final int blocksAcross;
        final int blocksDown;
        final int[] coefficients;

        private Frame(int precision, int width, int height, int quantTableId) {
            this.precision = precision;
            this.width = width;
            this.height = height;
            this.quantTableId = quantTableId;
            // One component: every scan is non-interleaved, its data units in raster order (T.81 A.2.2).
            this.blocksAcross = (width + 7) / 8;
            this.blocksDown = (height + 7) / 8;
            this.coefficients = new int[blocksAcross * blocksDown * 64];
        }

        static Frame read(byte[] d, int p, int columns, int rows) throws JpegException {
            int precision = d[p] & 0xFF;
            int height = JpegFrameHeader.u16(d, p + 1);
            int width = JpegFrameHeader.u16(d, p + 3);
            int components = d[p + 5] & 0xFF;
            if (components != 1) {
                throw new JpegException("progressive JPEG with " + components + " components: only greyscale is decoded here");
            }
            if (precision != 8 && precision != 12) {
                throw new JpegException("bad progressive JPEG frame header: " + precision + "-bit samples (8 or 12 expected)");
            }
            JpegFrameHeader.requireSize(width, height, columns, rows);
            int tq = d[p + 8] & 0xFF;
            if (tq > 3) {
                throw new JpegException("bad quantisation table id " + tq);
            }
            return new Frame(precision, width, height, tq);
        }

        JpegDctDecoder.Image image(int[] quant) {
            short[] out = new short[width * height];
            int[] block = new int[64];
            int[] samples = new int[64];
            int[] work = new int[64];
            for (int by = 0; by < blocksDown; by++) {
                for (int bx = 0; bx < blocksAcross; bx++) {
                    int base = (by * blocksAcross + bx) * 64;
                    for (int k = 0; k < 64; k++) {
                        block[JpegDctDecoder.ZIGZAG[k]] = coefficients[base + k] * quant[k];
                    }
                    IntegerIdct.inverse(block, work, samples, precision);
                    JpegDctDecoder.place(samples, out, bx * 8, by * 8, width, height);
                }
            }
            return new JpegDctDecoder.Image(width, height, precision, out);
        }
    }

    /** An SOS header of a progressive scan over the single component. */
    private record Scan(int dcTable, int acTable, int ss, int se, int ah, int al) {

        static Scan read(byte[] d, int p, int end) throws JpegException {
            int ns = d[p] & 0xFF;
            if (ns != 1 || p + 1 + 2 * ns + 3 > end) {
                throw new JpegException("a progressive JPEG scan over " + ns + " components in a single-component frame");
            }
            int tables = d[p + 2] & 0xFF;
            int ss = d[p + 3] & 0xFF;
            int se = d[p + 4] & 0xFF;
            int a = d[p + 5] & 0xFF;
            Scan scan = new Scan(tables >> 4, tables & 0x0F, ss, se, a >> 4, a & 0x0F);
            // T.81 G.1.1.1.1: a DC scan is alone; an AC band stays within 1..63; Al below 14.
            if (ss > 63 || se > 63 || se < ss || ss == 0 && se != 0 || scan.al > 13 || scan.dcTable > 3 || scan.acTable > 3) {
                throw new JpegException("bad progressive JPEG scan: Ss " + ss + ", Se " + se + ", Ah " + scan.ah + ", Al " + scan.al);
            }
            return scan;
        }

        boolean dc() {
            return ss == 0;
        }
    }
}
