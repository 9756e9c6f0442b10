// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file's size and modification time when its header was read. Pixels are later read at the offset the header gave,
 * without parsing it again, so a decode first checks that the file is still the one that was read (ADR 0034).
 */
public record FileStamp(long size, FileTime modified) {

    /** The stamp of {@code file} now (one {@code stat}). */
    public static FileStamp of(Path file) throws IOException {
        return of(Files.readAttributes(file, BasicFileAttributes.class));
    }

    public static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime());
    }

    /** What changed between {@code this} (when read) and {@code now}, as words for a refusal; null when nothing did. */
    public String changeTo(FileStamp now) {
        if (size != now.size) {
            return "its size went from " + size + " to " + now.size + " bytes";
        }
        return modified.equals(now.modified) ? null : "it was modified at " + now.modified + " (read when modified at " + modified + ")";
    }
}
