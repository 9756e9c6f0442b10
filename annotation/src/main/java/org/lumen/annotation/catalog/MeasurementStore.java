// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.lumen.viewer.measure.Measurement;

/**
 * The viewer's measurements, per study and series, in patient mm (JSON, docs/catalog.md). A save
 * replaces the row of the same measurement id (an edit keeps its id and its creation time); a delete
 * removes it. Every call is one transaction.
 */
public final class MeasurementStore {

    private final Db db;

    MeasurementStore(Db db) {
        this.db = db;
    }

    /** Saves (adds or replaces) one measurement of study {@code studyUid}. */
    public void save(String studyUid, Measurement measurement) {
        apply(Map.of(measurement.id(), new Save(studyUid, measurement)), List.of());
    }

    /** A measurement to save and the study it belongs to. */
    public record Save(String studyUid, Measurement measurement) {
        public Save {
            if (studyUid == null || studyUid.isBlank()) {
                throw new IllegalArgumentException("a measurement is saved with its study UID");
            }
            Objects.requireNonNull(measurement, "measurement");
        }
    }

    /** Saves {@code saves} and deletes {@code deletions} (ids; unknown ones are ignored) in one transaction. */
    public void apply(Map<UUID, Save> saves, Collection<UUID> deletions) {
        if (saves.isEmpty() && deletions.isEmpty()) {
            return;
        }
        db.write("cannot save " + (saves.size() + deletions.size()) + " measurement change(s)", c -> {
            long now = db.now();
            for (Save s : saves.values()) {
                Measurement m = s.measurement();
                Sql.update(c, """
                        INSERT INTO measurement (id, study_uid, series_uid, kind, data, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET study_uid = excluded.study_uid, series_uid = excluded.series_uid,
                                                       kind = excluded.kind, data = excluded.data, updated_at = excluded.updated_at
                        """, m.id().toString(), s.studyUid(), m.seriesInstanceUid(), VectorJson.type(m),
                        Json.write(VectorJson.measurement(m)), now, now);
            }
            for (UUID id : deletions) {
                Sql.update(c, "DELETE FROM measurement WHERE id = ?", id.toString());
            }
            return null;
        });
    }

    /** Deletes one measurement; false when the catalog had none with that id. */
    public boolean delete(UUID id) {
        return db.write("cannot delete measurement " + id, c -> Sql.update(c, "DELETE FROM measurement WHERE id = ?", id.toString()) > 0);
    }

    /** The measurements of a series, oldest first. */
    public List<StoredMeasurement> ofSeries(String seriesUid) {
        return db.read("cannot read the measurements of series " + seriesUid, c -> Sql.list(c,
                "SELECT * FROM measurement WHERE series_uid = ? ORDER BY created_at, rowid", MeasurementStore::row, seriesUid));
    }

    /** The measurements of a study, oldest first, whatever series they were drawn on. */
    public List<StoredMeasurement> ofStudy(String studyUid) {
        return db.read("cannot read the measurements of study " + studyUid, c -> Sql.list(c,
                "SELECT * FROM measurement WHERE study_uid = ? ORDER BY created_at, rowid", MeasurementStore::row, studyUid));
    }

    private static StoredMeasurement row(ResultSet rs) throws SQLException {
        Measurement m = VectorJson.measurement(Json.read(rs.getString("data")));
        return new StoredMeasurement(rs.getString("study_uid"), m, Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
