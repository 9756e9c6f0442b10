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
        int restartsLeft = restartInterval;
        boolean initialSample = true;
        int firstLineEnd = width; // samples before this predict from the left only (T.81 H.1.2.1)
        int index = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++, index++) {
                if (restartInterval > 0 && restartsLeft == 0) {
                    bits.restart();
                    restartsLeft = restartInterval;
                    initialSample = true;
                    firstLineEnd = index + width;
                }
                int diff = difference(bits, table);
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

    /** The next difference (T.81 H.1.2.2: SSSS 16 means 32768 with no extra bits). */
    private static int difference(JpegBitReader bits, HuffmanTable table) throws JpegException {
        int ssss = bits.symbol(table);
        if (ssss == 0) {
            return 0;
        }
        return ssss == 16 ? 32768 : bits.signed(ssss);
    }
}
