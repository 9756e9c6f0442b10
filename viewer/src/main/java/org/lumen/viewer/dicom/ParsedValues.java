// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.SpecificCharacterSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A data set parsed by {@link FastHeaderParser}: elements point into the file's bytes, decoded on demand. */
final class ParsedValues implements HeaderValues {

    /** Tags whose value is binary 16-bit in implicit VR files (where no VR is written). */
    private static final Set<Integer> IMPLICIT_US = Set.of(Tags.ROWS, Tags.COLUMNS, Tags.BITS_ALLOCATED, Tags.BITS_STORED,
            Tags.HIGH_BIT, Tags.PIXEL_REPRESENTATION, Tags.SAMPLES_PER_PIXEL, Tags.PLANAR_CONFIGURATION, Tags.LUT_DESCRIPTOR,
            Tags.LUT_DATA, Tags.PHYSICAL_UNITS_X_DIRECTION, Tags.PHYSICAL_UNITS_Y_DIRECTION);
    /** Binary 32-bit unsigned tags read in implicit VR files (ultrasound region bounds). */
    private static final Set<Integer> IMPLICIT_UL = Set.of(Tags.REGION_LOCATION_MIN_X0, Tags.REGION_LOCATION_MIN_Y0,
            Tags.REGION_LOCATION_MAX_X1, Tags.REGION_LOCATION_MAX_Y1);
    /** Binary doubles read in implicit VR files (ultrasound physical deltas). */
    private static final Set<Integer> IMPLICIT_FD = Set.of(Tags.PHYSICAL_DELTA_X, Tags.PHYSICAL_DELTA_Y);
    /** VRs whose text is decoded with the Specific Character Set; the rest are ASCII. */
    private static final Set<String> CHARSET_VRS = Set.of("PN", "LO", "SH", "ST", "LT", "UT", "UC");

    /** One element: its VR (null in implicit VR), where its value lies, or its items if a sequence. */
    record Element(String vr, int offset, int length, List<ParsedValues> items) { }

    private final byte[] bytes;
    private final Map<Integer, Element> elements = new HashMap<>(64);
    private final ParsedValues root;
    private SpecificCharacterSet charset;
    private boolean charsetResolved;
    /**
     * True when the declared character set reads bytes 0x00-0x7F as ASCII, as every DICOM set does except those with
     * JIS X 0201 Romaji (ISO_IR 13) in G0; without ESC such values need no translation (PixelMed's costs ~1 µs each).
     */
    private boolean asciiIsPlain;

    ParsedValues(byte[] bytes, ParsedValues root) {
        this.bytes = bytes;
        this.root = root == null ? this : root;
    }

    void put(int tag, Element element) {
        if (element != null) {
            elements.put(tag, element);
        }
    }

    Element elementFor(int tag) {
        return elements.get(tag);
    }

    @Override
    public boolean has(int tag) {
        return elements.containsKey(tag);
    }

    @Override
    public String string(int tag) {
        String all = strings(tag);
        if (all == null) {
            return null;
        }
        int split = all.indexOf('\\');
        String first = (split < 0 ? all : all.substring(0, split)).strip();
        return first.isEmpty() ? null : first;
    }

