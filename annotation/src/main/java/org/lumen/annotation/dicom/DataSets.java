// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import org.lumen.viewer.dicom.DeclaredLengths;
import org.lumen.viewer.dicom.UnusableFileException;

/** Reading a whole DICOM file into a data set, with one sentence for a file that is not one. */
final class DataSets {

    private DataSets() { }

    /** @param decompress decode compressed pixel data (to change pixels); false keeps it as encoded */
    static AttributeList read(Path file, boolean decompress) throws IOException {
        requirePlausibleLengths(file);
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(decompress);
        try {
            list.read(file.toFile());
        } catch (DicomException | IOException e) {
            throw new IOException(file + " is not a DICOM file Lumen can read: " + e.getMessage(), e);
        }
        return list;
    }

    /** The attributes before the pixel data: what a SEG or SR copies from its source (patient, study). */
    static AttributeList readHeader(Path file) throws IOException {
        requirePlausibleLengths(file);
        AttributeList list = new AttributeList();
        try {
            list.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException | IOException e) {
            throw new IOException(file + " is not a DICOM file Lumen can read: " + e.getMessage(), e);
        }
        return list;
    }

    /** Lengths past the end of the file, or absurd sequences, are refused before PixelMed allocates for them. */
    private static void requirePlausibleLengths(Path file) throws IOException {
        try {
            DeclaredLengths.check(file);
        } catch (UnusableFileException e) {
            throw new IOException(file + " is not a DICOM file Lumen can read: " + e.getMessage(), e);
        }
    }
}
