// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder operations the standard library lacks. */
public final class Folders {

    private Folders() { }

    /**
     * Creates {@code folder} and any missing folders above it (nothing happens when it exists).
     *
     * @throws CannotWriteException naming {@code folder} and why: a file in the way, permission denied, a read-only disk
     */
    public static Path create(Path folder) throws CannotWriteException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CannotWriteException(folder, WriteProblems.whyNotCreated(folder.toAbsolutePath(), e), e);
        }
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
