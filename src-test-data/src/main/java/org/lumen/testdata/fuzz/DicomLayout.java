// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where each top-level element of a DICOM Part 10 file lies, byte by byte, and the fragments of its encapsulated
 * Pixel Data: what the fuzzer needs to change one value or one length without a DICOM library, so the damage it
 * makes is exactly the damage it meant (a library would refuse to write most of it).
 */
public final class DicomLayout {

    /** One element: where its header starts, where its value starts, and the value's declared length (-1: undefined). */
    public record Element(int tag, String vr, int start, int valueStart, long length) {
        public int group() { return tag >>> 16; }
        /** Where the next element starts; for an undefined length, after its delimiter. */
        int end(int delimitedEnd) { return length < 0 ? delimitedEnd : (int) (valueStart + length); }
    }

    /** One item of encapsulated Pixel Data: the offset of its 8-byte item header and its value's length. */
    public record Fragment(int start, int length) {
        public int valueStart() { return start + 8; }
    }

    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV");
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    public static final int PIXEL_DATA = 0x7FE00010;

    private final byte[] bytes;
    private final boolean explicit;
    private final ByteOrder order;
    private final List<Element> elements = new ArrayList<>();
    private final List<Fragment> fragments = new ArrayList<>();

    private DicomLayout(byte[] bytes, boolean explicit, ByteOrder order) {
        this.bytes = bytes;
        this.explicit = explicit;
        this.order = order;
    }

    /** The layout of a Part 10 file; empty when it is not one, is deflated, or its elements cannot be walked. */
    public static Optional<DicomLayout> of(byte[] bytes) {
        if (bytes.length < 144 || !"DICM".equals(new String(bytes, 128, 4, StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            DicomLayout meta = new DicomLayout(bytes, true, ByteOrder.LITTLE_ENDIAN);
            int position = 132;
            String syntax = "1.2.840.10008.1.2.1";
            while (position + 8 <= bytes.length && meta.u16(position) == 0x0002) {
                Element element = meta.element(position);
                if (element.tag() == 0x00020010) {
                    syntax = new String(bytes, element.valueStart(), (int) element.length(), StandardCharsets.US_ASCII).trim().replace("\0", "");
                }
                meta.elements.add(element);
                position = element.end(0);
            }
            if (syntax.equals("1.2.840.10008.1.2.1.99")) {
                return Optional.empty();
            }
            DicomLayout layout = new DicomLayout(bytes, !syntax.equals("1.2.840.10008.1.2"),
                    syntax.equals("1.2.840.10008.1.2.2") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            layout.elements.addAll(meta.elements);
            while (position + 8 <= bytes.length) {
                Element element = layout.element(position);
                int end = element.length() < 0 ? layout.skipUndefined(element) : element.end(0);
                if (end > bytes.length || end <= position) {
                    return Optional.empty();
                }
                layout.elements.add(element);
                position = end;
            }
            return Optional.of(layout);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public List<Element> elements() { return List.copyOf(elements); }

    /** The fragments of encapsulated Pixel Data, the Basic Offset Table first; empty for native pixels. */
    public List<Fragment> fragments() { return List.copyOf(fragments); }

    public boolean explicitVr() { return explicit; }

    public ByteOrder order() { return order; }

    public Optional<Element> find(int tag) {
        return elements.stream().filter(e -> e.tag() == tag).findFirst();
    }

    /** The data set's first element after the file meta group: where new top-level elements may go. */
    int insertionPoint(int tag) {
        for (Element e : elements) {
            if (e.group() != 0x0002 && Integer.compareUnsigned(e.tag(), tag) > 0) {
                return e.start();
            }
        }
        return bytes.length;
    }

    private Element element(int position) {
        int tag = u16(position) << 16 | u16(position + 2);
        boolean meta = (tag >>> 16) == 0x0002;
        boolean explicitHere = explicit || meta;
        ByteOrder here = meta ? ByteOrder.LITTLE_ENDIAN : order;
        if ((tag & 0xFFFF0000) == 0xFFFE0000 || !explicitHere) {
            long length = u32(position + 4, here);
            return new Element(tag, "", position, position + 8, length == 0xFFFFFFFFL ? -1 : length);
        }
        String vr = new String(bytes, position + 4, 2, StandardCharsets.US_ASCII);
        if (LONG_LENGTH_VRS.contains(vr)) {
            long length = u32(position + 8, here);
            return new Element(tag, vr, position, position + 12, length == 0xFFFFFFFFL ? -1 : length);
        }
        return new Element(tag, vr, position, position + 8, u16(position + 6, here));
    }

    /** Walks an undefined-length value to its sequence delimiter; records Pixel Data's fragments. Returns its end. */
    private int skipUndefined(Element element) {
        int position = element.valueStart();
        boolean pixels = element.tag() == PIXEL_DATA;
        while (position + 8 <= bytes.length) {
            int tag = u16(position) << 16 | u16(position + 2);
            long length = u32(position + 4, order);
            if (tag == SEQUENCE_END) {
                return position + 8;
            }
            if (tag != ITEM) {
                throw new IllegalStateException("not an item at " + position);
            }
            if (length == 0xFFFFFFFFL) {
                position = skipItemElements(position + 8);
            } else {
                if (pixels) {
                    fragments.add(new Fragment(position, (int) length));
                }
                position += 8 + (int) length;
            }
        }
        return pixels ? bytes.length : -1;
    }

    private int skipItemElements(int position) {
        while (position + 8 <= bytes.length) {
            Element inner = element(position);
            if (inner.tag() == ITEM_END) {
                return position + 8;
            }
            position = inner.length() < 0 ? skipUndefined(inner) : inner.end(0);
        }
        throw new IllegalStateException("item without end");
    }

    int u16(int position) { return u16(position, order); }

    private int u16(int position, ByteOrder byteOrder) {
        return ByteBuffer.wrap(bytes, position, 2).order(byteOrder).getShort() & 0xFFFF;
    }

    private long u32(int position, ByteOrder byteOrder) {
        return ByteBuffer.wrap(bytes, position, 4).order(byteOrder).getInt() & 0xFFFFFFFFL;
    }
}
