// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads one file's whole data set, file meta information included, as {@link TagNode}s for the tag browser.
 * Reading stops at Pixel Data: its length is read from its header, its bytes never are. Strings are decoded with
 * the file's Specific Character Set (PixelMed does this while reading, item by item). Long sequences, such as the
 * per-frame functional groups of a large enhanced object, list their first items and gather the rest under one
 * row, and a budget on rows keeps a pathological file from building an unbounded tree.
 */
public final class TagTreeReader {

    /** Items of a sequence listed one by one; the rest go under a "… N more items" row. */
    static final int ITEMS_LISTED = 50;
    /** Rows (elements and items) built at most for one file; items beyond are counted, not listed. */
    static final int ROW_BUDGET = 250_000;
    /** A value's displayed text is cut after this many characters. */
    static final int MAX_VALUE_CHARS = 1024;
    /** Values of a multi-valued element shown at most. */
    static final int MAX_VALUES = 64;
    /** Binary values up to this many bytes are shown as hex bytes. */
    private static final int HEX_PREVIEW_BYTES = 16;
    /** UN values up to this many bytes are shown as text when they are printable text. */
    private static final int TEXT_PREVIEW_BYTES = 1024;
    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    private final int itemsListed;
    private int rowsLeft;

    TagTreeReader(int itemsListed, int rowBudget) {
        this.itemsListed = itemsListed;
        this.rowsLeft = rowBudget;
    }

    /** The elements of {@code file} in tag order; throws with a one-sentence reason when the file is unusable. */
    public static List<TagNode> read(Path file) throws UnusableFileException {
        return new TagTreeReader(ITEMS_LISTED, ROW_BUDGET).readTree(file);
    }

    /**
     * The top-level text values of {@code tags} (group << 16 | element) in {@code file}; a tag the file lacks, or
     * holds empty, is absent. For describing a file (manufacturer, kVp), where a missing value is no error.
     */
    public static java.util.Map<Integer, String> topLevelValues(Path file, int... tags) throws UnusableFileException {
        java.util.Map<Integer, String> values = new java.util.HashMap<>();
        for (TagNode node : read(file)) {
            int tag = node.group() << 16 | node.element();
            for (int wanted : tags) {
                if (tag == wanted && !node.value().isBlank()) {
                    values.put(tag, node.value().strip());
                }
            }
        }
        return values;
    }