    @Override
    public String strings(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.items() != null || e.length() == 0) {
            return null;
        }
        String text;
        SpecificCharacterSet declared = root.charset();
        boolean extended = e.vr() == null ? tag != Tags.SPECIFIC_CHARACTER_SET : CHARSET_VRS.contains(e.vr());
        if (extended && declared != null && !(root.asciiIsPlain && isPlainAscii(e))) {
            // PixelMed's translateByteArrayToString reads from the array's start whatever offset it is given.
            byte[] value = java.util.Arrays.copyOfRange(bytes, e.offset(), e.offset() + e.length());
            text = declared.translateByteArrayToString(value, 0, value.length);
        } else {
            text = new String(bytes, e.offset(), e.length(), StandardCharsets.ISO_8859_1);
        }
        text = stripPadding(text);
        return text.isBlank() ? null : text;
    }

    @Override
    public double[] doubles(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.items() != null || e.length() == 0) {
            return new double[0];
        }
        String vr = e.vr() != null ? e.vr() : implicitVr(tag);
        return switch (vr) {
            case "US", "OW" -> binary(e, 2, false);
            case "SS" -> binary(e, 2, true);
            case "UL" -> binary(e, 4, false);
            case "SL" -> binary(e, 4, true);
            case "FL" -> floats(e, 4);
            case "FD" -> floats(e, 8);
            default -> parseNumbers(new String(bytes, e.offset(), e.length(), StandardCharsets.ISO_8859_1));
        };
    }

    private static String implicitVr(int tag) {
        if (IMPLICIT_US.contains(tag)) {
            return "US";
        }
        if (IMPLICIT_UL.contains(tag)) {
            return "UL";
        }
        return IMPLICIT_FD.contains(tag) ? "FD" : "DS";
    }

    @Override
    public short[] words(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.items() != null) {
            return null;
        }
        short[] words = new short[e.length() / 2];
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) ((bytes[e.offset() + 2 * i] & 0xFF) | (bytes[e.offset() + 2 * i + 1] & 0xFF) << 8);
        }
        return words;
    }

    @Override
    public HeaderValues item(int sequenceTag, int index) {
        Element e = elements.get(sequenceTag);
        return e == null || e.items() == null || index >= e.items().size() ? null : e.items().get(index);
    }

    @Override
    public int itemCount(int sequenceTag) {
        Element e = elements.get(sequenceTag);
        return e == null || e.items() == null ? 0 : e.items().size();
    }

    /** The declared Specific Character Set, or null for the default repertoire (read as ISO 8859-1). */
    private SpecificCharacterSet charset() {
        if (charset == null && !charsetResolved) {
            charsetResolved = true;
            String declared = strings(Tags.SPECIFIC_CHARACTER_SET);
            // Empty values count: "\ISO 2022 IR 87" means the default repertoire first, then JIS X 0208.
            charset = declared == null ? null : new SpecificCharacterSet(declared.split("\\\\", -1));
            asciiIsPlain = declared != null && !declared.contains("IR 13");
        }
        return charset;
    }

    /** True when the value's bytes are all ASCII and none is ESC (no ISO 2022 code extension). */
    private boolean isPlainAscii(Element e) {
        for (int i = e.offset(), end = e.offset() + e.length(); i < end; i++) {
            if (bytes[i] < 0 || bytes[i] == 0x1B) {
                return false;
            }
        }
        return true;
    }

    private double[] binary(Element e, int width, boolean signed) {
        double[] values = new double[e.length() / width];
        for (int i = 0; i < values.length; i++) {
            long v = littleEndian(e.offset() + i * width, width);
            if (signed && (v & (1L << (8 * width - 1))) != 0) {
                v -= 1L << (8 * width);
            }
            values[i] = v;
        }
        return values;
    }

    private double[] floats(Element e, int width) {
        double[] values = new double[e.length() / width];
        for (int i = 0; i < values.length; i++) {
            long v = littleEndian(e.offset() + i * width, width);
            values[i] = width == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
        }
        return values;
    }

    private long littleEndian(int p, int width) {
        long v = 0;
        for (int b = width - 1; b >= 0; b--) {
            v = v << 8 | (bytes[p + b] & 0xFF);
        }
        return v;
    }

    private static double[] parseNumbers(String text) {
        List<Double> values = new ArrayList<>(4);
        for (String part : stripPadding(text).split("\\\\")) {
            String s = part.strip();
            if (!s.isEmpty()) {
                try {
                    values.add(Double.parseDouble(s));
                } catch (NumberFormatException e) {
                    return new double[0]; // a malformed number makes the whole value absent, as PixelMed does
                }
            }
        }
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
            end--;
        }
        return text.substring(0, end);
    }
}
