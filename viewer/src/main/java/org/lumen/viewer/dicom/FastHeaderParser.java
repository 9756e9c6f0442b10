// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the header of a Part 10 file in Explicit or Implicit VR Little Endian (which includes
 * every encapsulated syntax) straight from its bytes, up to Pixel Data. It exists because
 * PixelMed's general-purpose reader costs ~200 µs per header, which caps indexing near 5,000
 * files/s on two cores (docs/decisions/0003). Anything else (no preamble, big endian, deflate,
 * invalid VRs) is declined, and the caller falls back to PixelMed.
 */
final class FastHeaderParser {

    /** The bytes ended before Pixel Data or the end of the file: read more and try again. */
    static final class NeedMoreBytes extends Exception {
        NeedMoreBytes() {
            super(null, null, false, false);
        }
    }

    /** This file is not for the fast path. */
    static final class Declined extends Exception {
        Declined() {
            super(null, null, false, false);
        }
    }

    /**
     * @param dataSet        the parsed data set (top level)
     * @param pixelDataValue offset of Pixel Data's value, or -1 when the file has none
     * @param pixelDataLength its length; -1 when encapsulated (undefined length)
     */
    record Result(ParsedValues dataSet, String transferSyntax, long pixelDataValue, long pixelDataLength, int floatBytes) {
        Result(ParsedValues dataSet, String transferSyntax, long pixelDataValue, long pixelDataLength) {
            this(dataSet, transferSyntax, pixelDataValue, pixelDataLength, 0);
        }
    }