    List<TagNode> readTree(Path file) throws UnusableFileException {
        long size = fileSize(file);
        if (size == 0) {
            throw new UnusableFileException("empty file");
        }
        byte[] head = readStart(file);
        DicomSniffer.requireDicom(head, head.length, size);
        // A damaged length made PixelMed allocate hundreds of MB for a 39 KB file before it noticed (issue 15).
        DeclaredLengths.check(file);
        AttributeList list = new AttributeList();
        AttributeTag[] lastTag = new AttributeTag[1];
        AttributeTag[] stoppedAt = new AttributeTag[1];
        TagNode pixelData = null;
        long consumed;
        boolean deflated;
        EndWatcher end;
        try (InputStream raw = Files.newInputStream(file);
             EndWatcher watcher = new EndWatcher(new BufferedInputStream(raw, 64 * 1024));
             DicomInputStream in = new DicomInputStream(watcher)) {
            end = watcher;
            // Called for each top-level tag, before its value is read.
            consumed = list.read(in, (attributes, tag, offset) -> {
                if (tag.getGroup() != 0xFFFE) {
                    lastTag[0] = tag;
                }
                if (isPixelData(tag)) {
                    stoppedAt[0] = tag;
                    return true;
                }
                return false;
            });
            TransferSyntax syntax = in.getTransferSyntaxToReadDataSet();
            deflated = syntax != null && syntax.isDeflated();
            if (stoppedAt[0] != null) {
                pixelData = pixelDataNode(in, stoppedAt[0], consumed, size, deflated, list);
            }
        } catch (EOFException e) {
            throw new UnusableFileException("truncated: the file ends inside the header", e);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException("not readable as DICOM: " + DicomHeaderReader.describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new UnusableFileException("not readable as DICOM: a value length is implausibly large", e);
        }
        if (list.isEmpty()) {
            throw new UnusableFileException("not readable as DICOM: no data elements could be read");
        }
        if (stoppedAt[0] == null && !deflated) {
            requireComplete(list, lastTag[0], end.ends(), consumed, size);
        }
        List<TagNode> nodes = nodes(list);
        if (pixelData != null) {
            nodes.add(pixelData);
        }
        return nodes;
    }

    /**
     * PixelMed ends the top-level data set quietly where the file ends, keeping what it read. A complete file
     * meets its end once, when the next tag would start; a truncated one meets it inside an element (which then
     * is missing from the list), or again and again while unwinding open sequences.
     */
    private static void requireComplete(AttributeList list, AttributeTag lastTag, int ends, long consumed, long size)
            throws UnusableFileException {
        boolean lastMissing = lastTag != null && list.get(lastTag) == null;
        String where = lastTag == null ? "" : " " + TagNode.tagText(lastTag.getGroup(), lastTag.getElement()) + " " + keyword(lastTag);
        if (ends > 0 && lastMissing) {
            throw new UnusableFileException("truncated: the file ends inside element" + where);
        }
        if (ends > 1) {
            throw new UnusableFileException("truncated: the file ends inside sequence" + where);
        }
        if (lastMissing) {
            throw new UnusableFileException("damaged: element" + where + " cannot be read");
        }
        if (consumed < size) {
            throw new UnusableFileException((ends > 0 ? "truncated" : "damaged") + ": the data set cannot be read past byte "
                    + consumed + " of " + size);
        }
    }

    private static boolean isPixelData(AttributeTag tag) {
        return tag.getGroup() == 0x7FE0 && (tag.getElement() == 0x0010 || tag.getElement() == 0x0008 || tag.getElement() == 0x0009);
    }

    private List<TagNode> nodes(AttributeList list) {
        List<TagNode> nodes = new ArrayList<>(list.size());
        for (Attribute a : list.values()) {
            rowsLeft--;
            nodes.add(node(a, list));
        }
        return nodes;
    }

    private TagNode node(Attribute a, AttributeList list) {
        AttributeTag tag = a.getTag();
        String creator = null;
        if (tag.isPrivate() && !tag.isPrivateCreator()) {
            String found = list.getPrivateCreatorString(tag);
            creator = found == null || found.isBlank() ? null : found.strip();
        }
        if (a instanceof SequenceAttribute sequence) {
            int count = sequence.getNumberOfItems();
            return TagNode.element(tag.getGroup(), tag.getElement(), keyword(tag), creator, "SQ",
                    count == 0 ? "empty" : count == 1 ? "1 item" : count + " items", "", items(sequence));
        }
        String vr = a.getVRAsString();
        String value;
        String meaning = "";
        try {
            value = value(a, vr);
            meaning = meaning(a, vr);
        } catch (DicomException | RuntimeException e) {
            value = "<unreadable " + vr + " value: " + DicomHeaderReader.describe(e) + ">";
        }
        return TagNode.element(tag.getGroup(), tag.getElement(), keyword(tag), creator, vr, value, meaning, List.of());
    }

    private List<TagNode> items(SequenceAttribute sequence) {
        int count = sequence.getNumberOfItems();
        List<TagNode> listed = new ArrayList<>(Math.min(count, itemsListed + 1));
        Iterator<SequenceItem> it = sequence.iterator();
        int index = 0;
        for (; index < count && index < itemsListed; index++) {
            if (rowsLeft <= 0) {
                listed.add(TagNode.more(count - index, List.of()));
                return listed;
            }
            listed.add(item(index, it.next()));
        }
        if (index < count) {
            List<TagNode> rest = new ArrayList<>();
            for (int i = index; i < count && rowsLeft > 0; i++) {
                rest.add(item(i, it.next()));
            }
            listed.add(TagNode.more(count - index, rest));
        }
        return listed;
    }

    private TagNode item(int index, SequenceItem item) {
        rowsLeft--;
        return TagNode.item(index + 1, nodes(item.getAttributeList()));
    }

    private static String keyword(AttributeTag tag) {
        DicomDictionary dictionary = AttributeList.getDictionary();
        String name = tag.isPrivate() ? null : dictionary.getNameFromTag(tag);
        if (name == null && tag.isRepeatingGroup()) {
            name = dictionary.getNameFromTag(tag.getTagWithRepeatingGroupBase());
        }
        if (name != null) {
            return name;
        }
        if (tag.getElement() == 0) {
            return "GroupLength";
        }
        if (tag.isPrivate()) {
            return tag.isPrivateCreator() ? "PrivateCreator" : "Private";
        }
        return "Unknown";
    }

    private static String value(Attribute a, String vr) throws DicomException {
        return switch (vr) {
            case "OB", "OW", "OF", "OD", "OL", "OV", "UN" -> binary(a, vr);
            case "FL", "FD" -> floats(a, "FL".equals(vr));
            case "AT" -> fit(join(tags(a), a.getVM()));
            default -> fit(join(a.getStringValues(), a.getVM()));
        };
    }

    /** Names what a coded value stands for: a UID's name, the keywords of attribute tags. */
    private static String meaning(Attribute a, String vr) throws DicomException {
        if ("UI".equals(vr) && a.getVM() == 1) {
            String uid = a.getSingleStringValueOrEmptyString().strip();
            String syntax = TransferSyntaxes.name(uid);
            if (!syntax.startsWith("unknown")) {
                return syntax;
            }
            String description = SOPClassDescriptions.getDescriptionFromUID(uid);
            return description == null || description.equals(uid) ? "" : description;
        }
        if ("AT".equals(vr)) {
            String[] values = a.getStringValues();
            List<String> names = new ArrayList<>();
            for (int i = 0; values != null && i < values.length && i < MAX_VALUES; i++) {
                AttributeTag tag = parseTag(values[i]);
                names.add(tag == null ? "?" : keyword(tag));
            }
            return String.join("\\", names);
        }
        return "";
    }

    private static String[] tags(Attribute a) throws DicomException {
        String[] values = a.getStringValues();
        if (values == null) {
            return new String[0];
        }
        String[] shown = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            AttributeTag tag = parseTag(values[i]);
            shown[i] = tag == null ? values[i] : TagNode.tagText(tag.getGroup(), tag.getElement());
        }
        return shown;
    }

