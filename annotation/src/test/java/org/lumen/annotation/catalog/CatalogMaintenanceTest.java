// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.CatalogException.Reason;

/** Backup (VACUUM INTO, atomic), integrity check and counts. */
class CatalogMaintenanceTest {

    @TempDir
    Path dir;

    @Test
    void backupIsACompleteCatalogThatOpensOnItsOwn() throws IOException {
        Path backup = dir.resolve("backup.sqlite");
        CatalogCounts counts;
        try (Catalog catalog = filled(dir.resolve("catalog.sqlite"))) {
            counts = catalog.counts();
            catalog.backup(backup);
            Files.writeString(dir.resolve("older.sqlite"), "an older backup");
            catalog.backup(dir.resolve("older.sqlite"));
        }
        try (Catalog copy = Catalog.open(backup)) {
            assertThat(copy.counts()).isEqualTo(counts);
            assertThat(copy.integrity()).isEqualTo("ok");
            assertThat(copy.annotations().head(1)).isPresent();
        }
        try (Catalog replaced = Catalog.open(dir.resolve("older.sqlite"))) {
            assertThat(replaced.counts()).isEqualTo(counts);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void backupRefusesTheCatalogItselfAndAMissingFolder() {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog catalog = filled(file)) {
            assertThatThrownBy(() -> catalog.backup(file))
                    .hasMessage("cannot back up the catalog to " + file + ": that is the catalog itself");
            Path nowhere = dir.resolve("missing/backup.sqlite");
            assertThatThrownBy(() -> catalog.backup(nowhere))
                    .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessage("cannot back up the catalog to " + nowhere + ": the folder " + nowhere.getParent() + " does not exist");
        }
    }

    @Test
    void integrityReportsRowsThatLostTheirParent() {
        try (Catalog catalog = filled(dir.resolve("catalog.sqlite"))) {
            assertThat(catalog.integrity()).isEqualTo("ok");
            catalog.db().direct("breaking a reference", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA foreign_keys = OFF");
                    s.execute("INSERT INTO instance (sop_instance_uid, series_uid, frames) VALUES ('9.9', 'no.such.series', 1)");
                    s.execute("PRAGMA foreign_keys = ON");
                }
                return null;
            });

            assertThat(catalog.integrity()).matches("row \\d+ of instance refers to a missing series row");
        }
    }

    @Test
    void integrityReportsADamagedFile() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog catalog = filled(file)) {
            catalog.studies().upsert(Fixtures.index("7.7", "X", "X", "20200101", "CT", "CT", "7.7.1", 2000), "test");
        }
        // Overwrite the middle of the file (the instance table's pages) with garbage.
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 3000; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);

        String result;
        try (Catalog catalog = Catalog.open(file)) {
            result = catalog.integrity();
        } catch (CatalogException e) {
            result = e.getMessage();
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        }
        assertThat(result).isNotEqualTo("ok").containsAnyOf("malformed", "page", "Tree", "damaged");
    }

    static Catalog filled(Path file) {
        Catalog catalog = Catalog.open(file);
        catalog.studies().upsert(Fixtures.index(5), "test");
        long ann = catalog.people().ensure("ann", true, false).id();
        catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann, Origin.MANUAL,
                AnnotationStoreTest.mask(4), null);
        catalog.datasets().create("ds", null, null);
        return catalog;
    }
}
