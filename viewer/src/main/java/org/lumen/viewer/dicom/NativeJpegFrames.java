// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.codec.JpegDctDecoder;
import org.lumen.viewer.codec.JpegException;
import org.lumen.viewer.codec.JpegLosslessDecoder;
import org.lumen.viewer.codec.JpegLsDecoder;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Greyscale JPEG frames through Lumen's own decoders: lossless (processes 14 and 14 SV1), which
 * PixelMed decodes slowly; 12-bit extended DCT (process 4), which Java's JPEG reader cannot decode;
 * progressive DCT at 8 and 12 bits (processes 6, 8, 10 and 12), as PixelMed refuses spectral selection and
 * Java's reader stops at 8 bits; and JPEG-LS, for which the stack has no codec. Everything else stays with
 * PixelMed.
 */
final class NativeJpegFrames {

    private static final String PROCESS_14 = "1.2.840.10008.1.2.4.57";
    private static final String EXTENDED = "1.2.840.10008.1.2.4.51";
    private static final String SPECTRAL_SELECTION = "1.2.840.10008.1.2.4.53";
    private static final String FULL_PROGRESSION = "1.2.840.10008.1.2.4.55";
    private static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    private static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    private NativeJpegFrames() { }

    static boolean applies(InstanceHeader header) {
        String syntax = header.transferSyntaxUid();
        PixelDescription p = header.pixels();
        boolean greyscale = header.pixelData().isKnown() && header.pixelData().encapsulated()
                && p.samplesPerPixel() == 1 && p.photometric().isMonochrome() && p.bitsAllocated() <= 16;
        return greyscale && (TransferSyntaxes.JPEG_LOSSLESS_SV1.equals(syntax) || PROCESS_14.equals(syntax)
                || EXTENDED.equals(syntax) && p.bitsAllocated() == 16 || isProgressive(syntax) || isJpegLs(syntax));
    }

    /** Extended (12-bit) and progressive (8 and 12-bit) DCT: Lumen's DCT decoders, values exactly DCMTK's. */
    private static boolean isDct(String syntax) {
        return EXTENDED.equals(syntax) || isProgressive(syntax);
    }

    /** The retired progressive processes (6 & 8 spectral selection, 10 & 12 full progression), Huffman coded. */
    private static boolean isProgressive(String syntax) {
        return SPECTRAL_SELECTION.equals(syntax) || FULL_PROGRESSION.equals(syntax);
    }

    static boolean isJpegLs(String syntax) {
        return JPEG_LS_LOSSLESS.equals(syntax) || JPEG_LS_NEAR_LOSSLESS.equals(syntax);
    }

    /**
     * The decoded frames, or null when a JPEG lossless codestream is not one these decoders take
     * (PixelMed then tries); bad JPEG-LS or 12-bit codestreams, truncated data and frames of the
     * wrong size are reported.
     */
    static List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        List<byte[]> codestreams = EncapsulatedFrames.readOrRefuse(header);
        if (codestreams == null) {
            return null;
        }
        String syntax = header.transferSyntaxUid();
        PixelDescription p = header.pixels();
        List<DecodedFrame> frames = new ArrayList<>(codestreams.size());
        for (byte[] codestream : codestreams) {
            int width;
            int height;
            short[] samples;
            try {
                if (isJpegLs(syntax)) {
                    JpegLsDecoder.Image image = JpegLsDecoder.decode(codestream, p.columns(), p.rows());
                    width = image.width();
                    height = image.height();
                    samples = image.samples();
                } else if (!isDct(syntax)) {
                    JpegLosslessDecoder.Image image = JpegLosslessDecoder.decode(codestream, p.columns(), p.rows());
                    width = image.width();
                    height = image.height();
                    samples = image.samples();
                } else {
                    JpegDctDecoder.Image image = JpegDctDecoder.decode(codestream, p.columns(), p.rows());
                    width = image.width();
                    height = image.height();
                    samples = image.samples();
                }
            } catch (JpegException | RuntimeException e) {
                if (isJpegLs(syntax) || isDct(syntax)) {
                    // Nothing else decodes these, so this is the final word on the frame.
                    throw new UnusableFileException("cannot decode the " + TransferSyntaxes.name(syntax) + " codestream: "
                            + DicomHeaderReader.describe(e), e);
                }
                return null; // JPEG lossless: PixelMed's decoder gets a try
            }
            if (width != p.columns() || height != p.rows()) {
                throw new UnusableFileException("JPEG frame is " + width + "x" + height + " but the header says "
                        + p.columns() + "x" + p.rows());
            }
            frames.add(SampleBits.normalise(p, samples));
        }
        return frames;
    }
}
