// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.Study;
import org.lumen.viewer.index.StudyInfo;

/**
 * The study/series/instance index of what the user opened or imported, so offline cases browse
 * instantly without rescanning. Imports add and update; they never remove (a partial import of a
 * study must not forget the rest of it).
 */
public final class StudyIndexStore {

    private static final String STUDY_COLUMNS = """
            st.*, (SELECT group_concat(m, '\\') FROM (SELECT DISTINCT modality AS m FROM series
                                               WHERE study_uid = st.study_uid AND modality IS NOT NULL ORDER BY m)) AS modalities,
                  (SELECT count(*) FROM series WHERE study_uid = st.study_uid) AS series_count,
                  (SELECT coalesce(sum(instance_count), 0) FROM series WHERE study_uid = st.study_uid) AS instances
            """;

    /** Newest first; the same order as the index study_by_date, so no sort is needed. */
    private static final String ORDER = " ORDER BY st.study_date DESC, st.study_time DESC, st.study_uid DESC";

    private final Db db;

    StudyIndexStore(Db db) {
        this.db = db;
    }

    /** Adds or updates every study, series and instance of {@code index} in one transaction. */
    public ImportSummary upsert(DicomIndex index, String source) {
        return db.write("cannot add " + index.studies().size() + " studies to the catalog", c -> {
            long now = db.now();
            int series = 0;
            int instances = 0;
            try (PreparedStatement study = c.prepareStatement("""
                    INSERT INTO study (study_uid, patient_name, patient_id, patient_birth_date, patient_sex, study_date,
                                       study_time, description, accession_number, study_id, source, imported_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (study_uid) DO UPDATE SET patient_name = excluded.patient_name,
                        patient_id = excluded.patient_id, patient_birth_date = excluded.patient_birth_date,
                        patient_sex = excluded.patient_sex, study_date = excluded.study_date,
                        study_time = excluded.study_time, description = excluded.description,
                        accession_number = excluded.accession_number, study_id = excluded.study_id,
                        source = excluded.source, updated_at = excluded.updated_at
                    """);
                 PreparedStatement seriesRow = c.prepareStatement("""
                    INSERT INTO series (series_uid, study_uid, number, description, modality, frame_of_reference_uid,
                                        body_part, kind, instance_count, frame_count, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
                    ON CONFLICT (series_uid) DO UPDATE SET study_uid = excluded.study_uid, number = excluded.number,
                        description = excluded.description, modality = excluded.modality,
                        frame_of_reference_uid = excluded.frame_of_reference_uid, body_part = excluded.body_part,
                        kind = excluded.kind, updated_at = excluded.updated_at
                    """);
                 PreparedStatement instance = c.prepareStatement("""
                    INSERT INTO instance (sop_instance_uid, series_uid, sop_class_uid, instance_number, frames,
                                          transfer_syntax_uid, file)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sop_instance_uid) DO UPDATE SET series_uid = excluded.series_uid,
                        sop_class_uid = excluded.sop_class_uid, instance_number = excluded.instance_number,
                        frames = excluded.frames, transfer_syntax_uid = excluded.transfer_syntax_uid, file = excluded.file
                    """);
                 PreparedStatement totals = c.prepareStatement("""
                    UPDATE series SET instance_count = (SELECT count(*) FROM instance WHERE series_uid = ?1),
                                      frame_count = (SELECT coalesce(sum(frames), 0) FROM instance WHERE series_uid = ?1)
                    WHERE series_uid = ?1
                    """)) {
                for (Study s : index.studies()) {
                    StudyInfo info = s.info();
                    PatientInfo patient = s.patient() == null ? new PatientInfo(null, null, null, null) : s.patient();
                    bindAll(study, info.studyInstanceUid(), patient.name(), patient.id(), patient.birthDate(), patient.sex(),
                            info.date(), info.time(), info.description(), info.accessionNumber(), info.studyId(), source, now, now);
                    study.executeUpdate();
                    for (Series se : s.series()) {
                        SeriesInfo si = se.info();
                        bindAll(seriesRow, si.seriesInstanceUid(), info.studyInstanceUid(), si.number(), si.description(),
                                si.modality(), si.frameOfReferenceUid(), si.bodyPart(), se.kind().name(), now);
                        seriesRow.executeUpdate();
                        for (InstanceHeader h : se.instances()) {
                            bindAll(instance, h.sopInstanceUid(), si.seriesInstanceUid(), h.sopClassUid(), h.instanceNumber(),
                                    h.frames(), h.transferSyntaxUid(), h.file() == null ? null : h.file().toAbsolutePath().toString());
                            instance.addBatch();
                            instances++;
                        }
                        instance.executeBatch();
                        bindAll(totals, si.seriesInstanceUid());
                        totals.executeUpdate();
                        series++;
                    }
                }
            }
            return new ImportSummary(index.studies().size(), series, instances);
        });
    }

