// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.volume.InstanceValues;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Restart intervals inside progressive scans, which no DICOM sample here carries ({@code dcmcjpeg} writes
 * none): the JDK's JPEG writer (libjpeg inside) compresses a real 8-bit US image progressively with a DRI
 * marker, and Lumen's progressive decoder must give exactly what the JDK's reader (the same libjpeg) gives,
 * for an interval of one MCU, an odd one, and none.
 */
class ProgressiveJpegRestartTest {

    @ParameterizedTest(name = "restart interval {0}")
    @ValueSource(ints = {0, 1, 7, 50})
    void progressiveScansWithRestartMarkersDecodeLikeLibjpeg(int interval) throws Exception {
        VoxelSlice us = InstanceValues.decode(new DicomHeaderReader().read(
                Samples.file("transfer_syntaxes/pydicom/JPGLosslessP14SV1_1s_1f_8b.dcm"))).getFirst();
        // An odd-sized crop, so the last row and column of blocks are partial.
        int width = 501;
        int height = 389;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (int) us.value(x + 100, y + 200));
            }
        }
        byte[] codestream = progressive(image, interval);
        assertThat(marker(codestream, 0xC2)).as("a progressive frame").isTrue();
        assertThat(marker(codestream, 0xDD)).as("a DRI segment").isEqualTo(interval > 0);
        assertThat(marker(codestream, 0xD0)).as("RST0 markers in the scans").isEqualTo(interval > 0);

        JpegDctDecoder.Image ours = JpegDctDecoder.decode(codestream, width, height);
        int[] reference;
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(codestream))) {
            reader.setInput(in);
            reference = reader.read(0).getRaster().getSamples(0, 0, width, height, 0, (int[]) null);
        } finally {
            reader.dispose();
        }
        int differing = 0;
        for (int i = 0; i < reference.length; i++) {
            differing += (ours.samples()[i] & 0xFFFF) == reference[i] ? 0 : 1;
        }
        assertThat(differing).as("pixels differing from libjpeg's decoding").isZero();
    }

    /** The image as progressive JPEG (libjpeg's default script: spectral selection and successive approximation). */
    private static byte[] progressive(BufferedImage image, int interval) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        IIOMetadata metadata = writer.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(image), param);
        if (interval > 0) {
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(interval));
            sequence.insertBefore(dri, sequence.getFirstChild());
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Whether a marker segment 0xFF{code} occurs among the headers (before the first scan's data is fine here). */
    private static boolean marker(byte[] d, int code) {
        for (int i = 0; i + 1 < d.length; i++) {
            if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == code) {
                return true;
            }
        }
        return false;
    }
}
