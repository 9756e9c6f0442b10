// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;

/** The offline cache's studies in a real SQLite catalog: record, open, pin, the eviction order, and forgetting without losing labels. */
class CachedStudyStoreTest {

    private static final String OTHER = "1.2.826.0.1.3680043.8.498.2";
    private static final String THIRD = "1.2.826.0.1.3680043.8.498.3";

    @TempDir
    Path dir;

    /** A clock the test moves on, so "least recently opened" is decided by known times. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advanceSeconds(long s) {
            now = now.plusSeconds(s);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aRecordedStudyKeepsItsPinAndLastOpeningWhenRecordedAgain() {
        SteppedClock clock = new SteppedClock();
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"), CatalogOptions.defaults().withClock(clock))) {
            catalog.studies().upsert(Fixtures.index(3), "/data");
            catalog.cache().record(Fixtures.STUDY, Path.of("/data"), 3000, 3, "ORTHANC");
            clock.advanceSeconds(10);
            assertThat(catalog.cache().opened(Fixtures.STUDY)).isTrue();
            assertThat(catalog.cache().pin(Fixtures.STUDY, true)).isTrue();
            clock.advanceSeconds(10);
            catalog.cache().record(Fixtures.STUDY, Path.of("/data"), 4500, 4, null);

            CachedStudy s = catalog.cache().study(Fixtures.STUDY).orElseThrow();
            assertThat(s.bytes()).isEqualTo(4500);
            assertThat(s.instances()).isEqualTo(4);
            assertThat(s.pinned()).isTrue();
            assertThat(s.source()).as("a record without a source keeps the one it had").isEqualTo("ORTHANC");
            assertThat(s.lastOpened()).isEqualTo(Instant.parse("2026-03-01T08:00:10Z"));
            assertThat(s.cachedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:20Z"));
            assertThat(s.patientName()).isEqualTo("DOE^JANE");
            assertThat(s.studyDate()).isEqualTo("20240115");
            assertThat(s.modalities()).containsExactly("CT");
            assertThat(catalog.cache().opened("9.9.9")).as("a study the cache does not hold").isFalse();
            assertThat(catalog.cache().pin("9.9.9", true)).isFalse();
            assertThatThrownBy(() -> catalog.cache().record(" ", Path.of("/x"), 1, 1, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void evictionGoesByLastUseAndLeavesPinnedStudiesOut() {
        SteppedClock clock = new SteppedClock();
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"), CatalogOptions.defaults().withClock(clock))) {
            catalog.cache().record(Fixtures.STUDY, Path.of("/cache/a"), 100, 1, null);
            clock.advanceSeconds(1);
            catalog.cache().record(OTHER, Path.of("/cache/b"), 200, 2, null);
            clock.advanceSeconds(1);
            catalog.cache().record(THIRD, Path.of("/cache/c"), 400, 4, null);
            clock.advanceSeconds(1);
            catalog.cache().opened(Fixtures.STUDY); // the oldest arrival is now the most recently used
            catalog.cache().pin(OTHER, true);

            assertThat(catalog.cache().evictable()).extracting(CachedStudy::studyUid).containsExactly(THIRD, Fixtures.STUDY);
            assertThat(catalog.cache().list()).extracting(CachedStudy::studyUid).containsExactly(Fixtures.STUDY, THIRD, OTHER);
            assertThat(catalog.cache().totalBytes()).isEqualTo(700);
        }
    }

    @Test
    void forgettingAStudyTakesItsFilesOutOfTheIndexButKeepsLabelsAndMeasurements() {
        String labelled = Fixtures.SERIES;
        String plain = Fixtures.SERIES + ".7";
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"))) {
            catalog.studies().upsert(Fixtures.index(3), "/data");
            catalog.studies().upsert(Fixtures.index(Fixtures.STUDY, "DOE^JANE", "P001", "20240115", "CT CHEST", "CT", plain, 2), "/data");
            catalog.studies().upsert(Fixtures.index(OTHER, "ROE^RICHARD", "P002", "20240116", "CT HEAD", "CT", OTHER + ".1", 2), "/data");
            catalog.cache().record(Fixtures.STUDY, Path.of("/data"), 5000, 5, "ORTHANC");
            long ann = catalog.people().ensure("ann", true, false).id();
            Annotation a = catalog.annotations().create(NewAnnotation.of(labelled, AnnotationKind.MASK), ann);
            LengthMeasurement m = LengthMeasurement.of(null, plain, new Vec3(0, 0, 0), new Vec3(3, 4, 0));
            catalog.measurements().save(Fixtures.STUDY, m);

            CachedStudyStore.Forgotten f = catalog.cache().forget(Fixtures.STUDY);

            assertThat(f).isEqualTo(new CachedStudyStore.Forgotten(true, 5, 1, false, 1));
            assertThat(catalog.cache().study(Fixtures.STUDY)).isEmpty();
            assertThat(catalog.studies().instances(labelled)).as("no files left to open").isEmpty();
            assertThat(catalog.studies().seriesByUid(plain)).as("the series nothing refers to").isEmpty();
            assertThat(catalog.studies().seriesByUid(labelled)).get().extracting(SeriesRecord::instanceCount).isEqualTo(0);
            assertThat(catalog.studies().study(Fixtures.STUDY)).get().extracting(StudyRecord::source).isNull();
            assertThat(catalog.annotations().annotations(labelled)).extracting(Annotation::id).containsExactly(a.id());
            assertThat(catalog.measurements().ofStudy(Fixtures.STUDY)).extracting(StoredMeasurement::measurement).containsExactly(m);
            assertThat(catalog.studies().instances(OTHER + ".1")).as("another study's files").hasSize(2);
            assertThat(catalog.integrity()).isEqualTo("ok");
        }
    }

    @Test
    void forgettingAStudyWithoutLabelsRemovesItFromTheIndex() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"))) {
            catalog.studies().upsert(Fixtures.index(2), "/data");
            catalog.cache().record(Fixtures.STUDY, Path.of("/data/"), 2000, 2, null);

            assertThat(catalog.cache().forget(Fixtures.STUDY)).isEqualTo(new CachedStudyStore.Forgotten(true, 2, 1, true, 0));
            assertThat(catalog.studies().study(Fixtures.STUDY)).isEmpty();
            assertThat(catalog.cache().forget(Fixtures.STUDY)).as("a second time: nothing left")
                    .isEqualTo(new CachedStudyStore.Forgotten(false, 0, 0, false, 0));
        }
    }

    @Test
    void aVersion4CatalogGainsTheCacheTableKeepingItsRows() throws SQLException {
        Path file = dir.resolve("v4.sqlite");
        SchemaMigrator.flyway(file, CatalogOptions.defaults(), "4").migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(SchemaMigrator.currentVersion(c)).isEqualTo(4);
            s.execute("INSERT INTO study (study_uid, patient_name, imported_at, updated_at) VALUES ('1.2', 'OLD^ROW', 0, 0)");
            s.execute("INSERT INTO measurement VALUES ('m1', '1.2', '1.2.1', 'length', '{}', 0, 0)");
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.schemaVersion()).isEqualTo(8);
            assertThat(catalog.studies().study("1.2")).get().extracting(StudyRecord::patientName).isEqualTo("OLD^ROW");
            assertThat(catalog.cache().list()).isEmpty();
            catalog.cache().record("1.2", dir.resolve("cache/1.2"), 10, 1, "PACS");
            assertThat(catalog.cache().study("1.2")).get().extracting(CachedStudy::patientName).isEqualTo("OLD^ROW");
            // The table refuses what the store never writes.
            assertThatThrownBy(() -> catalog.db().write("a bad pin", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO cached_study VALUES ('1.3', '/x', -1, 0, 0, 0, NULL, NULL)");
                }
            })).isInstanceOf(CatalogException.class);
            assertThat(catalog.integrity()).isEqualTo("ok");
            Path copy = dir.resolve("backup.sqlite");
            catalog.backup(copy);
            try (Catalog restored = Catalog.open(copy)) {
                assertThat(restored.cache().study("1.2")).isPresent();
            }
        }
    }
}
