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

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
