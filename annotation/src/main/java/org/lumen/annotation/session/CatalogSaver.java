// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import java.util.List;
import java.util.Map;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.mask.SliceRuns;

/**
 * Saves a labelling session's steps in the catalog: strokes as revisions of the annotator's mask
 * annotation (only the slices they changed), boxes, points and lines as revisions of a vector annotation
 * and classifications of a classification annotation (each made when first needed). A step that changes
 * only one kind adds no revision to the other. The first stroke moves the case from to-do to in progress.
 * Called on the catalog lane, one step at a time (Autosave).
 */
public final class CatalogSaver implements MaskSaver {

    private final Catalog catalog;
    private final LabellingStart start;
    private Long vectorAnnotation;
    private Long classificationAnnotation;
    /** What each annotation's head holds. */
    private List<VectorLabel> savedVectors;
    private List<ClassificationLabel> savedClasses;
    private long lastObjectRevision;

    public CatalogSaver(Catalog catalog, LabellingStart start) {
        this.catalog = catalog;
        this.start = start;
        this.vectorAnnotation = start.vectorAnnotationId();
        this.classificationAnnotation = start.classificationAnnotationId();
        this.savedVectors = vectors(start.savedObjects());
        this.savedClasses = classifications(start.savedObjects());
    }

    @Override
    public long saveMaskSlices(Map<Integer, SliceRuns> changedSlices, String stepName, Origin origin) {
        long id = catalog.annotations().appendMaskSlices(start.maskAnnotationId(), start.personId(), origin,
                start.geometry(), changedSlices, stepName).id();
        catalog.datasets().member(start.datasetId(), start.seriesUid())
                .filter(m -> m.status() == MemberStatus.TODO)
                .ifPresent(m -> catalog.datasets().setStatus(start.datasetId(), m.seriesUid(), MemberStatus.IN_PROGRESS));
        return id;
    }

    @Override
    public long saveObjects(List<ObjectLabel> labels, String stepName, Origin origin) {
        List<VectorLabel> vectors = vectors(labels);
        List<ClassificationLabel> classes = classifications(labels);
        long last = lastObjectRevision;
        if (!vectors.equals(savedVectors)) {
            if (vectorAnnotation == null) {
                vectorAnnotation = catalog.annotations().create(new NewAnnotation(start.seriesUid(), start.datasetId(),
                        AnnotationKind.VECTOR, null), start.personId()).id();
            }
            last = catalog.annotations().append(vectorAnnotation, start.personId(), origin, new VectorPayload(vectors, List.of()),
                    stepName).id();
            savedVectors = vectors;
        }
        if (!classes.equals(savedClasses)) {
            if (classificationAnnotation == null) {
                classificationAnnotation = catalog.annotations().create(new NewAnnotation(start.seriesUid(), start.datasetId(),
                        AnnotationKind.CLASSIFICATION, null), start.personId()).id();
            }
            // A classification is the reader's own call, whatever step it came with.
            last = catalog.annotations().append(classificationAnnotation, start.personId(), Origin.MANUAL,
                    new ClassificationPayload(classes), stepName).id();
            savedClasses = classes;
        }
        lastObjectRevision = last;
        return last;
    }

    private static List<VectorLabel> vectors(List<ObjectLabel> labels) {
        return labels.stream().filter(VectorLabel.class::isInstance).map(VectorLabel.class::cast).toList();
    }

    private static List<ClassificationLabel> classifications(List<ObjectLabel> labels) {
        return labels.stream().filter(ClassificationLabel.class::isInstance).map(ClassificationLabel.class::cast).toList();
    }
}
