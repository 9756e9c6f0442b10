// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.MaskCodec;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Annotations and their append-only revisions. Every save is a new revision whose parent is the
 * head it replaces; nothing is overwritten, so any revision can be restored (as a new revision with
 * the old content) and the AI's label stays beside the human-corrected one, as MONAI Label keeps
 * "original" and "final". Content is encoded before the write lock is taken, so a save holds the
 * lock only for its inserts; a brush stroke saved with {@link #appendMaskSlices} stores only the
 * slices it changed.
 */
public final class AnnotationStore {

    static final String INFO_COLUMNS = """
            id, annotation_id, number, parent_id, author_id, created_at, origin, origin_run_id, origin_finding_id,
            origin_source, restored_from_id, payload_kind, stored_bytes, payload_sha256, comment""";
    static final String FULL_COLUMNS = INFO_COLUMNS + ", mask_slices, data";

    private final Db db;

    private final AuditLog audit;

    AnnotationStore(Db db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Content ready to store: encoded outside the lock, finished (slice rows, manifest) inside it. */
    private sealed interface Content {
        AnnotationKind kind();
    }

    private record JsonContent(PayloadCodec.Stored json) implements Content {
        public AnnotationKind kind() {
            return json.kind();
        }
    }

    private record MaskContent(String geometryJson, List<MaskSlices.Encoded> slices, boolean onHead) implements Content {
        public AnnotationKind kind() {
            return AnnotationKind.MASK;
        }
    }

    private record CopyContent(Row old) implements Content {
        public AnnotationKind kind() {
            return old.info().payloadKind();
        }
    }

    /** A new, empty annotation in DRAFT. */
    public Annotation create(NewAnnotation spec, long authorId) {
        return db.write("cannot create an annotation on series " + spec.seriesUid(), c -> insertAnnotation(c, spec, authorId));
    }

    /** A new annotation with its first revision, in one transaction. */
    public AnnotationRevision create(NewAnnotation spec, long authorId, Origin origin, Payload first, String comment) {
        Content content = prepare(first);
        RevisionInfo info = db.write("cannot create an annotation on series " + spec.seriesUid(), c -> {
            Annotation annotation = insertAnnotation(c, spec, authorId);
            return insertRevision(c, annotation, null, false, authorId, origin, null, content, comment);
        });
        return new AnnotationRevision(info, first);
    }

    /** Saves {@code payload} as the new head of annotation {@code annotationId} (parent: the current head). */
    public RevisionInfo append(long annotationId, long authorId, Origin origin, Payload payload, String comment) {
        Content content = prepare(payload);
        return db.write("cannot save a revision of annotation " + annotationId, c ->
                insertRevision(c, requireAnnotation(c, annotationId), null, false, authorId, origin, null, content, comment));
    }

    /**
     * Like {@link #append}, but only if the head is still {@code expectedHeadId} (null: no revision
     * yet): an editor that loaded revision 5 cannot silently overwrite a revision 6 saved meanwhile.
     */
    public RevisionInfo appendIfHead(long annotationId, Long expectedHeadId, long authorId, Origin origin, Payload payload,
                                     String comment) {
        Content content = prepare(payload);
        return db.write("cannot save a revision of annotation " + annotationId, c ->
                insertRevision(c, requireAnnotation(c, annotationId), expectedHeadId, true, authorId, origin, null, content, comment));
    }

    /**
     * Saves a brush stroke (or any step) of a mask annotation: the new head is the current head with
     * the slices in {@code changedSlices} replaced (each as its runs of labels, {@code columns × rows}
     * voxels; an empty slice clears it). Only these slices are encoded and stored, so the cost follows
     * the stroke, not the mask. {@code geometry} must be
     * the head's grid; the first revision of a mask is saved whole ({@link #create} or {@link #append}).
     */
    public RevisionInfo appendMaskSlices(long annotationId, long authorId, Origin origin, VolumeGeometry geometry,
                                         Map<Integer, SliceRuns> changedSlices, String comment) {
        List<MaskSlices.Encoded> slices = MaskSlices.encodeChanged(changedSlices, geometry.columns(), geometry.rows(), geometry.slices());
        Content content = new MaskContent(PayloadCodec.geometry(geometry), slices, true);
        return db.write("cannot save a revision of annotation " + annotationId, c ->
                insertRevision(c, requireAnnotation(c, annotationId), null, false, authorId, origin, null, content, comment));
    }

    /**
     * Saves a whole mask already encoded by {@code MaskCodec} (what the autosave hands over) as the
     * new head. It is decoded and stored slice by slice like {@link #append}; prefer
     * {@link #appendMaskSlices} for strokes, which encodes only what changed.
     */
    public RevisionInfo appendEncodedMask(long annotationId, long authorId, Origin origin, byte[] encodedMask,
                                          VolumeGeometry geometry, String comment) {
        MaskHeader.check(encodedMask, geometry);
        LabelMask mask;
        try {
            mask = MaskCodec.decode(encodedMask);
        } catch (IOException e) {
            throw new IllegalArgumentException("the encoded mask cannot be read: " + e.getMessage(), e);
        }
        return append(annotationId, authorId, origin, new MaskPayload(mask, geometry), comment);
    }

    /** Makes revision {@code revisionId}'s content the head again, as a new revision (origin kept, parent = the head). */
    public RevisionInfo restore(long annotationId, long revisionId, long authorId, String comment) {
        return db.write("cannot restore revision " + revisionId + " of annotation " + annotationId, c -> {
            Annotation annotation = requireAnnotation(c, annotationId);
            Row old = Sql.one(c, "SELECT " + FULL_COLUMNS + " FROM revision WHERE id = ?", AnnotationStore::row, revisionId)
                    .orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no revision " + revisionId));
            if (old.info().annotationId() != annotationId) {
                throw new CatalogException(Reason.REFUSED, "revision " + revisionId + " belongs to annotation "
                        + old.info().annotationId() + ", not " + annotationId);
            }
            return insertRevision(c, annotation, null, false, authorId, old.info().origin(), revisionId, new CopyContent(old), comment);
        });
    }

    public Optional<Annotation> annotation(long annotationId) {
        return db.read("cannot read annotation " + annotationId, c -> findAnnotation(c, annotationId));
    }

    /** Every annotation on a series, oldest first. */
    public List<Annotation> annotations(String seriesUid) {
        return db.read("cannot list the annotations of series " + seriesUid, c ->
                Sql.list(c, "SELECT * FROM annotation WHERE series_uid = ? ORDER BY id", AnnotationStore::annotation, seriesUid));
    }

    /** Every annotation on a series with its current content, read in one snapshot: what opening a case loads. */
    public List<LoadedAnnotation> loadCase(String seriesUid) {
        return db.read("cannot load the annotations of series " + seriesUid, c -> {
            List<LoadedAnnotation> loaded = new ArrayList<>();
            List<Annotation> annotations = Sql.list(c, "SELECT * FROM annotation WHERE series_uid = ? ORDER BY id",
                    AnnotationStore::annotation, seriesUid);
            for (Annotation a : annotations) {
                AnnotationRevision head = a.headRevisionId() == null ? null : readRevision(c, a.headRevisionId()).orElseThrow();
                loaded.add(new LoadedAnnotation(a, head));
            }
            return loaded;
        });
    }

    public Optional<AnnotationRevision> revision(long revisionId) {
        return db.read("cannot read revision " + revisionId, c -> readRevision(c, revisionId));
    }

    /** The current content of an annotation; empty before its first save. */
    public Optional<AnnotationRevision> head(long annotationId) {
        return db.read("cannot read annotation " + annotationId, c -> {
            Annotation a = requireAnnotation(c, annotationId);
            return a.headRevisionId() == null ? Optional.empty() : readRevision(c, a.headRevisionId());
        });
    }

    /** Every revision of an annotation, without content, in order. */
    public List<RevisionInfo> history(long annotationId) {
        return db.read("cannot read the history of annotation " + annotationId, c -> {
            requireAnnotation(c, annotationId);
            return Sql.list(c, "SELECT " + INFO_COLUMNS + " FROM revision WHERE annotation_id = ? ORDER BY number",
                    AnnotationStore::info, annotationId);
        });
    }

    /** The AI's own label ("original"): the first revision made from an AI finding, before any human edit. */
    public Optional<AnnotationRevision> aiOriginal(long annotationId) {
        return db.read("cannot read annotation " + annotationId, c -> {
            requireAnnotation(c, annotationId);
            Optional<Long> id = Sql.one(c, """
                    SELECT id FROM revision WHERE annotation_id = ? AND origin = 'AI_FINDING' AND restored_from_id IS NULL
                    ORDER BY number LIMIT 1""", rs -> rs.getLong(1), annotationId);
            return id.isEmpty() ? Optional.empty() : readRevision(c, id.get());
        });
    }

    /** Revisions made from one AI finding, oldest first: how a finding became labels. */
    public List<RevisionInfo> fromFinding(long findingId) {
        return db.read("cannot list the revisions made from finding " + findingId, c ->
                Sql.list(c, "SELECT " + INFO_COLUMNS + " FROM revision WHERE origin_finding_id = ? ORDER BY id",
                        AnnotationStore::info, findingId));
    }

    private static Content prepare(Payload payload) {
        return switch (payload) {
            case MaskPayload m -> new MaskContent(PayloadCodec.geometry(m.geometry()), MaskSlices.encodeAll(m.mask()), false);
            case VectorPayload v -> new JsonContent(PayloadCodec.encode(v));
            case ClassificationPayload cl -> new JsonContent(PayloadCodec.encode(cl));
        };
    }

    private Annotation insertAnnotation(Connection c, NewAnnotation spec, long authorId) throws SQLException {
        StudyIndexStore.requireSeries(c, spec.seriesUid());
        PersonStore.require(c, authorId);
        if (spec.datasetId() != null) {
            DatasetStore.require(c, spec.datasetId());
        }
        if (spec.labelClassId() != null) {
            LabelClass label = LabelClassStore.find(c, spec.labelClassId()).orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW,
                    "there is no label class " + spec.labelClassId()));
            if (label.datasetId() != null && !label.datasetId().equals(spec.datasetId())) {
                throw new CatalogException(Reason.REFUSED, "label class " + label.name() + " belongs to dataset "
                        + label.datasetId() + ", not to this annotation's dataset");
            }
        }
        long id = Sql.insert(c, """
                INSERT INTO annotation (series_uid, dataset_id, kind, label_class_id, created_by, created_at, review_state)
                VALUES (?, ?, ?, ?, ?, ?, 'DRAFT')""", spec.seriesUid(), spec.datasetId(), spec.kind(), spec.labelClassId(),
                authorId, db.now());
        return findAnnotation(c, id).orElseThrow();
    }

    private RevisionInfo insertRevision(Connection c, Annotation annotation, Long expectedHead, boolean checkHead, long authorId,
                                        Origin origin, Long restoredFrom, Content content, String comment) throws SQLException {
        long id = annotation.id();
        if (checkHead && !Objects.equals(expectedHead, annotation.headRevisionId())) {
            throw new CatalogException(Reason.REFUSED, "annotation " + id + " changed since it was loaded (head was "
                    + (expectedHead == null ? "empty" : "revision " + expectedHead) + ", is now "
                    + (annotation.headRevisionId() == null ? "empty" : "revision " + annotation.headRevisionId())
                    + "); reload it before saving");
        }
        if (!annotation.reviewState().editable()) {
            throw new CatalogException(Reason.REFUSED, "annotation " + id + " is " + annotation.reviewState().word()
                    + (annotation.reviewState() == ReviewState.SUBMITTED
                            ? " for review; it cannot change until a reviewer returns it"
                            : "; a reviewer must reopen it before it can change"));
        }
        if (content.kind() != annotation.kind()) {
            throw new CatalogException(Reason.REFUSED, "annotation " + id + " holds " + word(annotation.kind())
                    + " content, not " + word(content.kind()));
        }
        PersonStore.require(c, authorId);
        checkOrigin(c, annotation, origin);

        byte[] maskSlices;
        String data;
        String sha;
        long[] bytes = {0};
        switch (content) {
            case JsonContent j -> {
                maskSlices = null;
                data = j.json().data();
                sha = j.json().sha256();
            }
            case MaskContent m -> {
                MaskSlices.Manifest base = m.onHead() ? headManifest(c, annotation, m.geometryJson()) : null;
                MaskSlices.Manifest manifest = MaskSlices.store(c, id, base, m.slices(), bytes);
                maskSlices = manifest.toBytes();
                data = m.geometryJson();
                sha = manifest.contentSha256(data);
            }
            case CopyContent copy -> {
                maskSlices = copy.old().maskSlices();
                data = copy.old().data();
                sha = copy.old().info().payloadSha256();
            }
        }
        bytes[0] += data.length() + (maskSlices == null ? 0 : maskSlices.length);
        int number = Sql.one(c, "SELECT coalesce(max(number), 0) FROM revision WHERE annotation_id = ?", rs -> rs.getInt(1), id)
                .orElse(0) + 1;
        Long runId = origin instanceof Origin.FromAiFinding f ? f.runId() : null;
        Long findingId = origin instanceof Origin.FromAiFinding f ? f.findingId() : null;
        String source = origin instanceof Origin.Imported i ? i.source() : null;
        long revisionId = Sql.insert(c, """
                INSERT INTO revision (annotation_id, number, parent_id, author_id, created_at, origin, origin_run_id,
                                      origin_finding_id, origin_source, restored_from_id, payload_kind, mask_slices, data,
                                      payload_sha256, stored_bytes, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, number, annotation.headRevisionId(), authorId, db.now(), originName(origin), runId, findingId, source,
                restoredFrom, content.kind(), maskSlices, data, sha, bytes[0], comment);
        Sql.update(c, "UPDATE annotation SET head_revision_id = ? WHERE id = ?", revisionId, id);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("annotationId", id);
        detail.put("revisionId", revisionId);
        detail.put("revision", number);
        detail.put("origin", originName(origin));
        detail.put("kind", content.kind().name());
        if (findingId != null) {
            detail.put("findingId", findingId);
        }
        audit.appendIn(c, AuditAction.LABEL_REVISED, PersonStore.require(c, authorId).name(), null, annotation.seriesUid(), detail);
        return Sql.one(c, "SELECT " + INFO_COLUMNS + " FROM revision WHERE id = ?", AnnotationStore::info, revisionId).orElseThrow();
    }

    /** The manifest a stroke applies to: the head's, which must be a mask on the same grid. */
    private static MaskSlices.Manifest headManifest(Connection c, Annotation annotation, String geometryJson) throws SQLException {
        if (annotation.headRevisionId() == null) {
            throw new CatalogException(Reason.REFUSED, "annotation " + annotation.id()
                    + " has no mask yet; save the whole mask first, then its strokes");
        }
        Row head = Sql.one(c, "SELECT " + FULL_COLUMNS + " FROM revision WHERE id = ?", AnnotationStore::row,
                annotation.headRevisionId()).orElseThrow();
        if (!head.data().equals(geometryJson)) {
            throw new CatalogException(Reason.REFUSED, "annotation " + annotation.id()
                    + "'s mask is on another grid than this stroke; save the whole mask instead");
        }
        return MaskSlices.manifest(c, head.maskSlices(), "revision " + head.info().id());
    }

    private static void checkOrigin(Connection c, Annotation annotation, Origin origin) throws SQLException {
        if (origin instanceof Origin.FromAiFinding f) {
            Optional<String> series = Sql.one(c, """
                    SELECT r.series_uid FROM finding f JOIN ai_run r ON r.id = f.run_id WHERE f.id = ? AND f.run_id = ?""",
                    rs -> rs.getString(1), f.findingId(), f.runId());
            if (series.isEmpty()) {
                throw new CatalogException(Reason.NO_SUCH_ROW, "there is no finding " + f.findingId() + " in AI run " + f.runId());
            }
            if (!series.get().equals(annotation.seriesUid())) {
                throw new CatalogException(Reason.REFUSED, "finding " + f.findingId() + " is on series " + series.get()
                        + ", not on annotation " + annotation.id() + "'s series " + annotation.seriesUid());
            }
        }
    }

    private static String originName(Origin origin) {
        return switch (origin) {
            case Origin.Manual m -> "MANUAL";
            case Origin.FromAiFinding f -> "AI_FINDING";
            case Origin.Imported i -> "IMPORTED";
        };
    }

    private static String word(AnnotationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static Optional<AnnotationRevision> readRevision(Connection c, long revisionId) throws SQLException {
        Optional<Row> row = Sql.one(c, "SELECT " + FULL_COLUMNS + " FROM revision WHERE id = ?", AnnotationStore::row, revisionId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        RevisionInfo info = row.get().info();
        String what = "revision " + revisionId;
        Payload payload;
        if (info.payloadKind() == AnnotationKind.MASK) {
            VolumeGeometry g = PayloadCodec.geometry(row.get().data());
            LabelMask mask = MaskSlices.load(c, row.get().maskSlices(), row.get().data(), g.columns(), g.rows(), g.slices(),
                    info.payloadSha256(), what);
            payload = new MaskPayload(mask, g);
        } else {
            payload = PayloadCodec.decode(info.payloadKind(), row.get().data(), info.payloadSha256(), what);
        }
        return Optional.of(new AnnotationRevision(info, payload));
    }

    static Optional<Annotation> findAnnotation(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM annotation WHERE id = ?", AnnotationStore::annotation, id);
    }

    static Annotation requireAnnotation(Connection c, long id) throws SQLException {
        return findAnnotation(c, id).orElseThrow(() -> new CatalogException(Reason.NO_SUCH_ROW, "there is no annotation " + id));
    }

    /** A revision row: its info and its stored content, not yet decoded. */
    record Row(RevisionInfo info, byte[] maskSlices, String data) {
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(info(rs), rs.getBytes("mask_slices"), rs.getString("data"));
    }

    static RevisionInfo info(ResultSet rs) throws SQLException {
        Origin origin = switch (rs.getString("origin")) {
            case "AI_FINDING" -> new Origin.FromAiFinding(rs.getLong("origin_run_id"), rs.getLong("origin_finding_id"));
            case "IMPORTED" -> new Origin.Imported(rs.getString("origin_source"));
            default -> Origin.MANUAL;
        };
        return new RevisionInfo(rs.getLong("id"), rs.getLong("annotation_id"), rs.getInt("number"), Sql.nullableLong(rs, "parent_id"),
                rs.getLong("author_id"), Sql.instant(rs, "created_at"), origin, Sql.nullableLong(rs, "restored_from_id"),
                AnnotationKind.valueOf(rs.getString("payload_kind")), rs.getLong("stored_bytes"), rs.getString("payload_sha256"),
                rs.getString("comment"));
    }

    static Annotation annotation(ResultSet rs) throws SQLException {
        return new Annotation(rs.getLong("id"), rs.getString("series_uid"), Sql.nullableLong(rs, "dataset_id"),
                AnnotationKind.valueOf(rs.getString("kind")), Sql.nullableLong(rs, "label_class_id"), rs.getLong("created_by"),
                Sql.instant(rs, "created_at"), Sql.nullableLong(rs, "head_revision_id"), ReviewState.valueOf(rs.getString("review_state")));
    }
}
