// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * Checks what a header asks for against the bytes the file holds, before PixelMed reads it. PixelMed allocates an
 * element's declared length before it reads the value, so a damaged length made a 119 KB file cost 3.9 GB and a
 * 9 KB one 900 MB (found by fuzzing), and it keeps every sequence item it reads (5 million empty items: 4.7 GB).
 * This walk reads only the element headers of the mapped file: an element or item longer than what follows it, a
 * header of more than {@value #MAX_ITEMS} sequence items, or sequences nested deeper than {@value #MAX_DEPTH} refuse
 * the file with that sentence. Where the walk cannot tell the structure (deflate, an explicit VR that is not two
 * letters) it stops checking and leaves the file to PixelMed's own errors.
 */
public final class DeclaredLengths {

    /** Far more than any real header (a 5,000-frame enhanced MR has about 100,000 items), far less than 5 million. */
    static final int MAX_ITEMS = 1_000_000;
    static final int MAX_DEPTH = 64;

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /** Thrown inside the walk where the structure is not one it can follow: stop checking, it is not a refusal. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** Inflated data sets larger than this are not checked (PixelMed's own errors apply). */
    private static final int MAX_INFLATED = 256 << 20;

    private final ByteBuffer b;
    private final long size;
    private boolean implicit;
    private int items;

    private DeclaredLengths(ByteBuffer b) {
        this.b = b;
        this.size = b.limit();
    }

    /**
     * Refuses {@code file} with a sentence when its header declares more than the file holds.
     *
     * @throws UnusableFileException naming the element and the byte counts
     */
    public static void check(Path file) throws UnusableFileException {
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8 || size > Integer.MAX_VALUE) {
                return;
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            return;
        }
        try {
            new DeclaredLengths(mapped).walkFile();
        } catch (Unknown | IndexOutOfBoundsException e) {
            // A structure the walk cannot follow: PixelMed decides.
        }
    }

    private void walkFile() throws UnusableFileException {
        int pos = 0;
        String syntax = null;
        if (size >= 132 && "DICM".equals(ascii(128, 4))) {
            pos = 132;
            b.order(ByteOrder.LITTLE_ENDIAN);
            while (pos + 8 <= size && (b.getShort(pos) & 0xFFFF) == 0x0002) {
                String vr = ascii(pos + 4, 2);
                if (!isVr(vr)) {
                    throw new Unknown();
                }
                boolean longForm = LONG_VRS.contains(vr);
                long length = longForm ? b.getInt(pos + 8) & 0xFFFFFFFFL : b.getShort(pos + 6) & 0xFFFF;
                int valueStart = pos + (longForm ? 12 : 8);
                requireFits(tag(pos), length, valueStart, size);
                if (tag(pos) == 0x00020010) {
                    syntax = ascii(valueStart, (int) length).replace("\0", "").strip();
                }
                pos = (int) (valueStart + length);
            }
        } else {
            // No preamble: PixelMed guesses the encoding, so only an explicit VR data set is checked.
            b.order(ByteOrder.LITTLE_ENDIAN);
            if (!isVr(ascii(4, 2))) {
                return;
            }
        }
        if (TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.equals(syntax)) {
            ByteBuffer inflated = inflate(pos);
            if (inflated != null) {
                DeclaredLengths walk = new DeclaredLengths(inflated);
                walk.b.order(ByteOrder.LITTLE_ENDIAN);
                walk.elements(0, walk.size, 0, true);
            }
            return;
        }
        // Without a transfer syntax (or with a damaged one) PixelMed guesses from the first element, as this does.
        implicit = TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN.equals(syntax)
                || (syntax == null || !syntax.startsWith("1.2.840.10008.")) && pos + 8 <= size && !isVr(ascii(pos + 4, 2));
        b.order(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN.equals(syntax) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        elements(pos, size, 0, true);
    }

    /** Walks elements from {@code pos} to {@code end} (or an item's end marker); returns where it stopped. */
    private long elements(long pos, long end, int depth, boolean top) throws UnusableFileException {
        while (pos + 8 <= end) {
            int at = (int) pos;
            int tag = tag(at);
            if (top && tag == PIXEL_DATA) {
                return pos;
            }
            if (tag == ITEM_END) {
                return pos + 8;
            }
            boolean sequence;
            long length;
            int valueStart;
            if (implicit) {
                length = b.getInt(at + 4) & 0xFFFFFFFFL;
                valueStart = at + 8;
                sequence = length == UNDEFINED;
            } else {
                String vr = ascii(at + 4, 2);
                if (isVr(vr)) {
                    boolean longForm = LONG_VRS.contains(vr);
                    length = longForm ? b.getInt(at + 8) & 0xFFFFFFFFL : b.getShort(at + 6) & 0xFFFF;
                    valueStart = at + (longForm ? 12 : 8);
                    sequence = vr.equals("SQ") || length == UNDEFINED;
                    if (vr.equals("UN") && length == UNDEFINED) {
                        // An undefined-length UN holds implicit VR items (PS3.5 6.2.2): walk it that way.
                        implicit = true;
                        try {
                            pos = items(valueStart, end, depth + 1, tag);
                        } finally {
                            implicit = false;
                        }
                        continue;
                    }
                } else {
                    // Not a VR: PixelMed then reads either a 4-byte length where an implicit element has it, or the
                    // long form's after two reserved bytes. Both must fit; past this element the walk cannot follow.
                    long implicitLength = b.getInt(at + 4) & 0xFFFFFFFFL;
                    long longFormLength = at + 12 <= size ? b.getInt(at + 8) & 0xFFFFFFFFL : 0;
                    if (implicitLength != UNDEFINED) {
                        requireFits(tag, implicitLength, at + 8, size);
                    }
                    if (longFormLength != UNDEFINED) {
                        requireFits(tag, longFormLength, at + 12, size);
                    }
                    throw new Unknown();
                }
            }
            if (length == UNDEFINED) {
                pos = items(valueStart, end, depth + 1, tag);
            } else {
                // Against the file's end, not the enclosing item's: PixelMed reads an element that overruns its
                // item, and what it allocates is bounded by the file either way.
                requireFits(tag, length, valueStart, size);
                if (sequence || implicit && length >= 8 && valueStart + 8 <= size && tag(valueStart) == ITEM) {
                    // In implicit VR only the dictionary knows a defined-length sequence: an item tag first says it.
                    items(valueStart, Math.min(valueStart + length, size), depth + 1, tag);
                }
                pos = valueStart + length;
            }
        }
        return pos;
    }

    /** Walks the items of a sequence (or fragments of pixel data) to its end marker or {@code end}. */
    private long items(long pos, long end, int depth, int sequenceTag) throws UnusableFileException {
        if (depth > MAX_DEPTH) {
            throw new UnusableFileException(String.format(Locale.ROOT,
                    "damaged header: sequences nested more than %d deep at (%04X,%04X)", MAX_DEPTH, sequenceTag >>> 16, sequenceTag & 0xFFFF));
        }
        while (pos + 8 <= end) {
            int at = (int) pos;
            int tag = tag(at);
            if (tag == SEQUENCE_END) {
                return pos + 8;
            }
            if (tag != ITEM) {
                throw new Unknown();
            }
            if (++items > MAX_ITEMS) {
                throw new UnusableFileException(String.format(Locale.ROOT, "damaged header: more than %,d sequence items "
                        + "(at (%04X,%04X)); Lumen refuses headers that large", MAX_ITEMS, sequenceTag >>> 16, sequenceTag & 0xFFFF));
            }
            long length = b.getInt(at + 4) & 0xFFFFFFFFL;
            if (length == UNDEFINED) {
                pos = elements(pos + 8, end, depth, false);
            } else {
                // An item is a container, not an allocation: PixelMed reads one that overruns up to the file's end
                // (the corpus has a DICOMDIR whose last record does), so only the elements inside are held to it.
                long itemEnd = Math.min(pos + 8 + length, end);
                if (sequenceTag != PIXEL_DATA) {
                    elements(pos + 8, itemEnd, depth, false);
                }
                pos = itemEnd;
            }
        }
        return pos;
    }

    private void requireFits(int tag, long length, long valueStart, long end) throws UnusableFileException {
        long available = Math.max(0, Math.min(end, size) - valueStart);
        if (length > available) {
            throw new UnusableFileException(String.format(Locale.ROOT, "truncated or damaged header: element (%04X,%04X) claims %,d bytes,"
                    + " but only %,d follow it in the file", tag >>> 16, tag & 0xFFFF, length, available));
        }
    }

    /**
     * The deflated data set from {@code start}, inflated in memory, or null when it inflates to more than
     * {@value #MAX_INFLATED} bytes (a 245 KB deflated file cost 1.7 GB in PixelMed). Damaged deflate gives what
     * inflated before the damage: PixelMed reads that much, so that much is checked.
     */
    private ByteBuffer inflate(int start) {
        byte[] compressed = new byte[(int) size - start];
        b.get(start, compressed);
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(compressed.length * 4);
        try {
            inflater.setInput(compressed);
            // Small steps: what one step inflated is lost when it meets the damage.
            byte[] chunk = new byte[256];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_INFLATED) {
                    return null;
                }
            }
        } catch (java.util.zip.DataFormatException e) {
            // keep what inflated before the damage
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private int tag(int at) {
        return (b.getShort(at) & 0xFFFF) << 16 | b.getShort(at + 2) & 0xFFFF;
    }

    private String ascii(int at, int length) {
        byte[] bytes = new byte[Math.max(0, Math.min(length, (int) size - at))];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static boolean isVr(String vr) {
        return vr.length() == 2 && Character.isUpperCase(vr.charAt(0)) && Character.isUpperCase(vr.charAt(1));
    }
}
