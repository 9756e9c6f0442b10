// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.codec.JpegException;
import org.lumen.viewer.codec.OpenJpeg;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/**
 * JPEG 2000 (lossless and lossy) and HTJ2K frames through OpenJPEG ({@link OpenJpeg}). Without the
 * library, JPEG 2000 falls back to PixelMed's jai-imageio reader and HTJ2K cannot be decoded.
 */
final class OpenJpegFrames {

    private OpenJpegFrames() { }

    static boolean isJpeg2000(String syntax) {
        return "1.2.840.10008.1.2.4.90".equals(syntax) || "1.2.840.10008.1.2.4.91".equals(syntax) || isHtj2k(syntax);
    }

    static boolean isHtj2k(String syntax) {
        return syntax != null && syntax.startsWith("1.2.840.10008.1.2.4.20") && syntax.length() == 23;
    }

    static boolean applies(InstanceHeader header) {
        return isJpeg2000(header.transferSyntaxUid()) && OpenJpeg.isAvailable() && header.pixelData().isKnown()
                && header.pixelData().encapsulated();
    }

    /** The decoded frames, or null when the fragments cannot be assigned to frames (PixelMed then tries). */
    static List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        List<byte[]> codestreams = EncapsulatedFrames.readOrRefuse(header);
        if (codestreams == null) {
            return null;
        }
        PixelDescription p = header.pixels();
        List<DecodedFrame> frames = new ArrayList<>(codestreams.size());
        for (byte[] codestream : codestreams) {
            OpenJpeg.Image image;
            try {
                image = OpenJpeg.decode(codestream);
            } catch (JpegException e) {
                throw new UnusableFileException("cannot decode the " + TransferSyntaxes.name(header.transferSyntaxUid())
                        + " codestream: " + e.getMessage(), e);
            }
            if (image.width() != p.columns() || image.height() != p.rows()) {
                throw new UnusableFileException("JPEG 2000 frame is " + image.width() + "x" + image.height()
                        + " but the header says " + p.columns() + "x" + p.rows());
            }
            frames.add(toFrame(p, image));
        }
        return frames;
    }

    private static DecodedFrame toFrame(PixelDescription p, OpenJpeg.Image image) throws UnusableFileException {
        int[][] c = image.components();
        int n = image.width() * image.height();
        if (c.length == 1) {
            if (p.bitsAllocated() == 32) {
                return GrayFrame.of32(p.columns(), p.rows(), c[0], !p.signed());
            }
            short[] samples = new short[n];
            int[] values = c[0];
            for (int i = 0; i < n; i++) {
                samples[i] = (short) values[i];
            }
            return SampleBits.normalise(p, samples);
        }
        if (c.length < 3) {
            throw new UnusableFileException("a JPEG 2000 codestream with " + c.length + " components is not an image Lumen can show");
        }
        // Codestreams with the multiple-component transform come back as RGB; only YBR_FULL without it needs converting.
        boolean ybr = p.photometric() == Photometric.YBR_FULL;
        int down = Math.max(0, image.precision() - 8);
        int[] argb = new int[n];
        for (int i = 0; i < n; i++) {
            int a = c[0][i] >> down;
            int b = c[1][i] >> down;
            int d = c[2][i] >> down;
            argb[i] = ybr ? ColorConverter.ybrToRgb(a, b, d) : ColorConverter.pack(a, b, d);
        }
        return new ColorFrame(p.columns(), p.rows(), argb);
    }
}
