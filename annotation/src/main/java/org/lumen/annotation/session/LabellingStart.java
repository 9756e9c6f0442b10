// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelSchema;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.LoadedAnnotation;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * What the catalog gives a labelling session on a series: who labels, the dataset and its classes,
 * the annotator's mask annotation (made, with an empty first revision, when there is none) and its last
 * saved mask, the annotator's saved boxes, points, lines and classifications, and why the labels are
 * locked, if they are. {@link #prepare} reads and makes all of it in the catalog; run it on the catalog lane.
 *
 * @param saved                      the head mask, or null when the annotation starts blank
 * @param vectorAnnotationId         the annotator's vector annotation of the case, or null (made on the first save)
 * @param classificationAnnotationId the same for classifications
 * @param lockedReason               why the annotator's labels cannot change now, or null
 */
public record LabellingStart(String seriesUid, VolumeGeometry geometry, long personId, long datasetId, long maskAnnotationId,
                             LabelMask saved, List<AnnotationClass> classes, List<String> classifications,
                             List<ObjectLabel> savedObjects, Long vectorAnnotationId, Long classificationAnnotationId,
                             String lockedReason) {

    /**
     * Prepares labelling series {@code seriesUid} (on grid {@code geometry}) by {@code user} in dataset
     * {@code datasetId}, or in the dataset named {@code defaultDataset} (made with {@link LabelSchema#DEFAULT}
     * when missing) when it is null. The series becomes a member of the dataset if it is not one yet.
     */
    public static LabellingStart prepare(Catalog c, String user, Long datasetId, String defaultDataset, String seriesUid,
                                         VolumeGeometry geometry) {
        long person = c.people().ensure(user, true, false).id();
        DatasetRecord dataset = (datasetId == null ? Optional.<DatasetRecord>empty() : c.datasets().byId(datasetId))
                .or(() -> c.datasets().byName(defaultDataset))
                .orElseGet(() -> c.datasets().create(defaultDataset, "Labels made in the workstation without a chosen dataset",
                        LabelSchema.DEFAULT.describe()));
        List<LabelClass> defined = c.labelClasses().of(dataset.id());
        if (defined.isEmpty()) {
            // A dataset made without a schema (or by a crash between making it and defining its classes).
            defined = LabelSchema.DEFAULT.defineIn(c.labelClasses(), dataset.id());
        }
        List<AnnotationClass> classes = new ArrayList<>();
        List<String> classifications = new ArrayList<>();
        for (LabelClass l : defined) {
            if (l.type() == LabelType.MASK && l.maskValue() != null) {
                classes.add(new AnnotationClass(l.maskValue(), l.name(), Integer.parseInt(l.colour().substring(1), 16)));
            } else if (l.type() == LabelType.CLASSIFICATION) {
                classifications.add(l.name());
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("dataset " + dataset.name() + " has no classes to draw; its schema needs at least one mask class");
        }
        if (c.datasets().member(dataset.id(), seriesUid).isEmpty()) {
            c.datasets().addMembers(dataset.id(), List.of(seriesUid));
        }
        List<LoadedAnnotation> annotatorsOwn = c.annotations().loadCase(seriesUid).stream()
                .filter(a -> a.annotation().createdBy() == person).toList();
        LoadedAnnotation mine = annotatorsOwn.stream().filter(a -> a.annotation().kind() == AnnotationKind.MASK)
                .findFirst().orElse(null);
        long annotationId;
        LabelMask saved = null;
        if (mine == null || mine.head() == null) {
            // The first revision is the whole (empty) mask with its grid; strokes then store only what they change.
            MaskPayload empty = new MaskPayload(new LabelMask(geometry.columns(), geometry.rows(), geometry.slices()), geometry);
            annotationId = mine != null ? c.annotations().append(mine.annotation().id(), person, Origin.MANUAL, empty, "new mask").annotationId()
                    : c.annotations().create(new NewAnnotation(seriesUid, dataset.id(), AnnotationKind.MASK, null), person,
                            Origin.MANUAL, empty, "new mask").info().annotationId();
        } else {
            annotationId = mine.annotation().id();
            if (mine.head().payload() instanceof MaskPayload mask) {
                saved = mask.mask();
            }
        }
        List<ObjectLabel> objects = new ArrayList<>();
        Long vector = null;
        Long classification = null;
        for (LoadedAnnotation a : annotatorsOwn) {
            if (a.annotation().kind() == AnnotationKind.VECTOR && vector == null) {
                vector = a.annotation().id();
                if (a.head() != null && a.head().payload() instanceof VectorPayload v) {
                    objects.addAll(v.labels());
                }
            } else if (a.annotation().kind() == AnnotationKind.CLASSIFICATION && classification == null) {
                classification = a.annotation().id();
                if (a.head() != null && a.head().payload() instanceof ClassificationPayload cp) {
                    objects.addAll(cp.labels());
                }
            }
        }
        return new LabellingStart(seriesUid, geometry, person, dataset.id(), annotationId, saved, List.copyOf(classes),
                classifications.isEmpty() ? LabelSchema.DEFAULT.classifications() : List.copyOf(classifications),
                List.copyOf(objects), vector, classification, lockedReason(annotatorsOwn));
    }

    /** Why the annotator's labels of the case cannot change now (one of them is submitted or approved), or null. */
    private static String lockedReason(List<LoadedAnnotation> annotatorsOwn) {
        return annotatorsOwn.stream().map(a -> a.annotation().reviewState()).filter(s -> !s.editable()).findFirst()
                .map(s -> s == ReviewState.SUBMITTED
                        ? "Your labels of this case are submitted for review: they can be edited again when a reviewer returns them (Review tab)."
                        : "Your labels of this case are approved: a reviewer can reopen them for editing (Review tab).")
                .orElse(null);
    }
}
