// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.codec.JpegException;
import org.lumen.viewer.codec.RleDecoder;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;
import org.lumen.viewer.index.InstanceHeader;

/**
 * RLE Lossless frames through Lumen's own decoder ({@link RleDecoder}): greyscale of 8, 16 and 32
 * bits, RGB and YBR_FULL of 8, 16 and 32 bits (PixelMed's RLE reader takes neither 32-bit samples nor
 * 16-bit colour). Palette colour stays with PixelMed, which reads the palette.
 */
final class RleFrames {

    static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private RleFrames() { }

    static boolean applies(InstanceHeader header) {
        PixelDescription p = header.pixels();
        return RLE_LOSSLESS.equals(header.transferSyntaxUid()) && header.pixelData().isKnown() && header.pixelData().encapsulated()
                && p.bitsAllocated() >= 8 && p.photometric() != Photometric.PALETTE_COLOR
                && (p.samplesPerPixel() == 1 && p.photometric().isMonochrome()
                        || p.samplesPerPixel() == 3 && (p.photometric() == Photometric.RGB || p.photometric() == Photometric.YBR_FULL));
    }

    /** The decoded frames, or null when the fragments cannot be assigned to frames (PixelMed then tries). */
    static List<DecodedFrame> decode(InstanceHeader header) throws UnusableFileException {
        List<byte[]> encoded = EncapsulatedFrames.readOrRefuse(header);
        if (encoded == null) {
            return null;
        }
        PixelDescription p = header.pixels();
        int bytes = p.bitsAllocated() / 8;
        List<DecodedFrame> frames = new ArrayList<>(encoded.size());
        boolean words = p.samplesPerPixel() == 1 && bytes <= 2;
        for (int f = 0; f < encoded.size(); f++) {
            if (words) {
                try {
                    frames.add(SampleBits.normalise(p, RleDecoder.decodeWords(encoded.get(f), p.columns(), p.rows(), bytes)));
                } catch (JpegException e) {
                    throw new UnusableFileException("cannot decode RLE frame " + f + ": " + e.getMessage(), e);
                }
                continue;
            }
            int[][] values;
            try {
                values = RleDecoder.decode(encoded.get(f), p.columns(), p.rows(), p.samplesPerPixel(), bytes);
            } catch (JpegException e) {
                throw new UnusableFileException("cannot decode RLE frame " + f + ": " + e.getMessage(), e);
            }
            frames.add(p.samplesPerPixel() == 1 ? grey(p, values[0]) : colour(p, values));
        }
        return frames;
    }

    /** 32-bit greyscale (8 and 16-bit frames take {@link RleDecoder#decodeWords}). */
    private static DecodedFrame grey(PixelDescription p, int[] values) {
        return GrayFrame.of32(p.columns(), p.rows(), values, !p.signed());
    }

    /** Colour is shown in 8 bits a channel: wider samples keep their top 8 stored bits. */
    private static DecodedFrame colour(PixelDescription p, int[][] values) {
        int down = Math.max(0, p.bitsStored() - 8);
        boolean ybr = p.photometric() == Photometric.YBR_FULL;
        int[] argb = new int[values[0].length];
        for (int i = 0; i < argb.length; i++) {
            int a = values[0][i] >>> down;
            int b = values[1][i] >>> down;
            int c = values[2][i] >>> down;
            argb[i] = ybr ? ColorConverter.ybrToRgb(a, b, c) : ColorConverter.pack(a, b, c);
        }
        return new ColorFrame(p.columns(), p.rows(), argb);
    }
}
