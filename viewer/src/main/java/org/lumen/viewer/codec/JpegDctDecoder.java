// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * Decodes sequential DCT JPEG (T.81 processes 1, 2 and 4: baseline and extended, Huffman coded)
 * for greyscale images of 8 or 12 bits; a progressive frame (SOF2) goes to {@link JpegProgressiveDecoder}.
 * Java's own JPEG reader, which PixelMed relies on, stops at 8 bits, and 12-bit extended JPEG is how many
 * CT, MR and mammography archives were compressed. The inverse DCT is the IJG library's integer one
 * ({@link IntegerIdct}), which DCMTK uses too, so the values are DCMTK's exactly.
 */
public final class JpegDctDecoder {

    /** Zig-zag order: position i of the coded sequence is coefficient ZIGZAG[i] of the 8×8 block. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63};

    private JpegDctDecoder() { }

    /** The decoded image: {@code samples} row-major, unsigned values of {@code precision} bits. */
    public record Image(int width, int height, int precision, short[] samples) { }

    /**
     * Decodes a codestream that must be {@code columns} × {@code rows}: the size is checked before
     * any pixel is decoded, so a corrupt frame header cannot start an enormous decode.
     */
    public static Image decode(byte[] data, int columns, int rows) throws JpegException {
        JpegFrameHeader header = JpegFrameHeader.read(data, columns, rows);
        if (header.process() == 2) {
            return JpegProgressiveDecoder.decode(data, columns, rows);
        }
        if (header.process() > 1) {
            throw new JpegException("JPEG process SOF" + header.process() + " is not sequential DCT (baseline or extended)");
        }
        int[] quant = header.quantTables()[header.quantTableId()];
        HuffmanTable dc = header.dcTables()[header.scanParameters()[0]];
        HuffmanTable ac = header.acTables()[header.scanParameters()[1]];
        if (quant == null || dc == null || ac == null) {
            throw new JpegException("the JPEG scan refers to a table the codestream does not define");
        }
        int width = header.width();
        int height = header.height();
        int precision = header.precision();
        // A single-component scan is not interleaved: its data units run in raster order (T.81 A.2.2).
        int blocksAcross = (width + 7) / 8;
        int blocksDown = (height + 7) / 8;
        short[] out = new short[width * height];
        JpegBitReader bits = new JpegBitReader(data, header.scanStart());
        int[] coefficients = new int[64];
        int[] work = new int[64];
        int[] block = new int[64];
        int dcPrediction = 0;
        int restartInterval = header.restartInterval();
        int restartsLeft = restartInterval;
        for (int by = 0; by < blocksDown; by++) {
            for (int bx = 0; bx < blocksAcross; bx++) {
                if (restartInterval > 0 && restartsLeft == 0) {
                    bits.restart();
                    restartsLeft = restartInterval;
                    dcPrediction = 0;
                }
                java.util.Arrays.fill(coefficients, 0);
                int t = bits.symbol(dc);
                dcPrediction += t == 0 ? 0 : bits.signed(t);
                coefficients[0] = dcPrediction * quant[0];
                for (int k = 1; k < 64; ) {
                    int rs = bits.symbol(ac);
                    int run = rs >> 4;
                    int size = rs & 0x0F;
                    if (size == 0) {
                        if (run != 15) {
                            break; // end of block
                        }
                        k += 16;
                        continue;
                    }
                    k += run;
                    if (k > 63) {
                        throw new JpegException("corrupt JPEG codestream: coefficient index past 63");
                    }
                    coefficients[ZIGZAG[k]] = bits.signed(size) * quant[k];
                    k++;
                }
                IntegerIdct.inverse(coefficients, work, block, precision);
                place(block, out, bx * 8, by * 8, width, height);
                restartsLeft--;
            }
        }
        return new Image(width, height, precision, out);
    }

    static void place(int[] block, short[] out, int x0, int y0, int width, int height) {
        for (int y = 0; y < 8 && y0 + y < height; y++) {
            int row = (y0 + y) * width + x0;
            for (int x = 0; x < 8 && x0 + x < width; x++) {
                out[row + x] = (short) block[y * 8 + x];
            }
        }
    }
}
