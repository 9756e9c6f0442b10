// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.Photometric;
import org.lumen.viewer.image.PixelDescription;

/** Converts decoded colour samples (RGB, YBR, palette) to packed ARGB frames. */
final class ColorConverter {

    private static final AttributeTag SEGMENTED_RED = new AttributeTag(0x0028, 0x1221);
    private static final AttributeTag SEGMENTED_GREEN = new AttributeTag(0x0028, 0x1222);
    private static final AttributeTag SEGMENTED_BLUE = new AttributeTag(0x0028, 0x1223);

    private final PixelDescription p;
    private final int[][] palette; // red, green, blue tables, each mapped to 8 bits; null unless PALETTE COLOR
    private final int paletteFirst;

    private ColorConverter(PixelDescription p, int[][] palette, int paletteFirst) {
        this.p = p;
        this.palette = palette;
        this.paletteFirst = paletteFirst;
    }

    static ColorConverter of(PixelDescription p, AttributeList list) throws DicomException {
        if (p.photometric() != Photometric.PALETTE_COLOR) {
            return new ColorConverter(p, null, 0);
        }
        Attribute descriptorAttribute = list.get(TagFromName.RedPaletteColorLookupTableDescriptor);
        if (descriptorAttribute == null || descriptorAttribute.getVM() < 3) {
            throw new DicomException("PALETTE COLOR image without a Red Palette Color Lookup Table Descriptor");
        }
        int[] descriptor = descriptorAttribute.getIntegerValues();
        int[][] tables = {
            table(list, TagFromName.RedPaletteColorLookupTableData, SEGMENTED_RED, descriptor),
            table(list, TagFromName.GreenPaletteColorLookupTableData, SEGMENTED_GREEN, descriptor),
            table(list, TagFromName.BluePaletteColorLookupTableData, SEGMENTED_BLUE, descriptor)};
        return new ColorConverter(p, tables, descriptor[1]);
    }

    private static int[] table(AttributeList list, AttributeTag tag, AttributeTag segmentedTag, int[] descriptor) throws DicomException {
        int entries = descriptor[0] == 0 ? 65536 : descriptor[0];
        int bits = descriptor[2];
        Attribute data = list.get(tag);
        if (data == null) {
            Attribute segmented = list.get(segmentedTag);
            if (segmented == null) {
                throw new DicomException("PALETTE COLOR image without " + tag + " data, plain or segmented");
            }
            int[] expanded = SegmentedLut.expand(units(segmented, bits), entries);
            for (int i = 0; i < entries; i++) {
                expanded[i] = bits == 16 ? expanded[i] >>> 8 : expanded[i] & 0xFF;
            }
            return expanded;
        }
        int[] table = new int[entries];
        if (bits == 8 && "OB".equals(data.getVRAsString())) {
            byte[] bytes = data.getByteValues();
            for (int i = 0; i < entries; i++) {
                table[i] = bytes[i] & 0xFF;
            }
        } else {
            short[] words = data.getShortValues();
            for (int i = 0; i < entries; i++) {
                int v = words[i] & 0xFFFF;
                // 16-bit tables are scaled down; 8-bit tables stored in words keep their low byte.
                table[i] = bits == 16 ? v >>> 8 : v & 0xFF;
            }
        }
        return table;
    }

