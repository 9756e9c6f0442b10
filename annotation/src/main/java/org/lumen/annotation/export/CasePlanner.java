// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lumen.annotation.catalog.Annotation;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetMember;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.SeriesRecord;
import org.lumen.annotation.catalog.StudyRecord;
import org.lumen.annotation.deid.Identities;
import org.lumen.annotation.deid.Pseudonym;

/**
 * Decides what an export holds before anything is written: the dataset's mask classes, each case with
 * its latest mask revision and its name (the patient's pseudonym and the case's number within that
 * patient), the per-patient split, and the members left out with why.
 */
public final class CasePlanner {

    /** What will be exported. */
    public record Plan(DatasetRecord dataset, ExportClasses classes, List<CasePlan> cases, List<LeftOut> leftOut) { }

    private CasePlanner() { }

    /**
     * @throws IllegalArgumentException with the sentence for the user: no such dataset, no mask classes, no labelled case
     */
    public static Plan plan(Catalog catalog, String datasetName, Identities identities, SplitFractions fractions, long seed) {
        return plan(catalog, datasetName, identities, fractions, seed, AnnotationKind.MASK);
    }

    /**
     * @param kind MASK: cases are series with a label mask, and the dataset needs mask classes; VECTOR: series with
     *             saved shapes (boxes, points), for COCO
     */
    public static Plan plan(Catalog catalog, String datasetName, Identities identities, SplitFractions fractions, long seed,
                            AnnotationKind kind) {
        DatasetRecord dataset = catalog.datasets().byName(datasetName).orElseThrow(() -> new IllegalArgumentException(
                "there is no dataset called " + datasetName + " in the catalog " + catalog.file()
                        + existing(catalog)));
        ExportClasses classes = new ExportClasses(catalog.labelClasses().of(dataset.id()).stream()
                .filter(c -> c.type() == LabelType.MASK && c.maskValue() != null).toList());
        if (kind == AnnotationKind.MASK && classes.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no mask label classes, so no label volume can be"
                    + " exported; define its classes in the dataset panel first");
        }
        List<CasePlan> cases = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        Map<String, Integer> perPatient = new LinkedHashMap<>();
        for (DatasetMember member : catalog.datasets().members(dataset.id())) {
            if (member.status() == MemberStatus.SKIPPED) {
                leftOut.add(new LeftOut(member.seriesUid(), member.position(), "marked skipped in the dataset"));
                continue;
            }
            Optional<Annotation> mask = latest(catalog, member.seriesUid(), dataset.id(), kind);
            if (mask.isEmpty()) {
                leftOut.add(new LeftOut(member.seriesUid(), member.position(), kind == AnnotationKind.MASK ? "has no saved label mask"
                        : "has no saved shapes"));
                continue;
            }
            Pseudonym pseudonym = patientOf(catalog, member.seriesUid(), identities);
            int number = perPatient.merge(pseudonym.patientId(), 1, Integer::sum);
            cases.add(new CasePlan(member.seriesUid(), member.position(), pseudonym.patientId() + "-" + number, pseudonym.patientId(), mask.get().id(),
                    mask.get().headRevisionId(), Split.TRAIN));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no labelled cases to export (" + leftOut.size()
                    + " case(s), none with " + (kind == AnnotationKind.MASK ? "a saved label mask)" : "saved shapes)"));
        }
        Map<String, Split> splits = PatientSplit.assign(perPatient, fractions, seed);
        List<CasePlan> placed = cases.stream().map(c -> c.in(splits.get(c.patient()))).toList();
        return new Plan(dataset, classes, placed, leftOut);
    }

    /** The annotation of this kind and dataset (or of none) on the series saved last. */
    private static Optional<Annotation> latest(Catalog catalog, String seriesUid, long datasetId, AnnotationKind kind) {
        return catalog.annotations().annotations(seriesUid).stream()
                .filter(a -> a.kind() == kind && a.headRevisionId() != null)
                .filter(a -> a.datasetId() == null || a.datasetId() == datasetId)
                .max(java.util.Comparator.comparingLong(Annotation::headRevisionId));
    }

    private static Pseudonym patientOf(Catalog catalog, String seriesUid, Identities identities) {
        SeriesRecord series = catalog.studies().seriesByUid(seriesUid).orElseThrow(() -> new IllegalArgumentException(
                "a case of the dataset, series " + seriesUid + ", is not in the catalog's index any more; open its study again"));
        StudyRecord study = catalog.studies().study(series.studyUid()).orElseThrow(() -> new IllegalArgumentException(
                "the study of series " + seriesUid + " is not in the catalog's index any more; open it again"));
        return identities.patient(study.patientId(), study.patientName());
    }

    private static String existing(Catalog catalog) {
        List<String> names = catalog.datasets().all().stream().map(DatasetRecord::name).toList();
        return names.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", names) + ")";
    }
}
