// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrity check on open reads the whole file, so it is skipped for a file exactly as Lumen left it at a clean
 * close, and only then: damage, a session that never closed, or a file put in its place is checked again.
 */
class CleanCloseStampTest {

    @TempDir
    Path dir;

    private Path cleanlyClosed() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog catalog = CatalogMaintenanceTest.filled(file)) {
            for (int i = 0; i < 40; i++) {
                catalog.studies().upsert(Fixtures.index("7." + i, "X", "X", "20200101", "CT", "CT", "7." + i + ".1", 200), "test");
            }
        }
        return file;
    }

    private static void damage(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 3000; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
    }

    @Test
    void aCleanCloseStampsTheFileAndAnOpenTakesTheStampAway() throws Exception {
        Path file = cleanlyClosed();
        Path stamp = CleanCloseStamp.of(file);
        assertThat(stamp).isRegularFile();
        assertThat(Files.readString(stamp)).startsWith("size " + Files.size(file) + " modified ");
        assertThat(dir.resolve("catalog.sqlite-wal")).as("the log was folded back at the close").doesNotExist();

        try (Catalog catalog = Catalog.open(file)) {
            assertThat(stamp).as("a session that does not close cleanly leaves no stamp").doesNotExist();
            assertThat(catalog.readOnlyReason()).isEmpty();
        }
        assertThat(stamp).isRegularFile();
    }

    @Test
    void aFileDamagedAfterItsCleanCloseIsStillCheckedAndOpensReadOnly() throws Exception {
        Path file = cleanlyClosed();
        assertThat(CleanCloseStamp.of(file)).isRegularFile();
        damage(file);

        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.readOnlyReason()).hasValueSatisfying(r -> assertThat(r).contains("failed its integrity check"));
        }
        assertThat(CleanCloseStamp.of(file)).as("a read-only session is never stamped sound").doesNotExist();
        try (Catalog again = Catalog.open(file)) {
            assertThat(again.readOnlyReason()).as("checked again at the next open").isPresent();
        }
    }

    @Test
    void aDamagedFileThatOpensWithoutTheCheckIsNotStampedSound() throws Exception {
        Path file = cleanlyClosed();
        damage(file);
        try (Catalog unchecked = Catalog.open(file, CatalogOptions.defaults().withOpenCheck(CatalogOptions.OpenCheck.NEVER))) {
            assertThat(unchecked.readOnlyReason()).isEmpty();
        }
        assertThat(CleanCloseStamp.of(file)).doesNotExist();
        try (Catalog checked = Catalog.open(file)) {
            assertThat(checked.readOnlyReason()).isPresent();
        }
    }

    /**
     * What the stamp trusts, shown: bytes changed behind Lumen's back with the size and modification time put back as
     * they were are not checked at open (docs/catalog.md says so; `lumen catalog check` reads every page).
     */
    @Test
    void theStampTrustsSizeModificationTimeAndFileIdentity() throws Exception {
        Path file = cleanlyClosed();
        FileTime modified = Files.getLastModifiedTime(file);
        damage(file);
        Files.setLastModifiedTime(file, modified);

        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.readOnlyReason()).as("check skipped").isEmpty();
            assertThat(catalog.integrity()).as("the full check still finds it").isNotEqualTo("ok");
        }
        Path moved = dir.resolve("moved.sqlite");
        Files.copy(file, moved);
        Files.move(CleanCloseStamp.of(file), CleanCloseStamp.of(moved));
        Files.setLastModifiedTime(moved, Files.getLastModifiedTime(file));
        try (Catalog copy = Catalog.open(moved)) {
            assertThat(copy.readOnlyReason()).as("another file (a restored backup, a copy) is checked").isPresent();
        }
    }
}
