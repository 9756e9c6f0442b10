// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.lumen.io.Folders;

/**
 * A folder that appears whole or not at all: built in the hidden sibling {@code .NAME.partial} and
 * renamed onto its name in one step when the work returns; deleted when the work throws (a cancel
 * included). An existing target is refused, so nothing of an older export is mixed in.
 */
final class StagedFolder {

    /** What fills the folder; gets the staging folder, returns what the caller wants back. */
    @FunctionalInterface
    interface Work<T> {
        T fill(Path staging) throws Exception;
    }

    private StagedFolder() { }

    /** Checks that {@code out} can be made: it must not exist and must have a parent. Returns it absolute. */
    static Path check(Path out) throws IOException {
        Path absolute = out.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new IOException(absolute + " exists already: an export goes into a new folder, so nothing of an older one is mixed in");
        }
        if (absolute.getParent() == null) {
            throw new IOException(absolute + " has no parent folder to build the export in");
        }
        return absolute;
    }

    static <T> T build(Path out, Work<T> work) throws Exception {
        Path target = check(out);
        Files.createDirectories(target.getParent());
        Path staging = target.getParent().resolve("." + target.getFileName() + ".partial");
        Folders.deleteTree(staging);
        Folders.create(staging);
        try {
            T result = work.fill(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            if (Files.exists(staging)) {
                Folders.deleteTree(staging);
            }
        }
    }
}
