// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The start of a DICOM file (PS3.10): the 128-byte preamble, "DICM" and the file meta information,
 * after which the data set received over the network is written as it came, byte for byte, in its
 * transfer syntax. Nothing is decoded or re-encoded on the way into the cache.
 */
public final class Part10 {

    private Part10() { }

    /** Preamble, prefix and meta information for an instance received from {@code sourceAet}. */
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
