// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * Brings a catalog file to this build's schema with Flyway (migrations in {@code db/catalog}), and
 * refuses, before touching it, a file that is some other SQLite database or that a newer Lumen has
 * migrated past what this build knows: Flyway by default ignores such "future" migrations, which
 * would let an old build write rows a newer schema forbids.
 */
final class SchemaMigrator {

    static final String LOCATION = "classpath:db/catalog";
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** PRAGMA application_id of a Lumen catalog: "LUMN". */
    static final int APPLICATION_ID = 0x4C554D4E;

    private SchemaMigrator() { }

    /** Checks what the file is, then migrates it; returns the schema version it is at afterwards. */
    static int migrate(Connection connection, Path file, CatalogOptions options) {
        refuseForeignDatabase(connection, file, options);
        // The usual case, a catalog this build already brought up to date: no Flyway at all (it loads
        // some 400 classes and scans the class path, a good part of the window's start on 2 cores).
        int current = MigrationFiles.upToDate(connection);
        if (current > 0) {
            return current;
        }
        Flyway flyway = flyway(file, options, null);
        try {
            MigrationInfoService info = flyway.info();
            int known = latestKnown(info);
            List<String> future = new ArrayList<>();
            for (MigrationInfo m : info.applied()) {
                if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                    future.add(m.getVersion().getVersion());
                }
            }
            if (!future.isEmpty()) {
                throw new CatalogException(Reason.NEWER_SCHEMA, "cannot open the catalog: " + file
                        + " was written by a newer Lumen (schema version " + future.getLast()
                        + "; this build knows up to " + known + "); update Lumen or open a backup made for this version");
            }
            refuseSkippedVersions(info, file);
            flyway.migrate();
            return known;
        } catch (FlywayException e) {
            throw translate(e, "cannot bring the catalog to this version's schema", file, options);
        }
    }

    /**
     * A file that holds a later schema version but not an earlier one (a development build applied
     * its migration before another was numbered below it) cannot be migrated in order: say so, with
     * the versions, instead of Flyway's "Validate failed".
     */
    private static void refuseSkippedVersions(MigrationInfoService info, Path file) {
        List<String> skipped = new ArrayList<>();
        for (MigrationInfo m : info.all()) {
            if (m.getState() == MigrationState.IGNORED) {
                skipped.add(m.getVersion().getVersion());
            }
        }
        if (!skipped.isEmpty()) {
            String applied = info.current() == null ? "?" : info.current().getVersion().getVersion();
            throw new CatalogException(Reason.REFUSED, "cannot open the catalog: " + file + " is at schema version " + applied
                    + " without version " + String.join(", ", skipped) + " (a development build of Lumen wrote it), so it cannot be"
                    + " brought up to date in order; open a backup made by a released Lumen, or move the file aside to start a new catalog");
        }
    }

    /** A Flyway for this file, optionally stopping at {@code target} (tests build old versions with it). */
    static Flyway flyway(Path file, CatalogOptions options, String target) {
        var config = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(CatalogConnections.dataSource(file, options))
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // Through SLF4J like the rest of Lumen (into the log file), not java.util.logging on stderr.
                .loggers("slf4j")
                .failOnMissingLocations(true)
                .cleanDisabled(true);
        if (target != null) {
            config = config.target(target);
        }
        return config.load();
    }

    /** The schema version the file is at: 0 for a new file. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + HISTORY_TABLE + "'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM " + HISTORY_TABLE + " WHERE success = 1")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static int latestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion()))
                .max()
                .orElse(0);
    }

    /** Another program's database: it has tables but no catalog history, or another application id. */
    static void refuseForeignDatabase(Connection connection, Path file, CatalogOptions options) {
        try (Statement s = connection.createStatement()) {
            int applicationId;
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                applicationId = rs.next() ? rs.getInt(1) : 0;
            }
            if (applicationId != 0 && applicationId != APPLICATION_ID) {
                throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog: " + file
                        + " is an SQLite database of another application (application id "
                        + Integer.toHexString(applicationId) + "), not a Lumen catalog");
            }
            boolean history = false;
            int tables = 0;
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")) {
                while (rs.next()) {
                    tables++;
                    history |= HISTORY_TABLE.equals(rs.getString(1));
                }
            }
            if (tables > 0 && !history) {
                throw new CatalogException(Reason.NOT_A_CATALOG, "cannot open the catalog: " + file
                        + " is an SQLite database but not a Lumen catalog (it has " + tables
                        + " table(s) and no catalog schema history)");
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "cannot open the catalog", file, options.busyTimeout());
        }
    }

    private static CatalogException translate(FlywayException e, String doing, Path file, CatalogOptions options) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return SqlErrors.translate(sql, doing, file, options.busyTimeout());
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return new CatalogException(Reason.FAILED, doing + ": " + (newline > 0 ? message.substring(0, newline) : message), e);
    }
}
