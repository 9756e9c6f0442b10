// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that lets an up-to-date catalog open without Flyway, against what Flyway itself says. */
class MigrationFilesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheSameMigrationVersionsAsFlyway() {
        var flyway = SchemaMigrator.flyway(dir.resolve("any.sqlite"), CatalogOptions.defaults(), null);
        var resolved = Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion)
                .map(v -> Integer.parseInt(v.getVersion())).sorted().toList();
        assertThat(MigrationFiles.versions()).isNotEmpty().containsExactlyInAnyOrderElementsOf(resolved);
    }

    @Test
    void anUpToDateCatalogIsRecognisedAndEveryOtherStateIsLeftToFlyway() throws SQLException {
        Path file = dir.resolve("catalog.sqlite");
        int latest = MigrationFiles.versions().stream().mapToInt(Integer::intValue).max().orElseThrow();
        try (Connection c = connect(file)) {
            assertThat(MigrationFiles.upToDate(c)).as("a new, empty file").isZero();
        }
        Catalog.open(file).close();
        try (Connection c = connect(file)) {
            assertThat(MigrationFiles.upToDate(c)).as("after Flyway migrated it").isEqualTo(latest);
        }
        try (Catalog reopened = Catalog.open(file)) {
            assertThat(reopened.schemaVersion()).isEqualTo(latest);
        }
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '2'");
            assertThat(MigrationFiles.upToDate(c)).as("a failed migration").isZero();
            s.execute("UPDATE flyway_schema_history SET success = 1 WHERE version = '2'");
            s.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                       installed_by, execution_time, success)
                    VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 12345, 'lumen 9', 1, 1)""");
            assertThat(MigrationFiles.upToDate(c)).as("a newer version").isZero();
            s.execute("DELETE FROM flyway_schema_history WHERE version IN ('99', '3')");
            assertThat(MigrationFiles.upToDate(c)).as("a skipped version").isZero();
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
