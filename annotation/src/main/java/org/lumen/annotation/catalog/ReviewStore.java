// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * The review workflow, per annotation and per case (dataset member): moves between
 * {@link ReviewState}s, refusing illegal ones with a sentence, and keeps every move as an event.
 * Approving, returning and reopening take a reviewer.
 */
public final class ReviewStore {

    private final Db db;

    private final AuditLog audit;

    ReviewStore(Db db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Moves annotation {@code annotationId} to {@code to}. */
    public ReviewEvent moveAnnotation(long annotationId, ReviewState to, long personId, String comment) {
        return db.write("cannot move annotation " + annotationId + " to " + to.word(), c -> {
            Annotation a = AnnotationStore.requireAnnotation(c, annotationId);
            check(c, "annotation " + annotationId, a.reviewState(), to, personId);
            if (to == ReviewState.SUBMITTED && a.headRevisionId() == null) {
                throw new CatalogException(Reason.REFUSED, "annotation " + annotationId + " has no content to submit yet");
            }
            Sql.update(c, "UPDATE annotation SET review_state = ? WHERE id = ?", to, annotationId);
            long id = Sql.insert(c, """
                    INSERT INTO review_event (annotation_id, from_state, to_state, person_id, at, comment)
                    VALUES (?, ?, ?, ?, ?, ?)""", annotationId, a.reviewState(), to, personId, db.now(), comment);
            audit.appendIn(c, AuditAction.REVIEW, PersonStore.require(c, personId).name(), null, a.seriesUid(),
                    Map.of("annotationId", annotationId, "from", a.reviewState().name(), "to", to.name()));
            return event(c, id);
        });
    }

    /** Moves the case {@code seriesUid} of dataset {@code datasetId} to {@code to}. */
    public ReviewEvent moveCase(long datasetId, String seriesUid, ReviewState to, long personId, String comment) {
        return db.write("cannot move case " + seriesUid + " of dataset " + datasetId + " to " + to.word(), c -> {
            DatasetMember m = DatasetStore.requireMember(c, datasetId, seriesUid);
            check(c, "case " + seriesUid + " of dataset " + datasetId, m.reviewState(), to, personId);
            Sql.update(c, "UPDATE dataset_member SET review_state = ?, updated_at = ? WHERE dataset_id = ? AND series_uid = ?",
                    to, db.now(), datasetId, seriesUid);
            long id = Sql.insert(c, """
                    INSERT INTO review_event (dataset_id, series_uid, from_state, to_state, person_id, at, comment)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", datasetId, seriesUid, m.reviewState(), to, personId, db.now(), comment);
            audit.appendIn(c, AuditAction.REVIEW, PersonStore.require(c, personId).name(), null, seriesUid,
                    Map.of("datasetId", datasetId, "from", m.reviewState().name(), "to", to.name()));
            return event(c, id);
        });
    }

    /** Every review step of an annotation, oldest first. */
    public List<ReviewEvent> history(long annotationId) {
        return db.read("cannot read the review history of annotation " + annotationId, c ->
                Sql.list(c, "SELECT * FROM review_event WHERE annotation_id = ? ORDER BY id", ReviewStore::event, annotationId));
    }

    /** Every review step of a case, oldest first. */
    public List<ReviewEvent> caseHistory(long datasetId, String seriesUid) {
        return db.read("cannot read the review history of case " + seriesUid, c ->
                Sql.list(c, "SELECT * FROM review_event WHERE dataset_id = ? AND series_uid = ? ORDER BY id", ReviewStore::event,
                        datasetId, seriesUid));
    }

    private static void check(Connection c, String subject, ReviewState from, ReviewState to, long personId) throws SQLException {
        if (!from.canMoveTo(to)) {
            throw new CatalogException(Reason.REFUSED, subject + " is " + from.word() + "; it can move to "
                    + from.next().stream().map(ReviewState::word).collect(Collectors.joining(" or ")) + ", not to " + to.word());
        }
        Person person = PersonStore.require(c, personId);
        if (from.needsReviewer(to) && !person.reviewer()) {
            throw new CatalogException(Reason.REFUSED, person.name() + " is not a reviewer; only reviewers approve, return or reopen "
                    + subject);
        }
    }

    private static ReviewEvent event(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM review_event WHERE id = ?", ReviewStore::event, id).orElseThrow();
    }

    private static ReviewEvent event(ResultSet rs) throws SQLException {
        return new ReviewEvent(rs.getLong("id"), Sql.nullableLong(rs, "annotation_id"), Sql.nullableLong(rs, "dataset_id"),
                rs.getString("series_uid"), ReviewState.valueOf(rs.getString("from_state")), ReviewState.valueOf(rs.getString("to_state")),
                rs.getLong("person_id"), Sql.instant(rs, "at"), rs.getString("comment"));
    }
}
