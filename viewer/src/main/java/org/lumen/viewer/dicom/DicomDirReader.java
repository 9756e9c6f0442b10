// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the files a DICOMDIR refers to (its Referenced File IDs), relative to the DICOMDIR's folder. */
public final class DicomDirReader {

    private static final String MEDIA_STORAGE_DIRECTORY = SopClasses.MEDIA_STORAGE_DIRECTORY;

    /** True when the file is a DICOMDIR (Media Storage Directory Storage). */
    public static boolean isDicomDir(Path file) {
        Boolean fromMeta = mediaStorageDirectoryInMeta(file);
        return fromMeta != null ? fromMeta : isDicomDirByPixelMed(file);
    }

    /** PixelMed's answer, for files whose meta group {@link #mediaStorageDirectoryInMeta} cannot read (and the tests). */
    static boolean isDicomDirByPixelMed(Path file) {
        try {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(file.toFile());
            return MEDIA_STORAGE_DIRECTORY.equals(Attributes.string(meta, TagFromName.MediaStorageSOPClassUID));
        } catch (IOException | DicomException | RuntimeException e) {
            return false;
        }
    }

    /** How much of the file the file meta information is looked for in: a DICOMDIR's meta group is a few hundred bytes. */
    private static final int META_BYTES = 16 * 1024;

    /**
     * The Media Storage SOP Class of a Part 10 file's meta group (explicit VR little endian after "DICM"), read
     * without PixelMed: opening one file (`lumen info FILE`, a double-click) then does not start PixelMed and its
     * logging just to learn it is no DICOMDIR (ADR 0023). Null when this cannot tell (no preamble, an odd meta
     * group): PixelMed decides then.
     */
    private static Boolean mediaStorageDirectoryInMeta(Path file) {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(META_BYTES);
        } catch (IOException e) {
            return null;
        }
        if (head.length < 132 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int at = 132;
        while (at + 8 <= head.length) {
            int group = b.getShort(at) & 0xFFFF;
            int element = b.getShort(at + 2) & 0xFFFF;
            if (group != 0x0002) {
                return null; // past the meta group without (0002,0002)
            }
            String vr = new String(head, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            long length;
            int value;
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT") || vr.equals("UC")
                    || vr.equals("UR") || vr.equals("OF") || vr.equals("OD") || vr.equals("OL") || vr.equals("OV")) {
                if (at + 12 > head.length) {
                    return null;
                }
                length = b.getInt(at + 8) & 0xFFFFFFFFL;
                value = at + 12;
            } else {
                length = b.getShort(at + 6) & 0xFFFF;
                value = at + 8;
            }
            if (value + length > head.length) {
                return null;
            }
            if (element == 0x0002) {
                if (!vr.equals("UI")) {
                    return null;
                }
                String uid = new String(head, value, (int) length, java.nio.charset.StandardCharsets.US_ASCII);
                return MEDIA_STORAGE_DIRECTORY.equals(uid.replace("\0", "").strip());
            }
            at = value + (int) length;
        }
        return null;
    }

    /** What a DICOMDIR lists: the files inside its folder, in its order, and the File IDs refused, each with why. */
    public record Listing(List<Path> files, java.util.Map<String, String> refused) { }

    /**
     * The files the DICOMDIR lists, in its order, without duplicates. A File ID is a relative path of
     * plain components (PS3.10 8.2): one that climbs out of the DICOMDIR's folder ({@code ..}), is
     * absolute, or names a drive is refused, so a medium cannot make Lumen read files elsewhere.
     */
    public Listing referencedFiles(Path dicomDir) throws UnusableFileException {
        List<String> ids = fileIdsFast(dicomDir);
        if (ids == null) {
            ids = fileIdsWithPixelMed(dicomDir);
        }
        Path root = dicomDir.toAbsolutePath().normalize().getParent();
        Set<Path> files = new LinkedHashSet<>();
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            String why = outsideReason(id);
            if (why != null) {
                refused.put(id, why);
                continue;
            }
            Path file = root;
            for (String component : id.split("\\\\")) {
                file = file.resolve(component.strip());
            }
            file = file.normalize();
            if (!file.startsWith(root)) {
                refused.put(id, "it names a file outside the DICOMDIR's folder");
                continue;
            }
            files.add(file);
        }
        return new Listing(new ArrayList<>(files), refused);
    }

    /** Why a File ID may not be followed, or null when it is a plain relative path. */
    private static String outsideReason(String id) {
        if (id.isBlank()) {
            return "it is empty";
        }
        for (String raw : id.split("\\\\")) {
            String component = raw.strip();
            if (component.equals("..") || component.equals(".")) {
                return "it climbs out of the DICOMDIR's folder (a '" + component + "' component)";
            }
            if (component.isEmpty() || component.contains("/") || component.contains(":")) {
                return "it is not a relative path of plain components (it holds '/', ':' or an empty component)";
            }
        }
        return null;
    }

    /** Referenced File IDs through the fast parser, or null when it declines the file (big endian, say). */
    private static List<String> fileIdsFast(Path dicomDir) throws UnusableFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dicomDir);
        } catch (IOException e) {
            throw new UnusableFileException("cannot read DICOMDIR: " + DicomHeaderReader.describe(e), e);
        }
        HeaderValues values;
        try {
            values = FastHeaderParser.parse(bytes, bytes.length, true).dataSet();
        } catch (FastHeaderParser.Declined | FastHeaderParser.NeedMoreBytes e) {
            return null;
        }
        if (!values.has(Tags.DIRECTORY_RECORD_SEQUENCE)) {
            throw new UnusableFileException("not a DICOMDIR: no Directory Record Sequence");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.itemCount(Tags.DIRECTORY_RECORD_SEQUENCE); i++) {
            String id = values.item(Tags.DIRECTORY_RECORD_SEQUENCE, i).strings(Tags.REFERENCED_FILE_ID);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> fileIdsWithPixelMed(Path dicomDir) throws UnusableFileException {
        DeclaredLengths.check(dicomDir);
        AttributeList list = new AttributeList();
        try {
            list.read(dicomDir.toFile());
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException("cannot read DICOMDIR: " + DicomHeaderReader.describe(e), e);
        }
        if (!(list.get(TagFromName.DirectoryRecordSequence) instanceof SequenceAttribute records)) {
            throw new UnusableFileException(isDicomDir(dicomDir)
                    ? "malformed DICOMDIR: its directory records cannot be read; open its folder instead"
                    : "not a DICOMDIR: no Directory Record Sequence");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < records.getNumberOfItems(); i++) {
            String id = Attributes.strings(records.getItem(i).getAttributeList(), TagFromName.ReferencedFileID);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
