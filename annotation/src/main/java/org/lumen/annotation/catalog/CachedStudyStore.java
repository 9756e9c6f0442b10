// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The studies of the offline cache (docs/catalog.md, table {@code cached_study}): recorded when they
 * arrive, stamped when opened, pinned or unpinned by the reader, and forgotten when evicted. Forgetting
 * also takes the study's files out of the index (instance rows under its folder, and series and study
 * rows nothing else refers to), so it no longer opens from a folder that is gone; labels, annotations,
 * reviews, AI runs and measurements stay. Every call is one transaction.
 */
public final class CachedStudyStore {

    private static final String COLUMNS = """
            c.*, st.patient_name, st.patient_id, st.study_date, st.description,
                 (SELECT group_concat(m, '\\') FROM (SELECT DISTINCT modality AS m FROM series
                                                    WHERE study_uid = c.study_uid AND modality IS NOT NULL ORDER BY m)) AS modalities
            FROM cached_study c LEFT JOIN study st ON st.study_uid = c.study_uid
            """;

    private final Db db;

    CachedStudyStore(Db db) {
        this.db = db;
    }

    /**
     * Records that study {@code studyUid} is (now) in the cache at {@code folder} with {@code bytes} in
     * {@code instances} files, from {@code source}; a study already recorded keeps its pin and last opening.
     */
    public void record(String studyUid, Path folder, long bytes, int instances, String source) {
        if (studyUid == null || studyUid.isBlank()) {
            throw new IllegalArgumentException("a cached study is recorded with its study UID");
        }
        if (bytes < 0 || instances < 0) {
            throw new IllegalArgumentException("a cached study's size and instance count cannot be negative");
        }
        db.write("cannot record study " + studyUid + " in the offline cache", c -> Sql.update(c, """
                INSERT INTO cached_study (study_uid, folder, bytes, instances, pinned, cached_at, last_opened_at, source)
                VALUES (?, ?, ?, ?, 0, ?, NULL, ?)
                ON CONFLICT (study_uid) DO UPDATE SET folder = excluded.folder, bytes = excluded.bytes, instances = excluded.instances,
                                                      cached_at = excluded.cached_at, source = coalesce(excluded.source, source)
                """, studyUid, folder.toAbsolutePath().normalize().toString(), bytes, instances, db.now(), source));
    }

    /** Stamps the study as opened now; false when the cache does not hold it. */
    public boolean opened(String studyUid) {
        return db.write("cannot record that study " + studyUid + " was opened",
                c -> Sql.update(c, "UPDATE cached_study SET last_opened_at = ? WHERE study_uid = ?", db.now(), studyUid) > 0);
    }

    /** Pins (keeps it through eviction) or unpins the study; false when the cache does not hold it. */
    public boolean pin(String studyUid, boolean pinned) {
        return db.write("cannot " + (pinned ? "pin" : "unpin") + " study " + studyUid,
                c -> Sql.update(c, "UPDATE cached_study SET pinned = ? WHERE study_uid = ?", pinned ? 1 : 0, studyUid) > 0);
    }

    public Optional<CachedStudy> study(String studyUid) {
        return db.read("cannot read cached study " + studyUid,
                c -> Sql.one(c, "SELECT " + COLUMNS + " WHERE c.study_uid = ?", CachedStudyStore::row, studyUid));
    }

    /** Every cached study, most recently used first. */
    public List<CachedStudy> list() {
        return db.read("cannot list the offline cache", c -> Sql.list(c,
                "SELECT " + COLUMNS + " ORDER BY coalesce(c.last_opened_at, c.cached_at) DESC, c.study_uid", CachedStudyStore::row));
    }

    /** The unpinned studies, least recently used first: the order eviction takes them in. */
    public List<CachedStudy> evictable() {
        return db.read("cannot list the offline cache", c -> Sql.list(c, "SELECT " + COLUMNS
                + " WHERE c.pinned = 0 ORDER BY coalesce(c.last_opened_at, c.cached_at), c.study_uid", CachedStudyStore::row));
    }

