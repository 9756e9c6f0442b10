// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.lumen.io.AtomicFiles;

/**
 * The one place Lumen writes DICOM Part 10 files (PS3.10): the 128-byte preamble, "DICM", the file
 * meta information, then the data set. Phantoms, de-identified copies, SEG and SR go through
 * {@link #write}; instances received over the network get only their {@link #header}, after which
 * their bytes are written as they came.
 *
 * <p>Unlike the rest of the viewer's API, {@link #write} takes PixelMed's {@code AttributeList}: its
 * callers are the other modules' {@code dicom} packages, the only places that may hold one.
 */
public final class Part10Files {

    /** The Source Application Entity Title Lumen writes into the file meta information of its own files. */
    public static final String SOURCE_AE_TITLE = "LUMEN";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = TransferSyntax.ExplicitVRLittleEndian;

    private Part10Files() { }

    /**
     * Writes {@code list} to {@code target} atomically in {@code transferSyntaxUid}, replacing any file
     * meta information it carries by a fresh one (SOP class and instance from the data set).
     *
     * @throws IOException naming the target and the reason when the data set cannot be encoded or written
     */
    public static void write(AttributeList list, String transferSyntaxUid, Path target) throws IOException {
        try {
            list.removeGroupLengthAttributes();
            list.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(list, transferSyntaxUid, SOURCE_AE_TITLE);
        } catch (DicomException e) {
            throw new IOException("cannot write the DICOM file " + target + ": its file meta information cannot be made ("
                    + e.getMessage() + ")", e);
        }
        AtomicFiles.write(target, out -> {
            try {
                // PixelMed closes the stream itself (whatever closeAfterWrite says); closing again is harmless.
                list.write(out, transferSyntaxUid, true, true);
            } catch (DicomException e) {
                throw new IOException("cannot encode the DICOM file " + target + ": " + e.getMessage(), e);
            }
        });
    }

    /** Preamble, prefix and meta information for an instance received from {@code sourceAet} (null when unknown). */
    public static byte[] header(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAet) throws IOException {
        try {
            AttributeList meta = new FileMetaInformation(sopClassUid, sopInstanceUid, transferSyntaxUid, sourceAet).getAttributeList();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DicomOutputStream out = new DicomOutputStream(bytes, TransferSyntax.ExplicitVRLittleEndian, transferSyntaxUid);
            meta.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (DicomException e) {
            throw new IOException("cannot write the file meta information of " + sopInstanceUid + ": " + e.getMessage(), e);
        }
    }
}
