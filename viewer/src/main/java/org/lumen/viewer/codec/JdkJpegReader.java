// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Greyscale 8-bit JPEG through the JDK's own reader (libjpeg 6b inside), used for progressive and
 * spectral-selection frames: it gives exactly DCMTK's {@code dcmdjpeg} values there, where Lumen's
 * double-precision inverse DCT is within one unit. PixelMed does not take spectral selection
 * (1.2.840.10008.1.2.4.53) at all, so the codestream is handed to the reader directly.
 */
public final class JdkJpegReader {

    private JdkJpegReader() { }

    public static JpegDctDecoder.Image decodeGrey(byte[] codestream, int columns, int rows) throws JpegException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new JpegException("the JDK has no JPEG reader");
        }
        ImageReader reader = readers.next();
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(codestream))) {
            reader.setInput(in, true, true);
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new JpegException("Java's JPEG reader refused the codestream: " + e.getMessage());
        } finally {
            reader.dispose();
        }
        JpegFrameHeader.requireSize(image.getWidth(), image.getHeight(), columns, rows);
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new JpegException("Java's JPEG reader gave " + raster.getNumBands() + " bands of "
                    + raster.getSampleModel().getSampleSize(0) + " bits where one 8-bit greyscale band was expected");
        }
        int[] values = raster.getSamples(0, 0, columns, rows, 0, (int[]) null);
        short[] samples = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            samples[i] = (short) values[i];
        }
        return new JpegDctDecoder.Image(columns, rows, 8, samples);
    }
}
