// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * Decodes lossless JPEG (ITU T.81 process 14, any predictor 1–7, point transform, restart
 * intervals) for 2–16-bit greyscale images, the codec of DICOM's JPEG Lossless transfer syntaxes.
 * Written because PixelMed's decoder was measured over ten times slower on CT slices
 * (docs/decisions/0005-jpeg-lossless-decoder.md).
 */
public final class JpegLosslessDecoder {

    private JpegLosslessDecoder() { }

    /** The decoded image: {@code samples} row-major, unsigned values of {@code precision} bits. */
    public record Image(int width, int height, int precision, short[] samples) { }

    /**
     * Decodes a codestream that must be {@code columns} × {@code rows}: the size is checked before
     * any pixel is decoded, so a corrupt frame header cannot start an enormous decode.
     */
    public static Image decode(byte[] data, int columns, int rows) throws JpegException {
        JpegFrameHeader header = JpegFrameHeader.read(data, columns, rows);
        if (header.process() != 3) {
            throw new JpegException("JPEG process SOF" + header.process() + " is not lossless process 14");
        }
        int width = header.width();
        int height = header.height();
        int precision = header.precision();
        HuffmanTable table = header.dcTables()[header.scanParameters()[0]];
        int predictor = header.scanParameters()[2];
        int pointTransform = header.scanParameters()[4] & 0x0F;
        if (table == null) {
            throw new JpegException("JPEG scan uses Huffman table " + header.scanParameters()[0] + ", which is not defined");
        }
        if (predictor < 1 || predictor > 7) {
            throw new JpegException("lossless JPEG predictor " + predictor + " is not 1-7");
        }
        JpegBitReader bits = new JpegBitReader(data, header.scanStart());
        short[] out = new short[width * height];
        int mask = (1 << precision) - 1;
        int initial = 1 << (precision - pointTransform - 1);
        int restartInterval = header.restartInterval();
        if (restartInterval == 0) {
            decodeWithoutRestarts(bits, table, out, width, height, predictor, mask, initial);
        } else {
            decodeWithRestarts(bits, table, out, width, height, predictor, mask, initial, restartInterval);
        }
        if (pointTransform > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) ((out[i] & 0xFFFF) << pointTransform);
            }
        }
        return new Image(width, height, precision, out);
    }

    /**
     * The common case, one scan without restart intervals: the first line predicts from the left, the first column
     * from above, and every other sample with the scan's predictor, each in a loop of its own (T.81 H.1.2.1).
     */
    private static void decodeWithoutRestarts(JpegBitReader bits, HuffmanTable table, short[] out, int width, int height,
            int predictor, int mask, int initial) throws JpegException {
        int left = (initial + bits.difference(table)) & mask;
        out[0] = (short) left;
        for (int x = 1; x < width; x++) {
            left = (left + bits.difference(table)) & mask;
            out[x] = (short) left;
        }
        for (int row = width; row < out.length; row += width) {
            left = ((out[row - width] & 0xFFFF) + bits.difference(table)) & mask;
            out[row] = (short) left;
            int end = row + width;
            if (predictor == 1) {
                for (int i = row + 1; i < end; i++) {
                    left = (left + bits.difference(table)) & mask;
                    out[i] = (short) left;
                }
            } else {
                for (int i = row + 1; i < end; i++) {
                    int rb = out[i - width] & 0xFFFF;
                    int rc = out[i - width - 1] & 0xFFFF;
                    left = (predict(predictor, left, rb, rc) + bits.difference(table)) & mask;
                    out[i] = (short) left;
                }
            }
        }
    }

    /** Restart intervals reset the prediction: the first sample after each takes the initial value, its line predicts from the left. */
    private static void decodeWithRestarts(JpegBitReader bits, HuffmanTable table, short[] out, int width, int height,
            int predictor, int mask, int initial, int restartInterval) throws JpegException {
        int restartsLeft = restartInterval;
        boolean initialSample = true;
        int firstLineEnd = width; // samples before this predict from the left only (T.81 H.1.2.1)
        int index = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++, index++) {
                if (restartsLeft == 0) {
                    bits.restart();
                    restartsLeft = restartInterval;
                    initialSample = true;
                    firstLineEnd = index + width;
                }
                int diff = bits.difference(table);
                int prediction;
                if (initialSample) {
                    prediction = initial;
                    initialSample = false;
                } else if (x == 0) {
                    prediction = out[index - width] & 0xFFFF;
                } else if (index < firstLineEnd) {
                    prediction = out[index - 1] & 0xFFFF;
                } else {
                    prediction = predict(predictor, out[index - 1] & 0xFFFF, out[index - width] & 0xFFFF, out[index - width - 1] & 0xFFFF);
                }
                out[index] = (short) ((prediction + diff) & mask);
                restartsLeft--;
            }
        }
    }

    /** Predictors 1-7 (T.81 Table H.1) from the left (a), above (b) and above-left (c) samples. */
    private static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }
}
