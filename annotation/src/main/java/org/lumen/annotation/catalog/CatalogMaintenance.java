// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.sqlite.SQLiteConfig;

/** Backup, integrity check and counts: what {@code lumen catalog backup|check} and a settings page need. */
final class CatalogMaintenance {

    private static final int MAX_PROBLEMS = 10;

    private final Db db;

    CatalogMaintenance(Db db) {
        this.db = db;
    }

    /**
     * VACUUM INTO a hidden sibling of the target, sync it, check it, then rename it onto the target:
     * a crash or a full disk leaves the previous backup (or nothing), never half a file.
     */
    void backup(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        String doing = "cannot back up the catalog to " + absolute;
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CatalogException(Reason.NOT_FOUND, doing + ": " + (folder != null && Files.exists(folder)
                    ? folder + " is a file, not a folder" : "the folder " + folder + " does not exist"));
        }
        if (absolute.equals(db.file())) {
            throw new CatalogException(Reason.REFUSED, doing + ": that is the catalog itself");
        }
        if (Files.isDirectory(absolute)) {
            throw new CatalogException(Reason.REFUSED, doing + ": it is a folder");
        }
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try {
                db.direct(doing, c -> {
                    try (PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                        s.setString(1, temp.toString());
                        s.execute();
                    }
                    return null;
                });
            } catch (CatalogException e) {
                throw switch (e.reason()) {
                    case DISK_FULL -> new CatalogException(Reason.DISK_FULL, doing + ": the disk is full", e);
                    case READ_ONLY, NOT_FOUND -> new CatalogException(Reason.READ_ONLY, doing + ": its folder cannot be written", e);
                    default -> e;
                };
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            String check = quickCheck(temp);
            if (!"ok".equals(check)) {
                throw new CatalogException(Reason.CORRUPT, doing + ": the copy failed its check (" + check + ")");
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw fileError(doing, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the rename already consumed it, or the folder is gone
            }
        }
    }

    private static String quickCheck(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        } catch (SQLException e) {
            return SqlErrors.detail(String.valueOf(e.getMessage()));
        }
    }

    private static CatalogException fileError(String doing, IOException e) {
        // Never the exception's own text for file errors: it names the hidden temporary copy, not the user's path.
        if (e instanceof NoSuchFileException) {
            return new CatalogException(Reason.NOT_FOUND, doing + ": its folder no longer exists", e);
        }
        if (e instanceof AccessDeniedException) {
            return new CatalogException(Reason.READ_ONLY, doing + ": permission denied", e);
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof FileSystemException && message.toLowerCase(Locale.ROOT).contains("no space")) {
            return new CatalogException(Reason.DISK_FULL, doing + ": the disk is full", e);
        }
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() == null ? "the system refused the write" : fs.getReason().toLowerCase(Locale.ROOT);
            return new CatalogException(Reason.FAILED, doing + ": " + reason, e);
        }
        return new CatalogException(Reason.FAILED, doing + ": " + message, e);
    }

    /** SQLite's quick check on the open catalog: "ok", or what it found (damage that stops the check included). */
    String quickCheck() {
        try {
            return db.direct("cannot check the catalog", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(" + MAX_PROBLEMS + ")")) {
                    List<String> problems = new ArrayList<>();
                    while (rs.next()) {
                        if (!"ok".equals(rs.getString(1))) {
                            problems.add(rs.getString(1));
                        }
                    }
                    return problems.isEmpty() ? "ok" : String.join("; ", problems);
                }
            });
        } catch (CatalogException e) {
            if (e.reason() == Reason.CORRUPT) {
                return e.getCause() == null ? e.getMessage() : SqlErrors.detail(String.valueOf(e.getCause().getMessage()));
            }
            throw e;
        }
    }

    /** "ok" or the problems; damage so bad that the check itself stops is reported the same way, not thrown. */
    String integrity() {
        try {
            return check();
        } catch (CatalogException e) {
            if (e.reason() == Reason.CORRUPT && e.getCause() != null) {
                return SqlErrors.detail(String.valueOf(e.getCause().getMessage()));
            }
            throw e;
        }
    }

    private String check() {
        return db.read("cannot check the catalog's integrity", c -> {
            List<String> problems = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check(" + MAX_PROBLEMS + ")")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        if (!"ok".equals(row)) {
                            problems.add(row);
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                    while (rs.next() && problems.size() < MAX_PROBLEMS) {
                        problems.add("row " + rs.getLong(2) + " of " + rs.getString(1) + " refers to a missing "
                                + rs.getString(3) + " row");
                    }
                }
            }
            return problems.isEmpty() ? "ok" : String.join("; ", problems);
        });
    }

    CatalogCounts counts() {
        return db.read("cannot count the catalog's rows", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("""
                         SELECT (SELECT count(*) FROM study), (SELECT count(*) FROM series), (SELECT count(*) FROM instance),
                                (SELECT count(*) FROM dataset), (SELECT count(*) FROM annotation), (SELECT count(*) FROM revision),
                                (SELECT count(*) FROM ai_run), (SELECT count(*) FROM finding), (SELECT count(*) FROM decision)
                         """)) {
                rs.next();
                return new CatalogCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
            }
        });
    }
}
