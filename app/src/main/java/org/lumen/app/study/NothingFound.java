// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Problem;

/**
 * The sentence that says why opening a path gave nothing to show: an empty folder, a folder whose files
 * none is DICOM, a file that is not DICOM. Shared by the command line and the window, so both say the same.
 */
public final class NothingFound {

    private NothingFound() { }

    /** Empty when {@code index} holds at least one study; otherwise why it holds none. */
    public static Optional<String> explain(Path path, DicomIndex index) {
        if (!index.studies().isEmpty()) {
            return Optional.empty();
        }
        if (index.problems().isEmpty()) {
            return Optional.of(nothingRead(path));
        }
        Problem first = index.problems().getFirst();
        if (index.problems().size() == 1 && samePath(first.file(), path)) {
            return Optional.of(path + " could not be used: " + first.reason());
        }
        int looked = index.problems().size();
        return Optional.of("no DICOM file Lumen can read in " + path + ": " + looked + (looked == 1 ? " file" : " files")
                + " looked at, none could be used (" + shortName(first.file(), path) + ": " + first.reason() + ")");
    }

    private static String nothingRead(Path path) {
        if (!Files.isDirectory(path)) {
            return "no DICOM file in " + path;
        }
        try (Stream<Path> entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
                return path + " is an empty folder";
            }
        } catch (IOException e) {
            return "cannot list the folder " + path;
        }
        return "no file to read in " + path + " (hidden files and DICOMDIR indexes are skipped)";
    }

    private static boolean samePath(String file, Path path) {
        try {
            return Path.of(file).toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A problem's file relative to the folder opened, which the sentence already names. */
    private static String shortName(String file, Path opened) {
        try {
            Path p = Path.of(file);
            return p.startsWith(opened) && !p.equals(opened) ? opened.relativize(p).toString() : file;
        } catch (RuntimeException e) {
            return file; // a zip entry ("archive.zip!entry") is not always a path
        }
    }
}