    /** Segmented data as its units: 16-bit words, or bytes (low byte of each word first) for an 8-bit table. */
    private static int[] units(Attribute segmented, int bits) throws DicomException {
        if ("OB".equals(segmented.getVRAsString())) {
            byte[] bytes = segmented.getByteValues();
            int[] units = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                units[i] = bytes[i] & 0xFF;
            }
            return units;
        }
        short[] words = segmented.getShortValues();
        if (bits > 8) {
            int[] units = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                units[i] = words[i] & 0xFFFF;
            }
            return units;
        }
        int[] units = new int[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            units[2 * i] = words[i] & 0xFF;
            units[2 * i + 1] = words[i] >> 8 & 0xFF;
        }
        return units;
    }

    List<DecodedFrame> frames(Attribute pixelData) throws DicomException, UnusableFileException {
        int pixels = p.rows() * p.columns();
        List<DecodedFrame> frames = new ArrayList<>(p.frames());
        if (palette != null) {
            short[] indices = p.bitsAllocated() == 8 ? Words.bytesAsShorts(pixelData, (long) pixels * p.frames())
                    : Words.shorts(pixelData, (long) pixels * p.frames());
            for (int f = 0; f < p.frames(); f++) {
                int[] argb = new int[pixels];
                for (int i = 0; i < pixels; i++) {
                    int index = Math.clamp((indices[f * pixels + i] & 0xFFFF) - paletteFirst, 0, palette[0].length - 1);
                    argb[i] = 0xFF000000 | palette[0][index] << 16 | palette[1][index] << 8 | palette[2][index];
                }
                frames.add(new ColorFrame(p.columns(), p.rows(), argb));
            }
            return frames;
        }
        if (p.bitsAllocated() == 16) {
            return wideFrames(pixelData);
        }
        boolean subsampled = p.photometric() == Photometric.YBR_FULL_422 || p.photometric() == Photometric.YBR_PARTIAL_422;
        int frameBytes = subsampled ? pixels * 2 : pixels * 3;
        byte[] bytes = Words.bytes(pixelData, (long) frameBytes * p.frames());
        for (int f = 0; f < p.frames(); f++) {
            int[] argb = new int[pixels];
            int base = f * frameBytes;
            if (subsampled) {
                unpack422(bytes, base, argb);
            } else {
                for (int i = 0; i < pixels; i++) {
                    int a;
                    int b;
                    int c;
                    if (p.planarConfiguration() == 1) {
                        a = bytes[base + i] & 0xFF;
                        b = bytes[base + pixels + i] & 0xFF;
                        c = bytes[base + 2 * pixels + i] & 0xFF;
                    } else {
                        a = bytes[base + 3 * i] & 0xFF;
                        b = bytes[base + 3 * i + 1] & 0xFF;
                        c = bytes[base + 3 * i + 2] & 0xFF;
                    }
                    argb[i] = p.photometric() == Photometric.RGB ? pack(a, b, c) : ybrToRgb(a, b, c);
                }
            }
            frames.add(new ColorFrame(p.columns(), p.rows(), argb));
        }
        return frames;
    }

    /** 16-bit RGB or YBR_FULL, shown in 8 bits a channel: each sample keeps its top 8 stored bits. */
    private List<DecodedFrame> wideFrames(Attribute pixelData) throws DicomException, UnusableFileException {
        int pixels = p.rows() * p.columns();
        int frameSamples = pixels * 3;
        short[] words = Words.shorts(pixelData, (long) frameSamples * p.frames());
        int down = Math.max(0, p.bitsStored() - 8);
        List<DecodedFrame> frames = new ArrayList<>(p.frames());
        for (int f = 0; f < p.frames(); f++) {
            int[] argb = new int[pixels];
            int base = f * frameSamples;
            boolean planar = p.planarConfiguration() == 1;
            for (int i = 0; i < pixels; i++) {
                int a = (words[planar ? base + i : base + 3 * i] & 0xFFFF) >>> down;
                int b = (words[planar ? base + pixels + i : base + 3 * i + 1] & 0xFFFF) >>> down;
                int c = (words[planar ? base + 2 * pixels + i : base + 3 * i + 2] & 0xFFFF) >>> down;
                argb[i] = p.photometric() == Photometric.RGB ? pack(a, b, c) : ybrToRgb(a, b, c);
            }
            frames.add(new ColorFrame(p.columns(), p.rows(), argb));
        }
        return frames;
    }

    /** YBR_FULL_422: each pair of pixels is stored as Y1 Y2 Cb Cr. */
    private void unpack422(byte[] bytes, int base, int[] argb) {
        for (int i = 0, j = base; i + 1 < argb.length; i += 2, j += 4) {
            int cb = bytes[j + 2] & 0xFF;
            int cr = bytes[j + 3] & 0xFF;
            argb[i] = ybrToRgb(bytes[j] & 0xFF, cb, cr);
            argb[i + 1] = ybrToRgb(bytes[j + 1] & 0xFF, cb, cr);
        }
    }

    /** YBR_FULL to RGB (PS3.3 C.7.6.3.1.2). */
    static int ybrToRgb(int y, int cb, int cr) {
        int r = (int) Math.round(y + 1.402 * (cr - 128));
        int g = (int) Math.round(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
        int b = (int) Math.round(y + 1.772 * (cb - 128));
        return pack(r, g, b);
    }

    static int pack(int r, int g, int b) {
        return 0xFF000000 | Math.clamp(r, 0, 255) << 16 | Math.clamp(g, 0, 255) << 8 | Math.clamp(b, 0, 255);
    }
}
