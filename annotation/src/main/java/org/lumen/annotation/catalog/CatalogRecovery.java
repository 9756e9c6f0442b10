// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * {@code lumen catalog recover}: copies every row that can still be read from a damaged catalog into a new one at
 * this build's schema, table by table; where a range of rows cannot be read it is halved until the unreadable rows
 * are found and left out. The damaged file is only ever read (a read-only URI), and the new one appears whole or
 * not at all (written beside the target, then renamed).
 */
public final class CatalogRecovery {

    /** Rows copied and rows that could not be read, per table; what the new catalog's check says. */
    public record Result(Path target, Map<String, long[]> tables, long danglingReferences, String integrity) {
        public long copied() { return tables.values().stream().mapToLong(t -> t[0]).sum(); }
        public long lost() { return tables.values().stream().mapToLong(t -> t[1]).sum(); }
    }

    private CatalogRecovery() { }

    public static Result recover(Path damaged, Path target, CatalogOptions options) {
        Path source = damaged.toAbsolutePath().normalize();
        Path out = target.toAbsolutePath().normalize();
        String doing = "cannot recover the catalog " + source + " into " + out;
        if (Files.exists(out)) {
            throw new CatalogException(Reason.REFUSED, doing + ": that file exists; name a new file");
        }
        int sourceVersion;
        try (Catalog inspected = Catalog.openReadOnly(source, options)) {
            sourceVersion = inspected.schemaVersion();
        }
        Path temp = out.resolveSibling("." + out.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            int version;
            // A file of its own, checked below by integrity(): never stamped, so nothing is left beside it after the rename.
            CatalogOptions temporary = options.withOpenCheck(CatalogOptions.OpenCheck.NEVER);
            try (Catalog fresh = Catalog.open(temp, temporary)) {
                version = fresh.schemaVersion();
            }
            if (sourceVersion > version) {
                throw new CatalogException(Reason.NEWER_SCHEMA, doing + ": it was written by a newer Lumen (schema " + sourceVersion
                        + ", this build knows " + version + ")");
            }
            Map<String, long[]> tables = new LinkedHashMap<>();
            long dangling;
            try (Connection c = CatalogConnections.openWritableWithUris(temp, options)) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA foreign_keys=OFF");
                    // A temporary file until the rename: synced once at the end, not after every statement.
                    s.execute("PRAGMA synchronous=OFF");
                    s.execute("ATTACH DATABASE '" + uri(source) + "' AS damaged");
                }
                // One statement per range, each its own transaction: a damaged page fails its statement, not the copy.
                for (String table : tables(c)) {
                    tables.put(table, copy(c, table));
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DETACH DATABASE damaged");
                    s.execute("PRAGMA foreign_keys=ON");
                    dangling = 0;
                    try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                        while (rs.next()) {
                            dangling++;
                        }
                    }
                }
            }
            String integrity;
            try (Catalog recovered = Catalog.open(temp, temporary)) {
                integrity = recovered.integrity();
            }
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
            return new Result(out, tables, dangling, integrity);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, source, options.busyTimeout());
        } catch (IOException e) {
            throw new CatalogException(Reason.FAILED, doing + ": " + e.getMessage(), e);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(temp.resolveSibling(temp.getFileName() + suffix));
                } catch (IOException ignored) {
                    // best effort: a hidden leftover beside the target
                }
            }
        }
    }

    private static String uri(Path file) {
        return "file:" + file.toString().replace("'", "''").replace("%", "%25").replace("?", "%3f").replace("#", "%23") + "?mode=ro";
    }

    /** The new catalog's tables (its schema history is its own), parents first as the schema created them. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> '"
                        + SchemaMigrator.HISTORY_TABLE + "' ORDER BY rowid")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Copies one table's readable rows; returns {copied, lost}. */
    private static long[] copy(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA damaged.table_info(\"" + table + "\")")) {
            while (rs.next()) {
                columns.add("\"" + rs.getString(2) + "\"");
            }
        }
        if (columns.isEmpty()) {
            return new long[] {0, 0};
        }
        String list = String.join(", ", columns);
        String insert = "INSERT OR IGNORE INTO main.\"" + table + "\" (" + list + ") SELECT " + list + " FROM damaged.\"" + table
                + "\" WHERE rowid BETWEEN ? AND ?";
        long low;
        long high;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT min(rowid), max(rowid) FROM damaged.\"" + table + "\"")) {
            rs.next();
            low = rs.getLong(1);
            high = rs.getLong(2);
            if (rs.wasNull()) {
                return new long[] {0, 0};
            }
        } catch (SQLException e) {
            // Not even the table's extent can be read: nothing of it is recoverable this way.
            return new long[] {0, -1};
        }
        long[] counts = new long[2];
        try (PreparedStatement s = c.prepareStatement(insert)) {
            copyRange(s, low, high, counts);
        }
        return counts;
    }

    private static void copyRange(PreparedStatement s, long low, long high, long[] counts) {
        try {
            s.setLong(1, low);
            s.setLong(2, high);
            counts[0] += s.executeUpdate();
        } catch (SQLException e) {
            if (low == high) {
                counts[1]++;
                return;
            }
            long middle = low + (high - low) / 2;
            copyRange(s, low, middle, counts);
            copyRange(s, middle + 1, high, counts);
        }
    }
}
