// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.catalog.CatalogException.Reason;

/**
 * Inter-annotator agreement: compares two mask revisions of the same series (Dice per label,
 * lesion-level match) and stores the result, so a dataset's agreement can be listed without
 * decoding masks again. The comparison runs outside the write lock.
 */
public final class AgreementStore {

    private final Db db;

    AgreementStore(Db db) {
        this.db = db;
    }

    /** Compares mask revisions {@code revisionA} and {@code revisionB} and stores the result. */
    public Agreement compute(long revisionA, long revisionB) {
        String doing = "cannot compare revisions " + revisionA + " and " + revisionB;
        MaskRevision[] pair = db.read(doing, c -> new MaskRevision[] {mask(c, revisionA), mask(c, revisionB)});
        if (!pair[0].seriesUid().equals(pair[1].seriesUid())) {
            throw new CatalogException(Reason.REFUSED, doing + ": they label different series (" + pair[0].seriesUid()
                    + " and " + pair[1].seriesUid() + ")");
        }
        MaskPayload a = pair[0].payload();
        MaskPayload b = pair[1].payload();
        if (a.mask().columns() != b.mask().columns() || a.mask().rows() != b.mask().rows() || a.mask().slices() != b.mask().slices()) {
            throw new CatalogException(Reason.REFUSED, doing + ": their masks are on different grids");
        }
        List<ClassAgreement> classes = MaskAgreement.compare(a.mask(), b.mask());
        return db.write(doing, c -> {
            long id = Sql.insert(c, """
                    INSERT INTO agreement (series_uid, revision_a, revision_b, computed_at, connectivity) VALUES (?, ?, ?, ?, ?)""",
                    pair[0].seriesUid(), revisionA, revisionB, db.now(), LesionComponents.CONNECTIVITY);
            for (ClassAgreement ca : classes) {
                Sql.update(c, """
                        INSERT INTO agreement_class (agreement_id, label, dice, voxels_a, voxels_b, overlap, lesions_a, lesions_b,
                                                     matched_a, matched_b) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        id, ca.label(), ca.dice(), ca.voxelsA(), ca.voxelsB(), ca.overlap(), ca.lesionsA(), ca.lesionsB(),
                        ca.matchedA(), ca.matchedB());
            }
            return find(c, id).orElseThrow();
        });
    }

    /** The stored agreements on a series, oldest first. */
    public List<Agreement> of(String seriesUid) {
        return db.read("cannot list the agreements on series " + seriesUid, c -> {
            List<Agreement> all = new ArrayList<>();
            for (long id : Sql.list(c, "SELECT id FROM agreement WHERE series_uid = ? ORDER BY id", rs -> rs.getLong(1), seriesUid)) {
                all.add(find(c, id).orElseThrow());
            }
            return all;
        });
    }

    private record MaskRevision(String seriesUid, MaskPayload payload) {
    }

    private static MaskRevision mask(Connection c, long revisionId) throws SQLException {
        AnnotationRevision r = AnnotationStore.readRevision(c, revisionId)
                .orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no revision " + revisionId));
        if (!(r.payload() instanceof MaskPayload m)) {
            throw new CatalogException(Reason.REFUSED, "revision " + revisionId + " is not a mask");
        }
        String series = AnnotationStore.requireAnnotation(c, r.info().annotationId()).seriesUid();
        return new MaskRevision(series, m);
    }

    private static Optional<Agreement> find(Connection c, long id) throws SQLException {
        List<ClassAgreement> classes = Sql.list(c, "SELECT * FROM agreement_class WHERE agreement_id = ? ORDER BY label",
                AgreementStore::classAgreement, id);
        return Sql.one(c, "SELECT * FROM agreement WHERE id = ?", rs -> new Agreement(rs.getLong("id"), rs.getString("series_uid"),
                rs.getLong("revision_a"), rs.getLong("revision_b"), Sql.instant(rs, "computed_at"), rs.getInt("connectivity"), classes), id);
    }

    private static ClassAgreement classAgreement(ResultSet rs) throws SQLException {
        return new ClassAgreement(rs.getInt("label"), rs.getDouble("dice"), rs.getLong("voxels_a"), rs.getLong("voxels_b"),
                rs.getLong("overlap"), rs.getInt("lesions_a"), rs.getInt("lesions_b"), rs.getInt("matched_a"), rs.getInt("matched_b"));
    }
}
