// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared DICOM sample corpus (../shared/dicom-samples): read in place, never copied. */
public final class Samples {

    private Samples() { }

    public static Path root() {
        String configured = System.getProperty("lumen.samples");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/dicom-samples");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("DICOM samples not found at " + root.toAbsolutePath()
                    + ": the repository expects ../shared/dicom-samples beside it");
        }
        return root;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every file of the corpus except its SOURCES.md. */
    public static List<Path> allFiles() {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("SOURCES.md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String relative(Path file) {
        return root().relativize(file).toString().replace('\\', '/');
    }
}