    /**
     * One page of studies matching {@code filter}, newest first. The page is chosen on the indexed
     * columns alone, then only its rows get their series summaries: a deep page of 10,000 studies
     * costs no more than the first.
     */
    public List<StudyRecord> list(StudyFilter filter) {
        return db.read("cannot list studies", c -> {
            List<Object> args = new ArrayList<>();
            String where = where(filter, args);
            args.add(filter.limit());
            args.add(filter.offset());
            return Sql.list(c, "SELECT " + STUDY_COLUMNS + " FROM study st JOIN (SELECT st.study_uid AS page_uid FROM study st" + where
                    + ORDER + " LIMIT ? OFFSET ?) page ON page.page_uid = st.study_uid" + ORDER,
                    StudyIndexStore::study, args.toArray());
        });
    }

    /** How many studies match {@code filter} (ignoring its page). */
    public long count(StudyFilter filter) {
        return db.read("cannot count studies", c -> {
            List<Object> args = new ArrayList<>();
            String where = where(filter, args);
            return Sql.one(c, "SELECT count(*) FROM study st" + where, rs -> rs.getLong(1), args.toArray()).orElse(0L);
        });
    }

    public Optional<StudyRecord> study(String studyUid) {
        return db.read("cannot read study " + studyUid, c ->
                Sql.one(c, "SELECT " + STUDY_COLUMNS + " FROM study st WHERE st.study_uid = ?", StudyIndexStore::study, studyUid));
    }

    /** The series of a study, by series number. */
    public List<SeriesRecord> series(String studyUid) {
        return db.read("cannot list the series of study " + studyUid, c ->
                Sql.list(c, "SELECT * FROM series WHERE study_uid = ? ORDER BY number IS NULL, number, series_uid",
                        StudyIndexStore::seriesRecord, studyUid));
    }

    public Optional<SeriesRecord> seriesByUid(String seriesUid) {
        return db.read("cannot read series " + seriesUid, c ->
                Sql.one(c, "SELECT * FROM series WHERE series_uid = ?", StudyIndexStore::seriesRecord, seriesUid));
    }

    /** The instances of a series, by instance number. */
    public List<InstanceRecord> instances(String seriesUid) {
        return db.read("cannot list the instances of series " + seriesUid, c ->
                Sql.list(c, "SELECT * FROM instance WHERE series_uid = ? ORDER BY instance_number IS NULL, instance_number, sop_instance_uid",
                        rs -> new InstanceRecord(rs.getString("sop_instance_uid"), rs.getString("series_uid"),
                                rs.getString("sop_class_uid"), Sql.nullableInt(rs, "instance_number"), rs.getInt("frames"),
                                rs.getString("transfer_syntax_uid"),
                                rs.getString("file") == null ? null : Path.of(rs.getString("file"))),
                        seriesUid));
    }

    private static String where(StudyFilter f, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (f.patient() != null) {
            terms.add("(st.patient_name LIKE ? ESCAPE '\\' OR st.patient_id LIKE ? ESCAPE '\\')");
            args.add(Sql.contains(f.patient()));
            args.add(Sql.contains(f.patient()));
        }
        if (f.dateFrom() != null) {
            terms.add("st.study_date >= ?");
            args.add(f.dateFrom());
        }
        if (f.dateTo() != null) {
            terms.add("st.study_date <= ?");
            args.add(f.dateTo());
        }
        if (f.modality() != null) {
            terms.add("EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid AND se.modality = ? COLLATE NOCASE)");
            args.add(f.modality());
        }
        if (f.description() != null) {
            terms.add("st.description LIKE ? ESCAPE '\\'");
            args.add(Sql.contains(f.description()));
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static StudyRecord study(ResultSet rs) throws SQLException {
        String modalities = rs.getString("modalities");
        return new StudyRecord(rs.getString("study_uid"), rs.getString("patient_name"), rs.getString("patient_id"),
                rs.getString("patient_birth_date"), rs.getString("patient_sex"), rs.getString("study_date"),
                rs.getString("study_time"), rs.getString("description"), rs.getString("accession_number"),
                rs.getString("study_id"), modalities == null ? List.of() : Arrays.asList(modalities.split("\\\\")),
                rs.getInt("series_count"), rs.getLong("instances"), rs.getString("source"),
                Sql.instant(rs, "imported_at"), Sql.instant(rs, "updated_at"));
    }

    static SeriesRecord seriesRecord(ResultSet rs) throws SQLException {
        return new SeriesRecord(rs.getString("series_uid"), rs.getString("study_uid"), Sql.nullableInt(rs, "number"),
                rs.getString("description"), rs.getString("modality"), rs.getString("frame_of_reference_uid"),
                rs.getString("body_part"), rs.getString("kind"), rs.getInt("instance_count"), rs.getLong("frame_count"),
                Sql.instant(rs, "updated_at"));
    }

    private static void bindAll(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Sql.bind(s, i + 1, values[i]);
        }
    }

    /** Fails with a sentence when {@code seriesUid} is not in the index (annotations and runs need it there). */
    static void requireSeries(Connection c, String seriesUid) throws SQLException {
        if (!Sql.exists(c, "SELECT 1 FROM series WHERE series_uid = ?", seriesUid)) {
            throw new CatalogException(CatalogException.Reason.NO_SUCH_ROW, "series " + seriesUid
                    + " is not in the catalog; import or open its study first");
        }
    }
}
