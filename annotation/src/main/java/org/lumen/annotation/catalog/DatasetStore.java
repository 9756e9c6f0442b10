// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.catalog.CatalogException.Reason;

/** Datasets, their members (series, in a fixed order) and each member's labelling status. */
public final class DatasetStore {

    private final Db db;

    DatasetStore(Db db) {
        this.db = db;
    }

    public DatasetRecord create(String name, String description, String labelSchema) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name");
        }
        String clean = name.strip();
        return db.write("cannot create dataset " + clean, c -> {
            if (Sql.exists(c, "SELECT 1 FROM dataset WHERE name = ?", clean)) {
                throw new CatalogException(Reason.REFUSED, "there already is a dataset called " + clean);
            }
            long id = Sql.insert(c, "INSERT INTO dataset (name, description, label_schema, created_at) VALUES (?, ?, ?, ?)",
                    clean, description, labelSchema, db.now());
            return find(c, id).orElseThrow();
        });
    }

    public Optional<DatasetRecord> byName(String name) {
        return db.read("cannot read dataset " + name, c ->
                Sql.one(c, "SELECT * FROM dataset WHERE name = ?", DatasetStore::dataset, name));
    }

    public Optional<DatasetRecord> byId(long id) {
        return db.read("cannot read dataset " + id, c -> find(c, id));
    }

    public List<DatasetRecord> all() {
        return db.read("cannot list datasets", c -> Sql.list(c, "SELECT * FROM dataset ORDER BY name", DatasetStore::dataset));
    }

    /** Appends the series not yet in the dataset, in the order given; returns how many were added. */
    public int addMembers(long datasetId, List<String> seriesUids) {
        return db.write("cannot add cases to dataset " + datasetId, c -> {
            require(c, datasetId);
            int position = Sql.one(c, "SELECT coalesce(max(position), -1) FROM dataset_member WHERE dataset_id = ?",
                    rs -> rs.getInt(1), datasetId).orElse(-1);
            int added = 0;
            long now = db.now();
            for (String uid : seriesUids) {
                StudyIndexStore.requireSeries(c, uid);
                added += Sql.update(c, """
                        INSERT INTO dataset_member (dataset_id, series_uid, position, status, review_state, added_at, updated_at)
                        VALUES (?, ?, ?, 'TODO', 'DRAFT', ?, ?) ON CONFLICT DO NOTHING
                        """, datasetId, uid, position + added + 1, now, now);
            }
            return added;
        });
    }

    public List<DatasetMember> members(long datasetId) {
        return db.read("cannot list the cases of dataset " + datasetId, c ->
                Sql.list(c, "SELECT * FROM dataset_member WHERE dataset_id = ? ORDER BY position", DatasetStore::member, datasetId));
    }

    public Optional<DatasetMember> member(long datasetId, String seriesUid) {
        return db.read("cannot read a case of dataset " + datasetId, c -> findMember(c, datasetId, seriesUid));
    }

    public DatasetMember setStatus(long datasetId, String seriesUid, MemberStatus status) {
        return db.write("cannot set the status of series " + seriesUid + " in dataset " + datasetId, c -> {
            requireMember(c, datasetId, seriesUid);
            Sql.update(c, "UPDATE dataset_member SET status = ?, updated_at = ? WHERE dataset_id = ? AND series_uid = ?",
                    status, db.now(), datasetId, seriesUid);
            return findMember(c, datasetId, seriesUid).orElseThrow();
        });
    }

    /** The first case still to label, in dataset order (the "next case" of the dataset panel). */
    public Optional<DatasetMember> nextCase(long datasetId) {
        return db.read("cannot find the next case of dataset " + datasetId, c ->
                Sql.one(c, "SELECT * FROM dataset_member WHERE dataset_id = ? AND status = 'TODO' ORDER BY position LIMIT 1",
                        DatasetStore::member, datasetId));
    }

    public DatasetProgress progress(long datasetId) {
        return db.read("cannot count the progress of dataset " + datasetId, c -> Sql.one(c, """
                SELECT count(*), sum(status = 'TODO'), sum(status = 'IN_PROGRESS'), sum(status = 'DONE'), sum(status = 'SKIPPED'),
                       sum(review_state = 'SUBMITTED'), sum(review_state = 'APPROVED')
                FROM dataset_member WHERE dataset_id = ?
                """, rs -> new DatasetProgress(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)), datasetId).orElseThrow());
    }

    static Optional<DatasetRecord> find(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM dataset WHERE id = ?", DatasetStore::dataset, id);
    }

    static DatasetRecord require(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no dataset " + id + " in the catalog"));
    }

    static Optional<DatasetMember> findMember(Connection c, long datasetId, String seriesUid) throws SQLException {
        return Sql.one(c, "SELECT * FROM dataset_member WHERE dataset_id = ? AND series_uid = ?", DatasetStore::member,
                datasetId, seriesUid);
    }

    static DatasetMember requireMember(Connection c, long datasetId, String seriesUid) throws SQLException {
        return findMember(c, datasetId, seriesUid).orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW,
                "series " + seriesUid + " is not a case of dataset " + datasetId));
    }

    private static DatasetRecord dataset(ResultSet rs) throws SQLException {
        return new DatasetRecord(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("label_schema"), Sql.instant(rs, "created_at"));
    }

    private static DatasetMember member(ResultSet rs) throws SQLException {
        return new DatasetMember(rs.getLong("dataset_id"), rs.getString("series_uid"), rs.getInt("position"),
                MemberStatus.valueOf(rs.getString("status")), ReviewState.valueOf(rs.getString("review_state")),
                Sql.instant(rs, "added_at"), Sql.instant(rs, "updated_at"));
    }
}
