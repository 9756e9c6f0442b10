// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lumen.viewer.dicom.DeclaredLengths;
import org.lumen.viewer.dicom.UnusableFileException;

/**
 * What a DICOM file says of itself in its file meta information (PS3.10): the identity and transfer
 * syntax an archive needs to store it, and where the data set starts, so that the data set can be
 * sent as it is in the file, without being decoded.
 */
public final class InstanceFiles {

    /**
     * @param dataSetOffset the byte at which the data set starts (after preamble, prefix and meta information)
     */
    public record Instance(Path file, String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long dataSetOffset, long length) {
    }

    private InstanceFiles() { }

    /** The Study Instance UID of a Part 10 file (read up to the pixel data), for filing a received instance. */
    public static String studyInstanceUid(Path file) throws IOException {
        requirePlausibleLengths(file);
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            list.read(in, TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException(file.getFileName() + " cannot be read as DICOM: " + e.getMessage(), e);
        }
        String uid = Attribute.getSingleStringValueOrNull(list, TagFromName.StudyInstanceUID);
        if (uid == null || !uid.strip().matches("[0-9]+(\\.[0-9]+)*")) {
            throw new IOException(file.getFileName() + " has no valid Study Instance UID ('" + uid + "')");
        }
        return uid.strip();
    }

    /** Whether {@code file} starts as a Part 10 DICOM file does (a 128-byte preamble, then "DICM"). */
    public static boolean looksLikeDicom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the meta information of each file; a file that cannot be sent goes into {@code unreadable} with the reason. */
    public static java.util.List<Instance> readAll(java.util.List<Path> files, java.util.Map<Path, String> unreadable) {
        java.util.List<Instance> instances = new java.util.ArrayList<>();
        for (Path file : files) {
            try {
                instances.add(read(file));
            } catch (IOException e) {
                unreadable.put(file, e.getMessage());
            }
        }
        return instances;
    }

    /** Reads the meta information of {@code file}; a file that is not Part 10 DICOM is refused with the reason. */
    public static Instance read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] head = in.readNBytes(132 + 12);
            if (head.length < 144 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
                throw new IOException(file + " is not a DICOM file with file meta information (no DICM prefix)");
            }
            // (0002,0000) UL, explicit VR little endian: its value is the length of the rest of the meta information.
            boolean groupLength = head[132] == 2 && head[133] == 0 && head[134] == 0 && head[135] == 0 && head[136] == 'U' && head[137] == 'L';
            if (!groupLength) {
                throw new IOException(file + " has no File Meta Information Group Length, so where its data set starts is unknown");
            }
            long metaLength = (head[140] & 0xFFL) | (head[141] & 0xFFL) << 8 | (head[142] & 0xFFL) << 16 | (head[143] & 0xFFL) << 24;
            long offset = 144 + metaLength;
            requirePlausibleLengths(file);
            AttributeList meta = new AttributeList();
            try (DicomInputStream dicom = new DicomInputStream(file.toFile())) {
                meta.readOnlyMetaInformationHeader(dicom);
            }
            String sopClass = Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPClassUID);
            String sopInstance = Attribute.getSingleStringValueOrNull(meta, TagFromName.MediaStorageSOPInstanceUID);
            String ts = Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID);
            if (sopClass == null || sopInstance == null || ts == null || offset > size) {
                throw new IOException(file + " has incomplete file meta information (SOP class, SOP instance or transfer syntax missing)");
            }
            return new Instance(file, sopClass.strip(), sopInstance.strip(), ts.strip(), offset, size - offset);
        } catch (DicomException e) {
            throw new IOException(file + ": its file meta information cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Lengths past the end of the file, or absurd sequences, are refused before PixelMed allocates for them. */
    private static void requirePlausibleLengths(Path file) throws IOException {
        try {
            DeclaredLengths.check(file);
        } catch (UnusableFileException e) {
            throw new IOException(file.getFileName() + " cannot be read as DICOM: " + e.getMessage(), e);
        }
    }
}