    private static final int UNDEFINED = -1;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> SHORT_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT",
            "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US");
    /** Sequences an implicit VR file may hold with a defined length: the ones whose items we read. */
    private static final Set<Integer> IMPLICIT_SEQUENCES = Set.of(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE,
            Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, Tags.PLANE_POSITION_SEQUENCE, Tags.PLANE_ORIENTATION_SEQUENCE,
            Tags.PIXEL_MEASURES_SEQUENCE, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tags.FRAME_VOI_LUT_SEQUENCE,
            Tags.VOI_LUT_SEQUENCE, Tags.MODALITY_LUT_SEQUENCE, Tags.DIRECTORY_RECORD_SEQUENCE, Tags.SEQUENCE_OF_ULTRASOUND_REGIONS);

    private final byte[] b;
    private final int end;
    private final boolean wholeFile;
    private int pos;
    private boolean implicit;

    private FastHeaderParser(byte[] bytes, int length, boolean wholeFile) {
        this.b = bytes;
        this.end = length;
        this.wholeFile = wholeFile;
    }

    /** @param wholeFile true when {@code length} bytes are the entire file */
    static Result parse(byte[] bytes, int length, boolean wholeFile) throws NeedMoreBytes, Declined {
        return new FastHeaderParser(bytes, length, wholeFile).parse();
    }

    private Result parse() throws NeedMoreBytes, Declined {
        if (end < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
            throw new Declined();
        }
        pos = 132;
        ParsedValues meta = new ParsedValues(b, null);
        while (pos + 8 <= end && u16(pos) == 0x0002) {
            readElement(meta, null, false);
        }
        String syntax = meta.string(Tags.TRANSFER_SYNTAX_UID);
        if (syntax == null) {
            throw new Declined();
        }
        if (syntax.equals(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN)) {
            implicit = true;
        } else if (!syntax.equals(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN) && !syntax.startsWith("1.2.840.10008.1.2.4.")
                && !syntax.equals("1.2.840.10008.1.2.5")) {
            throw new Declined(); // big endian, deflate, private syntaxes: PixelMed knows them
        }
        ParsedValues dataSet = new ParsedValues(b, null);
        dataSet.put(Tags.MEDIA_STORAGE_SOP_CLASS_UID, elementOf(meta, Tags.MEDIA_STORAGE_SOP_CLASS_UID));
        while (true) {
            if (pos >= end) {
                if (wholeFile) {
                    return new Result(dataSet, syntax, -1, -1);
                }
                throw new NeedMoreBytes();
            }
            need(8);
            int tag = tag(pos);
            if (tag == Tags.FLOAT_PIXEL_DATA || tag == Tags.DOUBLE_FLOAT_PIXEL_DATA) {
                // Float pixels (parametric maps) come instead of Pixel Data: the image's values, read straight from disk.
                int headerLength = implicit ? 8 : 12;
                need(headerLength);
                return new Result(dataSet, syntax, pos + headerLength, u32(pos + headerLength - 4),
                        tag == Tags.FLOAT_PIXEL_DATA ? 4 : 8);
            }
            if (Integer.compareUnsigned(tag, Tags.PIXEL_DATA) >= 0) {
                if (tag != Tags.PIXEL_DATA) {
                    return new Result(dataSet, syntax, -1, -1); // trailing padding or signatures, no pixels
                }
                int headerLength = implicit ? 8 : 12;
                need(headerLength);
                long length = u32(pos + headerLength - 4);
                return new Result(dataSet, syntax, pos + headerLength, length == 0xFFFFFFFFL ? -1 : length);
            }
            readElement(dataSet, dataSet, implicit);
        }
    }

    private static ParsedValues.Element elementOf(ParsedValues meta, int tag) {
        return meta.has(tag) ? meta.elementFor(tag) : null;
    }

    /** Reads one element at {@code pos} into {@code into}, descending into sequences. */
    private void readElement(ParsedValues into, ParsedValues root, boolean implicitVr) throws NeedMoreBytes, Declined {
        need(8);
        int tag = tag(pos);
        String vr;
        long length;
        int valueStart;
        if (implicitVr) {
            vr = null;
            length = u32(pos + 4);
            valueStart = pos + 8;
        } else {
            vr = new String(new char[] {(char) b[pos + 4], (char) b[pos + 5]});
            if (LONG_VRS.contains(vr)) {
                need(12);
                length = u32(pos + 8);
                valueStart = pos + 12;
            } else if (SHORT_VRS.contains(vr)) {
                length = u16(pos + 6);
                valueStart = pos + 8;
            } else {
                throw new Declined(); // an invalid VR: let PixelMed's repairs deal with it
            }
        }
        pos = valueStart;
        boolean undefined = length == 0xFFFFFFFFL;
        boolean sequence = "SQ".equals(vr) || undefined && (vr == null || "UN".equals(vr))
                || vr == null && IMPLICIT_SEQUENCES.contains(tag);
        if (sequence) {
            // A UN or implicit sequence of undefined length is encoded in Implicit VR Little Endian (PS3.5 6.2.2).
            boolean itemsImplicit = implicitVr || "UN".equals(vr);
            List<ParsedValues> items = readItems(undefined ? UNDEFINED : (int) length, root, itemsImplicit);
            if (into != null) {
                into.put(tag, new ParsedValues.Element("SQ", valueStart, 0, items));
            }
            return;
        }
        if (undefined) {
            throw new Declined(); // an undefined length outside a sequence or Pixel Data
        }
        need(length);
        if (into != null) {
            into.put(tag, new ParsedValues.Element(vr, valueStart, (int) length, null));
        }
        pos = (int) (valueStart + length);
    }

    private List<ParsedValues> readItems(int length, ParsedValues root, boolean implicitVr) throws NeedMoreBytes, Declined {
        List<ParsedValues> items = new ArrayList<>();
        long stop = length == UNDEFINED ? Long.MAX_VALUE : (long) pos + length;
        while (pos < stop) {
            need(8);
            int tag = tag(pos);
            long itemLength = u32(pos + 4);
            pos += 8;
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM) {
                throw new Declined();
            }
            ParsedValues item = new ParsedValues(b, root);
            long itemStop = itemLength == 0xFFFFFFFFL ? Long.MAX_VALUE : pos + itemLength;
            while (pos < itemStop) {
                need(8);
                if (tag(pos) == ITEM_END) {
                    pos += 8;
                    break;
                }
                readElement(item, root, implicitVr);
            }
            items.add(item);
        }
        return items;
    }

    private void need(long bytes) throws NeedMoreBytes, Declined {
        if (pos + bytes > end) {
            if (wholeFile) {
                throw new Declined(); // the file ends inside an element: PixelMed reports it as truncated
            }
            throw new NeedMoreBytes();
        }
    }

    private int tag(int p) {
        return u16(p) << 16 | u16(p + 2);
    }

    private int u16(int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private long u32(int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