    /** PixelMed writes an AT value as {@code (0x0054,0x0010)}. */
    private static AttributeTag parseTag(String text) {
        String hex = text.replaceAll("(?i)0x|[\\s(),]", "");
        if (hex.length() != 8) {
            return null;
        }
        try {
            return new AttributeTag(Integer.parseInt(hex.substring(0, 4), 16), Integer.parseInt(hex.substring(4), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String floats(Attribute a, boolean single) throws DicomException {
        double[] values = a.getDoubleValues();
        if (values == null) {
            return "";
        }
        String[] text = new String[Math.min(values.length, MAX_VALUES)];
        for (int i = 0; i < text.length; i++) {
            double v = values[i];
            text[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : single ? Float.toString((float) v) : Double.toString(v);
        }
        return fit(join(text, values.length));
    }

    /** Small binary values as hex (or text, for printable UN); larger ones by their length only. */
    private static String binary(Attribute a, String vr) throws DicomException {
        long length = a.getVL();
        if (length == 0 || length == UNDEFINED_LENGTH) {
            return length == 0 ? "" : "<" + vr + " undefined length>";
        }
        if ("OB".equals(vr) || "UN".equals(vr)) {
            if (length <= TEXT_PREVIEW_BYTES) {
                byte[] bytes = a.getByteValues();
                if ("UN".equals(vr) && isPrintable(bytes)) {
                    return fit(new String(bytes, StandardCharsets.US_ASCII).replaceAll("[\\s\\x00]+$", ""));
                }
                if (bytes.length <= HEX_PREVIEW_BYTES) {
                    StringBuilder hex = new StringBuilder();
                    for (byte b : bytes) {
                        hex.append(hex.isEmpty() ? "" : "\\").append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                    }
                    return hex.toString();
                }
            }
        } else if ("OW".equals(vr) && length <= HEX_PREVIEW_BYTES) {
            StringBuilder hex = new StringBuilder();
            for (short w : a.getShortValues()) {
                hex.append(hex.isEmpty() ? "" : "\\").append(String.format(Locale.ROOT, "%04X", w & 0xFFFF));
            }
            return hex.toString();
        }
        return "<" + vr + " " + length + " bytes>";
    }

    private static boolean isPrintable(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 || b > 0x7E) && b != '\r' && b != '\n' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The first {@link #MAX_VALUES} values joined with backslashes, with a count when some were left out. */
    private static String join(String[] values, int multiplicity) {
        if (values == null || values.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        int shown = Math.min(values.length, MAX_VALUES);
        for (int i = 0; i < shown && text.length() <= MAX_VALUE_CHARS; i++) {
            if (i > 0) {
                text.append('\\');
            }
            text.append(values[i] == null ? "" : values[i].strip());
        }
        int total = Math.max(values.length, multiplicity);
        if (total > shown) {
            text.append("\\… (").append(total).append(" values)");
        }
        return text.toString();
    }

    /** One line, at most {@link #MAX_VALUE_CHARS} characters, never a broken surrogate pair. */
    private static String fit(String text) {
        StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_VALUE_CHARS + 32));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            line.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (line.length() <= MAX_VALUE_CHARS) {
            return line.toString();
        }
        int cut = MAX_VALUE_CHARS;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut) + "… (" + text.length() + " characters)";
    }

    /**
     * Describes Pixel Data from its header alone: the stream stands just after its tag. Encapsulated data is
     * walked fragment by fragment, skipping their bytes; native data is checked against the file's size.
     */
    private static TagNode pixelDataNode(DicomInputStream in, AttributeTag tag, long tagEnd, long size, boolean deflated,
            AttributeList list) throws IOException {
        String keyword = keyword(tag);
        String vr = switch (tag.getElement()) {
            case 0x0008 -> "OF";
            case 0x0009 -> "OD";
            default -> Attributes.intOr(list, TagFromName.BitsAllocated, 16) > 8 ? "OW" : "OB";
        };
        if (deflated) {
            return TagNode.element(tag.getGroup(), tag.getElement(), keyword, null, vr, "<" + vr + " not read: deflated data set>",
                    "", List.of());
        }
        long valueStart = tagEnd;
        long length;
        try {
            if (in.getTransferSyntaxInUse().isExplicitVR()) {
                byte[] explicit = new byte[2];
                in.readInsistently(explicit, 0, 2);
                vr = new String(explicit, StandardCharsets.US_ASCII);
                in.readUnsigned16(); // reserved
                length = in.readUnsigned32();
                valueStart += 8;
            } else {
                length = in.readUnsigned32();
                valueStart += 4;
            }
        } catch (EOFException e) {
            return TagNode.element(tag.getGroup(), tag.getElement(), keyword, null, vr, "<truncated: the file ends in its header>",
                    "", List.of());
        }
        String value;
        if (length == UNDEFINED_LENGTH) {
            value = encapsulated(in, vr);
        } else {
            long present = size - valueStart;
            value = "<" + vr + " " + length + " bytes" + (length > present ? "; truncated: " + Math.max(0, present) + " in the file" : "") + ">";
        }
        return TagNode.element(tag.getGroup(), tag.getElement(), keyword, null, vr, value, "", List.of());
    }

    private static String encapsulated(DicomInputStream in, String vr) {
        int items = 0;
        long bytes = 0;
        String ending = "";
        try {
            while (true) {
                int group = in.readUnsigned16();
                int element = in.readUnsigned16();
                long length = in.readUnsigned32();
                if (group == 0xFFFE && element == 0xE0DD) {
                    break;
                }
                if (group != 0xFFFE || element != 0xE000 || length == UNDEFINED_LENGTH) {
                    ending = "; damaged after item " + items;
                    break;
                }
                if (items > 0) {
                    bytes += length; // item 0 is the basic offset table
                }
                items++;
                in.skipInsistently(length);
            }
        } catch (IOException e) {
            ending = "; truncated"; // PixelMed reports a short skip as a plain IOException
        }
        int fragments = Math.max(0, items - 1);
        return "<" + vr + " encapsulated: " + fragments + (fragments == 1 ? " fragment, " : " fragments, ") + bytes + " bytes"
                + ending + ">";
    }

    /** Counts the reads that found the end of the file. */
    private static final class EndWatcher extends FilterInputStream {

        private int ends;

        EndWatcher(InputStream in) {
            super(in);
        }

        int ends() {
            return ends;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ends++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                ends++;
            }
            return n;
        }
    }

    private static byte[] readStart(Path file) throws UnusableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(132);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + DicomHeaderReader.describe(e), e);
        }
    }

    private static long fileSize(Path file) throws UnusableFileException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException("file not found");
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file: " + DicomHeaderReader.describe(e), e);
        }
    }
}
