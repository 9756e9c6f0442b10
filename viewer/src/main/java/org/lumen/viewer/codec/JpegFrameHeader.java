// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * What the decoders need from a JPEG codestream's headers (T.81 B.2): the frame (SOFn) of a
 * single-component image, its tables, the restart interval, and where the first scan's data starts.
 */
record JpegFrameHeader(int process, int precision, int width, int height, int horizontalSampling, int verticalSampling,
                       int quantTableId, int[][] quantTables, HuffmanTable[] dcTables, HuffmanTable[] acTables,
                       int restartInterval, int scanStart, int[] scanParameters) {

    /**
     * Parses markers up to the first SOS.
     *
     * @param scanParameters filled from the SOS: DC table id, AC table id, Ss, Se, Ah/Al byte
     */
    static JpegFrameHeader read(byte[] d, int expectedWidth, int expectedHeight) throws JpegException {
        if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            throw new JpegException("not a JPEG codestream (no SOI marker)");
        }
        int[][] quant = new int[4][];
        HuffmanTable[] dc = new HuffmanTable[4];
        HuffmanTable[] ac = new HuffmanTable[4];
        int process = -1;
        int precision = 0;
        int width = 0;
        int height = 0;
        int h = 1;
        int v = 1;
        int tq = 0;
        int restart = 0;
        int pos = 2;
        while (pos + 4 <= d.length) {
            while (pos < d.length && (d[pos] & 0xFF) != 0xFF) {
                pos++; // tolerate stray bytes between segments
            }
            while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos + 2 >= d.length) {
                break;
            }
            int marker = d[pos++] & 0xFF;
            int length = u16(d, pos);
            int segment = pos + 2;
            int end = pos + length;
            if (end > d.length) {
                throw new JpegException("truncated JPEG codestream (marker 0xFF" + Integer.toHexString(marker).toUpperCase() + ")");
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                process = marker - 0xC0;
                precision = d[segment] & 0xFF;
                height = u16(d, segment + 1);
                width = u16(d, segment + 3);
                int components = d[segment + 5] & 0xFF;
                if (components != 1) {
                    throw new JpegException("JPEG with " + components + " components: only greyscale is decoded here");
                }
                h = (d[segment + 7] & 0xFF) >> 4;
                v = d[segment + 7] & 0x0F;
                tq = d[segment + 8] & 0xFF;
                if (precision < 2 || precision > 16 || width == 0 || height == 0) {
                    throw new JpegException("bad JPEG frame header: " + width + "x" + height + ", " + precision + " bits");
                }
                requireSize(width, height, expectedWidth, expectedHeight);
            } else if (marker == 0xC4) {
                HuffmanTable.readSegment(d, segment, end, dc, ac);
            } else if (marker == 0xDB) {
                readQuantTables(d, segment, end, quant);
            } else if (marker == 0xDD) {
                restart = u16(d, segment);
            } else if (marker == 0xDA) {
                if (process < 0) {
                    throw new JpegException("JPEG scan before its frame header");
                }
                int ns = d[segment] & 0xFF;
                int tables = d[segment + 2] & 0xFF;
                int[] scan = {tables >> 4, tables & 0x0F, d[segment + 1 + 2 * ns] & 0xFF, d[segment + 2 + 2 * ns] & 0xFF,
                    d[segment + 3 + 2 * ns] & 0xFF};
                return new JpegFrameHeader(process, precision, width, height, h, v, tq, quant, dc, ac, restart, end, scan);
            }
            pos = end;
        }
        throw new JpegException("JPEG codestream ends before its scan (no SOS marker)");
    }

    /** Refuses a frame whose size is not the one the DICOM header declares (a corrupt header, usually). */
    static void requireSize(int width, int height, int expectedWidth, int expectedHeight) throws JpegException {
        if (width != expectedWidth || height != expectedHeight) {
            throw new JpegException("the codestream is " + width + "x" + height + " but the DICOM header says "
                    + expectedWidth + "x" + expectedHeight);
        }
    }

    static void readQuantTables(byte[] d, int p, int end, int[][] quant) throws JpegException {
        while (p < end) {
            int sixteenBit = (d[p] & 0xFF) >> 4;
            int id = d[p] & 0x0F;
            if (id > 3) {
                throw new JpegException("bad quantisation table id " + id);
            }
            int[] table = new int[64];
            p++;
            for (int i = 0; i < 64; i++) {
                table[i] = sixteenBit == 1 ? u16(d, p + 2 * i) : d[p + i] & 0xFF;
            }
            p += sixteenBit == 1 ? 128 : 64;
            quant[id] = table;
        }
    }

    static int u16(byte[] d, int p) {
        return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
    }
}
