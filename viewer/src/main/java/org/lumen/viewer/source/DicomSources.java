// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.lumen.viewer.dicom.DicomDirReader;

/** Picks the source for a path the user opened: folder, DICOMDIR, zip, or a single file. */
public final class DicomSources {

    private DicomSources() { }

    /** @param scratchRoot where archives are extracted (the user data folder's cache) */
    public static DicomSource open(Path path, Path scratchRoot) throws IOException {
        if (Files.isDirectory(path)) {
            return new FolderSource(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        if (isZip(path)) {
            return new ZipSource(path, scratchRoot);
        }
        if (DicomDirReader.isDicomDir(path)) {
            return new DicomDirSource(path);
        }
        return new FileSource(List.of(path));
    }

    /** A zip by its magic, unless it is a DICOM file whose 128-byte preamble happens to start like one (DICM at 128). */
    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(132);
            boolean zipMagic = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            boolean dicom = head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
            return zipMagic && !dicom;
        }
    }
}
