// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.AngleMeasurement;
import org.lumen.viewer.measure.EllipseRoi;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.RectangleRoi;

/** Measurements in a real SQLite catalog file: saved per study and series, edited in place, deleted, read back after reopening. */
class MeasurementStoreTest {

    private static final String STUDY_A = "1.2.3.100";
    private static final String STUDY_B = "1.2.3.200";
    private static final String SERIES_A1 = "1.2.3.100.1";
    private static final String SERIES_A2 = "1.2.3.100.2";
    private static final String SERIES_B1 = "1.2.3.200.1";
    private static final Vec3 RIGHT = new Vec3(1, 0, 0);
    private static final Vec3 DOWN = new Vec3(0, 1, 0);

    @TempDir
    Path dir;

    @Test
    void everyKindComesBackIdenticalPerSeriesAndStudyAfterReopening() {
        Path file = dir.resolve("catalog.sqlite");
        Measurement length = LengthMeasurement.of("9.9", SERIES_A1, new Vec3(-10.25, 3.5, 7), new Vec3(12.125, -4, 7));
        Measurement angle = AngleMeasurement.of("9.9", SERIES_A1, new Vec3(0, 0, 1), new Vec3(1, 1, 1), new Vec3(2, 0, 1));
        Measurement ellipse = EllipseRoi.of(null, SERIES_A2, new Vec3(0, 0, 0), new Vec3(4, 6, 0), RIGHT, DOWN);
        Measurement rectangle = RectangleRoi.of("8.8", SERIES_B1, new Vec3(1, 1, 5), new Vec3(3, 9, 5), RIGHT, DOWN);
        try (Catalog catalog = Catalog.open(file)) {
            catalog.measurements().save(STUDY_A, length);
            catalog.measurements().save(STUDY_A, angle);
            catalog.measurements().save(STUDY_A, ellipse);
            catalog.measurements().save(STUDY_B, rectangle);
        }
        try (Catalog catalog = Catalog.openExisting(file)) {
            assertThat(catalog.measurements().ofSeries(SERIES_A1)).extracting(StoredMeasurement::measurement).containsExactly(length, angle);
            assertThat(catalog.measurements().ofSeries(SERIES_A2)).extracting(StoredMeasurement::measurement).containsExactly(ellipse);
            assertThat(catalog.measurements().ofStudy(STUDY_A)).extracting(StoredMeasurement::measurement)
                    .containsExactly(length, angle, ellipse);
            assertThat(catalog.measurements().ofStudy(STUDY_B)).singleElement().satisfies(s -> {
                assertThat(s.measurement()).isEqualTo(rectangle);
                assertThat(s.studyUid()).isEqualTo(STUDY_B);
                assertThat(s.seriesUid()).isEqualTo(SERIES_B1);
            });
            assertThat(catalog.integrity()).isEqualTo("ok");
        }
    }

    @Test
    void anEditReplacesTheRowKeepingItsCreationTimeAndADeleteRemovesIt() {
        var clock = new java.util.concurrent.atomic.AtomicLong(1_000);
        CatalogOptions options = CatalogOptions.defaults().withClock(new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(clock.get()); }
        });
        try (Catalog catalog = Catalog.open(dir.resolve("c.sqlite"), options)) {
            LengthMeasurement drawn = LengthMeasurement.of("9.9", SERIES_A1, new Vec3(0, 0, 0), new Vec3(10, 0, 0));
            LengthMeasurement other = LengthMeasurement.of("9.9", SERIES_A1, new Vec3(0, 5, 0), new Vec3(10, 5, 0));
            catalog.measurements().apply(Map.of(drawn.id(), new MeasurementStore.Save(STUDY_A, drawn),
                    other.id(), new MeasurementStore.Save(STUDY_A, other)), List.of());
            clock.set(5_000);
            LengthMeasurement moved = drawn.moved(1, new Vec3(20, 0, 0));
            catalog.measurements().apply(Map.of(moved.id(), new MeasurementStore.Save(STUDY_A, moved)), List.of(other.id()));

            assertThat(catalog.measurements().ofSeries(SERIES_A1)).singleElement().satisfies(s -> {
                assertThat(s.measurement()).isEqualTo(moved);
                assertThat(((LengthMeasurement) s.measurement()).lengthMm()).isEqualTo(20);
                assertThat(s.createdAt().toEpochMilli()).isEqualTo(1_000);
                assertThat(s.updatedAt().toEpochMilli()).isEqualTo(5_000);
            });
            assertThat(catalog.measurements().delete(moved.id())).isTrue();
            assertThat(catalog.measurements().delete(moved.id())).isFalse();
            assertThat(catalog.measurements().ofStudy(STUDY_A)).isEmpty();
        }
    }

    @Test
    void aMeasurementNeedsItsStudy() {
        LengthMeasurement m = LengthMeasurement.of(null, SERIES_A1, new Vec3(0, 0, 0), new Vec3(1, 0, 0));
        assertThatThrownBy(() -> new MeasurementStore.Save(" ", m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("study UID");
    }

    @Test
    void aVersion2CatalogGainsTheMeasurementTableKeepingItsRows() throws SQLException {
        Path file = dir.resolve("v2.sqlite");
        SchemaMigrator.flyway(file, CatalogOptions.defaults(), "2").migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(SchemaMigrator.currentVersion(c)).isEqualTo(2);
            s.execute("INSERT INTO study (study_uid, patient_name, imported_at, updated_at) VALUES ('1.2', 'OLD^ROW', 0, 0)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'measurement'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        try (Catalog catalog = Catalog.open(file)) {
            assertThat(catalog.schemaVersion()).isGreaterThanOrEqualTo(4);
            assertThat(catalog.studies().study("1.2")).get().extracting(StudyRecord::patientName).isEqualTo("OLD^ROW");
            Measurement m = LengthMeasurement.of(null, "1.2.1", new Vec3(0, 0, 0), new Vec3(3, 4, 0));
            catalog.measurements().save("1.2", m);
            assertThat(catalog.measurements().ofStudy("1.2")).extracting(StoredMeasurement::measurement).containsExactly(m);
            // The table refuses a kind the viewer does not have.
            assertThatThrownBy(() -> catalog.db().write("a bad kind", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO measurement VALUES ('x', '1.2', '1.2.1', 'circle', '{}', 0, 0)");
                }
            })).isInstanceOf(CatalogException.class);
            assertThat(catalog.integrity()).isEqualTo("ok");
        }
    }
}
