// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PixelMed used the plain way, with none of Lumen's shortcuts: the baseline the benchmarks measure
 * Lumen's indexing and loading against. Kept here because PixelMed stays inside this package.
 */
public final class PixelMedBaseline {

    private PixelMedBaseline() { }

    /** Reads the header up to Pixel Data with a plain {@code AttributeList.read}; returns the attribute count. */
    public static int readHeader(Path file) throws IOException {
        AttributeList list = new AttributeList();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             DicomInputStream dicom = new DicomInputStream(in)) {
            list.read(dicom, TagFromName.PixelData);
        } catch (DicomException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return list.size();
    }

    /** Reads the whole file, decompressing pixel data, the way a PixelMed application loads an image. */
    public static long readWithPixels(Path file) throws IOException {
        AttributeList list = new AttributeList();
        try {
            list.read(file.toFile());
            return list.get(TagFromName.PixelData).getVL();
        } catch (DicomException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
