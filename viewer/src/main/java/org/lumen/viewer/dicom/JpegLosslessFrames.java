// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.codec.JpegException;
import org.lumen.viewer.codec.JpegLosslessDecoder;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/** JPEG Lossless (processes 14 and 14 SV1) greyscale frames through {@link JpegLosslessDecoder}. */
final class JpegLosslessFrames {

    private static final String PROCESS_14 = "1.2.840.10008.1.2.4.57";

    private JpegLosslessFrames() { }

    static boolean applies(InstanceHeader header) {
        String syntax = header.transferSyntaxUid();
        PixelDescription p = header.pixels();
        return (TransferSyntaxes.JPEG_LOSSLESS_SV1.equals(syntax) || PROCESS_14.equals(syntax))
                && header.pixelData().isKnown() && header.pixelData().encapsulated()
                && p.samplesPerPixel() == 1 && p.photometric().isMonochrome() && p.bitsAllocated() <= 16;
    }

    /**
     * The decoded frames, or null when this decoder cannot take the codestream (PixelMed then tries);
     * corrupt or truncated data is reported as such.
     */
    static List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        List<byte[]> codestreams;
        try {
            codestreams = EncapsulatedFrames.read(header);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read pixel data: " + DicomHeaderReader.describe(e), e);
        }
        if (codestreams == null) {
            return null;
        }
        PixelDescription p = header.pixels();
        List<DecodedFrame> frames = new ArrayList<>(codestreams.size());
        for (byte[] codestream : codestreams) {
            JpegLosslessDecoder.Image image;
            try {
                image = JpegLosslessDecoder.decode(codestream);
            } catch (JpegException | RuntimeException e) {
                return null;
            }
            if (image.width() != p.columns() || image.height() != p.rows()) {
                throw new UnusableFileException("JPEG lossless frame is " + image.width() + "x" + image.height()
                        + " but the header says " + p.columns() + "x" + p.rows());
            }
            frames.add(SampleBits.normalise(p, image.samples()));
        }
        return frames;
    }
}
