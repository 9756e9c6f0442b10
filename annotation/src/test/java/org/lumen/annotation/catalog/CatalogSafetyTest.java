// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * A damaged catalog is opened read-only with the reason and the way out; checking and backing up never modify a
 * file, and never one that is not a Lumen catalog; {@code recover} copies what can be read into a new catalog.
 */
class CatalogSafetyTest {

    @TempDir
    Path dir;

    /** A catalog whose index pages are garbage past the schema: SQLite reads the schema, quick_check fails. */
    private Path damagedCatalog() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog catalog = CatalogMaintenanceTest.filled(file)) {
            for (int i = 0; i < 40; i++) {
                catalog.studies().upsert(Fixtures.index("7." + i, "X", "X", "20200101", "CT", "CT", "7." + i + ".1", 200), "test");
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 3000; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        return file;
    }

    @Test
    void aCatalogThatFailsItsCheckOpensReadOnlyWithTheWayToRecover() throws Exception {
        Path file = damagedCatalog();
        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.readOnlyReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("failed its integrity check").contains("read-only").contains("lumen catalog recover"));
            assertThatThrownBy(() -> catalog.datasets().create("new", null, null)).isInstanceOf(CatalogException.class)
                    .hasMessageContaining("read-only").satisfies(e -> assertThat(((CatalogException) e).reason()).isEqualTo(Reason.READ_ONLY));
        }
    }

    @Test
    void aHealthyCatalogIsWritable() {
        try (Catalog catalog = CatalogMaintenanceTest.filled(dir.resolve("ok.sqlite"))) {
            assertThat(catalog.readOnlyReason()).isEmpty();
        }
    }

    @Test
    void anEmptyFileIsNotTurnedIntoACatalog() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.sqlite"));

        assertThatThrownBy(() -> Catalog.openReadOnly(empty, CatalogOptions.defaults())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("is empty (0 bytes), not a Lumen catalog");
        assertThat(Files.size(empty)).isZero();
    }

    @Test
    void anotherApplicationsDatabaseIsLeftExactlyAsItWas() throws Exception {
        Path foreign = dir.resolve("other.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
            s.execute("INSERT INTO notes (text) VALUES ('keep me')");
        }
        byte[] before = Files.readAllBytes(foreign);

        assertThatThrownBy(() -> Catalog.openReadOnly(foreign, CatalogOptions.defaults())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("not a Lumen catalog");
        assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
        assertThat(dir.resolve("other.sqlite-wal")).doesNotExist();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next() && rs.getString(1).equals("delete")).as("journal mode unchanged").isTrue();
        }
    }

    @Test
    void checkAndBackupWorkOnADamagedCatalogWithoutChangingIt() throws Exception {
        Path file = damagedCatalog();
        byte[] before = Files.readAllBytes(file);
        try (Catalog catalog = Catalog.openReadOnly(file, CatalogOptions.defaults())) {
            assertThat(catalog.integrity()).isNotEqualTo("ok");
            assertThat(catalog.readOnlyReason()).isPresent();
        }
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).as("the damaged file is unchanged").isTrue();
    }

    @Test
    void backupWorksOnAReadOnlyCatalog() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        CatalogMaintenanceTest.filled(file).close();
        file.toFile().setReadOnly();
        try (Catalog catalog = Catalog.openReadOnly(file, CatalogOptions.defaults())) {
            catalog.backup(dir.resolve("backup.sqlite"));
        } finally {
            file.toFile().setWritable(true);
        }
        try (Catalog copy = Catalog.openReadOnly(dir.resolve("backup.sqlite"), CatalogOptions.defaults())) {
            assertThat(copy.integrity()).isEqualTo("ok");
            assertThat(copy.counts().studies()).isPositive();
        }
    }

    @Test
    void recoverCopiesWhatCanBeReadIntoANewCatalog() throws Exception {
        Path file = damagedCatalog();
        byte[] before = Files.readAllBytes(file);
        Path out = dir.resolve("recovered.sqlite");

        CatalogRecovery.Result result = CatalogRecovery.recover(file, out, CatalogOptions.defaults());

        assertThat(out).isRegularFile();
        assertThat(result.copied()).isPositive();
        assertThat(result.tables()).containsKeys("study", "series", "instance", "annotation", "revision", "dataset");
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).as("the damaged file is only read").isTrue();
        try (Catalog recovered = Catalog.open(out)) {
            assertThat(recovered.readOnlyReason()).isEmpty();
            assertThat(recovered.counts().datasets()).isEqualTo(1);
            assertThat(recovered.counts().annotations()).isEqualTo(1);
        }
        assertThatThrownBy(() -> CatalogRecovery.recover(file, out, CatalogOptions.defaults())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("that file exists");
    }
}