    /** The bytes of every cached study together. */
    public long totalBytes() {
        return db.read("cannot sum the offline cache", c ->
                Sql.one(c, "SELECT coalesce(sum(bytes), 0) FROM cached_study", rs -> rs.getLong(1)).orElse(0L));
    }

    /** What {@link #forget} took out of the index; what it kept because labels or results refer to it. */
    public record Forgotten(boolean recorded, int instances, int series, boolean study, int seriesKept) {
    }

    /**
     * Forgets the cached study: its {@code cached_study} row, the index rows of its files under its
     * folder, its series with no files left that nothing refers to (annotations, AI runs, dataset
     * members, reviews, agreements keep theirs, with zero instances), and its study row once no series
     * is left. Labels, annotations, reviews, AI runs and measurements are never touched.
     */
    public Forgotten forget(String studyUid) {
        return db.write("cannot take study " + studyUid + " out of the offline cache", c -> {
            Optional<String> folder = Sql.one(c, "SELECT folder FROM cached_study WHERE study_uid = ?", rs -> rs.getString(1), studyUid);
            boolean recorded = Sql.update(c, "DELETE FROM cached_study WHERE study_uid = ?", studyUid) > 0;
            String prefix = folder.map(f -> f.endsWith("/") || f.endsWith("\\") ? f : f + java.io.File.separator).orElse(null);
            int instances = prefix == null ? 0 : Sql.update(c, """
                    DELETE FROM instance WHERE series_uid IN (SELECT series_uid FROM series WHERE study_uid = ?)
                                           AND substr(file, 1, length(?)) = ?
                    """, studyUid, prefix, prefix);
            recount(c, studyUid);
            int series = Sql.update(c, """
                    DELETE FROM series WHERE study_uid = ?1 AND instance_count = 0
                       AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.series_uid = series.series_uid)
                       AND NOT EXISTS (SELECT 1 FROM ai_run r WHERE r.series_uid = series.series_uid)
                       AND NOT EXISTS (SELECT 1 FROM dataset_member m WHERE m.series_uid = series.series_uid)
                       AND NOT EXISTS (SELECT 1 FROM review_event e WHERE e.series_uid = series.series_uid)
                       AND NOT EXISTS (SELECT 1 FROM agreement g WHERE g.series_uid = series.series_uid)
                    """, studyUid);
            int kept = Sql.one(c, "SELECT count(*) FROM series WHERE study_uid = ?", rs -> rs.getInt(1), studyUid).orElse(0);
            boolean study = kept == 0 && Sql.update(c, "DELETE FROM study WHERE study_uid = ?", studyUid) > 0;
            if (kept > 0 && prefix != null) {
                // What is left of it in the index no longer opens from the cache folder.
                Sql.update(c, "UPDATE study SET source = NULL, updated_at = ? WHERE study_uid = ? AND source = ?",
                        db.now(), studyUid, folder.get());
            }
            return new Forgotten(recorded, instances, series, study, kept);
        });
    }

    private static void recount(Connection c, String studyUid) throws SQLException {
        Sql.update(c, """
                UPDATE series SET instance_count = (SELECT count(*) FROM instance i WHERE i.series_uid = series.series_uid),
                                  frame_count = (SELECT coalesce(sum(frames), 0) FROM instance i WHERE i.series_uid = series.series_uid)
                WHERE study_uid = ?
                """, studyUid);
    }

    private static CachedStudy row(ResultSet rs) throws SQLException {
        String modalities = rs.getString("modalities");
        Long opened = Sql.nullableLong(rs, "last_opened_at");
        return new CachedStudy(rs.getString("study_uid"), Path.of(rs.getString("folder")), rs.getLong("bytes"), rs.getInt("instances"),
                rs.getInt("pinned") == 1, Sql.instant(rs, "cached_at"), opened == null ? null : java.time.Instant.ofEpochMilli(opened),
                rs.getString("source"), rs.getString("patient_name"), rs.getString("patient_id"), rs.getString("study_date"),
                rs.getString("description"), modalities == null ? List.of() : Arrays.asList(modalities.split("\\\\")));
    }
}
