// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Why a path cannot be written, found before writing or read from the exception a write threw. */
final class WriteProblems {

    private WriteProblems() { }

    /**
     * Why files cannot be made in {@code folder}: a missing folder (with the first part of the path that
     * is a file, if one is), a file where a folder should be, or a folder this process may not write.
     */
    static Optional<String> folderProblem(Path folder) {
        if (Files.isDirectory(folder)) {
            return Files.isWritable(folder) ? Optional.empty()
                    : Optional.of("permission denied: the folder " + folder + " is not writable");
        }
        return Optional.of(fileInTheWay(folder).map(file -> file + " is a file, not a folder")
                .orElse("no such folder: " + folder));
    }

    /** Why {@code folder} could not be created, given what creating it threw. */
    static String whyNotCreated(Path folder, IOException e) {
        return fileInTheWay(folder).map(file -> file + " is a file, not a folder").orElseGet(() -> reason(e));
    }

    /** The first of {@code path} and the folders above it that exists and is not a folder. */
    private static Optional<Path> fileInTheWay(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The reason in {@code e}, in words; {@code e} came from writing {@code target} or a temporary sibling of it. */
    static String reason(IOException e) {
        if (e instanceof CannotWriteException c) {
            return c.reason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        // A FileSystemException's message is its paths (maybe a temporary one) and its reason: keep only the reason.
        String text = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (text == null || text.isBlank()) {
            return "the system refused the write";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "the disk is full";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (lower.contains("is a directory")) {
            return "it is a folder";
        }
        if (lower.contains("not a directory")) {
            return "part of the path is a file, not a folder";
        }
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        if (lower.contains("disk quota")) {
            return "the disk quota is exceeded";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
