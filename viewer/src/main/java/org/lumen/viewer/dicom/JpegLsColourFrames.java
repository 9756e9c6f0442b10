// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.codec.CharLs;
import org.lumen.viewer.codec.JpegException;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/** Colour JPEG-LS frames (any interleave mode) through CharLS ({@link CharLs}); greyscale stays with Lumen's decoder. */
final class JpegLsColourFrames {

    private JpegLsColourFrames() { }

    static boolean takes(PixelDescription p) {
        return p.samplesPerPixel() == 3 && (p.photometric() == Photometric.RGB || p.photometric() == Photometric.YBR_FULL)
                && p.bitsAllocated() <= 16;
    }

    static boolean applies(InstanceHeader header) {
        return NativeJpegFrames.isJpegLs(header.transferSyntaxUid()) && takes(header.pixels()) && CharLs.isAvailable()
                && header.pixelData().isKnown() && header.pixelData().encapsulated();
    }

    /** The decoded frames, or null when the fragments cannot be assigned to frames. */
    static List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        List<byte[]> codestreams = EncapsulatedFrames.readOrRefuse(header);
        if (codestreams == null) {
            return null;
        }
        PixelDescription p = header.pixels();
        boolean ybr = p.photometric() == Photometric.YBR_FULL;
        List<DecodedFrame> frames = new ArrayList<>(codestreams.size());
        for (byte[] codestream : codestreams) {
            CharLs.Image image;
            try {
                image = CharLs.decode(codestream);
            } catch (JpegException e) {
                throw new UnusableFileException("cannot decode the " + TransferSyntaxes.name(header.transferSyntaxUid())
                        + " codestream: " + e.getMessage(), e);
            }
            if (image.width() != p.columns() || image.height() != p.rows() || image.components().length != 3) {
                throw new UnusableFileException("JPEG-LS frame is " + image.width() + "x" + image.height() + " with "
                        + image.components().length + " components, but the header says " + p.columns() + "x" + p.rows() + " RGB");
            }
            int down = Math.max(0, image.bitsPerSample() - 8);
            int[][] c = image.components();
            int[] argb = new int[c[0].length];
            for (int i = 0; i < argb.length; i++) {
                int a = c[0][i] >>> down;
                int b = c[1][i] >>> down;
                int d = c[2][i] >>> down;
                argb[i] = ybr ? ColorConverter.ybrToRgb(a, b, d) : ColorConverter.pack(a, b, d);
            }
            frames.add(new ColorFrame(p.columns(), p.rows(), argb));
        }
        return frames;
    }
}
