// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import org.lumen.io.AtomicFiles;

/**
 * The catalog file as Lumen left it at its last clean close, in {@code FILE-clean} beside it: its size and modification
 * time once the last connection had closed and SQLite had folded the write-ahead log back into it. An open that finds the
 * file exactly so (and no log beside it) may skip the integrity check, which reads the whole file (0.5 s for a catalog of
 * 10,000 studies, docs/performance.md). A crash, another program writing, or a byte damaged by hand all change the size,
 * the time or leave a log, so the check runs after them. Each writable open removes the stamp first, so a session that
 * never closes cleanly leaves none.
 */
final class CleanCloseStamp {

    private CleanCloseStamp() { }

    static Path of(Path catalog) {
        return catalog.resolveSibling(catalog.getFileName() + "-clean");
    }

    /** Whether the file is as the stamp says; the stamp is removed either way. */
    static boolean consume(Path catalog) {
        Path stamp = of(catalog);
        try {
            if (!Files.exists(stamp)) {
                return false;
            }
            String recorded = Files.readString(stamp, StandardCharsets.US_ASCII).strip();
            Files.deleteIfExists(stamp);
            return recorded.equals(describe(catalog)) && !Files.exists(wal(catalog));
        } catch (IOException | RuntimeException e) {
            return false; // no usable stamp: the check runs
        }
    }

    /** After a clean close: stamps the file, unless a log is left beside it (another connection still has it open). */
    static void record(Path catalog) {
        try {
            if (Files.exists(wal(catalog)) || !Files.isRegularFile(catalog)) {
                Files.deleteIfExists(of(catalog));
                return;
            }
            byte[] text = (describe(catalog) + "\n").getBytes(StandardCharsets.US_ASCII);
            AtomicFiles.write(of(catalog), out -> out.write(text));
        } catch (IOException | RuntimeException e) {
            // Without a stamp the next open checks the file: nothing is lost but time.
        }
    }

    private static String describe(Path catalog) throws IOException {
        BasicFileAttributes a = Files.readAttributes(catalog, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return String.format(Locale.ROOT, "size %d modified %s key %s", a.size(), a.lastModifiedTime().toInstant(), a.fileKey());
    }

    private static Path wal(Path catalog) {
        return catalog.resolveSibling(catalog.getFileName() + "-wal");
    }
}
