// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens connections to a catalog file with the settings every connection needs: foreign keys on,
 * the busy timeout, and the chosen durability. WAL mode is set once on the file (it persists) and
 * checked, because a file that cannot switch to WAL is read-only or on a file system without shared
 * memory, and saying so at open beats failing on the first save.
 */
final class CatalogConnections {

    private CatalogConnections() { }

    /** A data source for Flyway, with the same settings as the catalog's own connection. */
    static SQLiteDataSource dataSource(Path file, CatalogOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /**
     * A read-only connection that changes nothing in the file (no WAL switch, no write lock): for checking, backing
     * up and recovering a catalog, and for refusing a file that is not one without touching it.
     */
    static Connection openReadOnly(Path file, CatalogOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            } catch (SQLException e) {
                closeQuietly(connection);
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "cannot open the catalog", file, options.busyTimeout());
        }
    }

    /** A plain writable connection that may ATTACH {@code file:} URIs (recovery attaches the damaged file read-only). */
    static Connection openWritableWithUris(Path file, CatalogOptions options) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** Opens the catalog's connection: checks it is SQLite, switches to WAL, sets durability. */
    static Connection open(Path file, CatalogOptions options) {
        Connection connection;
        try {
            connection = dataSource(file, options).getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "cannot open the catalog", file, options.busyTimeout());
        }
        try {
            configure(connection, file, options);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e, "cannot open the catalog", file, options.busyTimeout());
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void configure(Connection connection, Path file, CatalogOptions options) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // Reading the schema is the first thing that fails on a file that is not SQLite.
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            String mode;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                throw new CatalogException(Reason.READ_ONLY, "cannot open the catalog: " + file
                        + " cannot be switched to write-ahead logging (journal mode stays " + mode
                        + "); the file or its folder is read-only, or the file system does not support it");
            }
            s.execute("PRAGMA synchronous=" + options.durability().pragma());
            s.execute("PRAGMA foreign_keys=ON");
            // Take and release the write lock: a read-only file, or another writer holding the
            // catalog beyond the busy timeout, is reported now rather than at the first save.
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing
        }
    }
}
