// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.model.OutsideIntendedUseException;
import org.lumen.annotation.catalog.Annotation;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.AnnotationRevision;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetMember;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * Runs a detection model over every labelled case of a dataset and pairs its findings with the case's ground
 * truth. The model's results are cached per series and model by the inference engine, so a second validation of
 * the same model on the same data does not run it again. A case that cannot be used (no ground truth, missing
 * files, outside the model's intended use) is left out with the reason; cancel stops between and within cases.
 */
public final class DetectionValidation {

    /** Runs the model on one loaded series (the command gives the engine, the package and the request). */
    @FunctionalInterface
    public interface Model {
        InferenceResult run(Volume volume, TaskContext context) throws Exception;
    }

    /** The cases that were scored, and those left out with why. */
    public record Cases(List<ValidationCase> scored, List<String> leftOut) { }

    private final Catalog catalog;
    private final Indexer indexer;
    private final SeriesLoader loader;
    private final Model model;

    public DetectionValidation(Catalog catalog, Indexer indexer, SeriesLoader loader, Model model) {
        this.catalog = catalog;
        this.indexer = indexer;
        this.loader = loader;
        this.model = model;
    }

    Cases run(DatasetRecord dataset, TaskContext context) throws Exception {
        List<DatasetMember> members = catalog.datasets().members(dataset.id());
        List<ValidationCase> scored = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int n = 0; n < members.size(); n++) {
            context.checkCancelled();
            context.progress(n, members.size());
            String series = members.get(n).seriesUid();
            String name = "case " + (n + 1);
            context.message("Validating " + name + " of " + members.size());
            Optional<AnnotationRevision> truth = groundTruth(dataset.id(), series);
            Set<String> classes = seriesClasses(dataset.id(), series);
            if (truth.isEmpty() && classes == null) {
                leftOut.add(name + " (series " + series + "): no mask, box, point or series classification in the dataset");
                continue;
            }
            try {
                scored.add(score(series, name, truth.orElse(null), classes, context));
            } catch (OutsideIntendedUseException e) {
                leftOut.add(name + " (series " + series + "): outside the model's intended use: " + e.assessment().reasonsSentence());
            } catch (java.io.IOException | IllegalArgumentException e) {
                leftOut.add(name + " (series " + series + "): " + e.getMessage());
            }
        }
        context.progress(members.size(), members.size());
        return new Cases(scored, leftOut);
    }

    /**
     * @param truth   the lesion truth (mask, boxes, points), or null when the case is only classified
     * @param classes the series-level classes the dataset gives the case, or null when it classifies none
     */
    private ValidationCase score(String series, String name, AnnotationRevision truth, Set<String> classes, TaskContext context)
            throws Exception {
        List<Path> files = catalog.studies().instances(series).stream().map(InstanceRecord::file).toList();
        if (files.isEmpty() || files.stream().anyMatch(f -> f == null || !Files.isRegularFile(f))) {
            throw new java.io.IOException("its files are not where the catalog says; open its study again to re-index it");
        }
        DicomIndex index = indexer.index(new FileSource(files), TaskContext.none());
        Series found = index.seriesByUid(series).orElseThrow(() -> new java.io.IOException("its files no longer hold the series"));
        StackPlan plan = new StackPlanner().plan(found);
        if (plan.frames().isEmpty()) {
            throw new java.io.IOException("the series has no images (" + String.join("; ", plan.notes()) + ")");
        }
        InferenceResult result;
        SegmentationCase segmentation = null;
        try (Volume volume = loader.open(plan)) {
            loader.loadTask(volume, volume.sliceCount() / 2).run(cancelOnly(context));
            if (!volume.failures().isEmpty()) {
                throw new java.io.IOException(volume.failures().size() + " slice(s) could not be read");
            }
            result = model.run(volume, cancelOnly(context));
            if (truth != null && truth.payload() instanceof MaskPayload mask) {
                segmentation = SegmentationCase.of(mask, result, volume.geometry());
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Finding f : result.findings()) {
            candidates.add(new Candidate(f.centerMm(), f.score()));
        }
        return new ValidationCase(series, name, truth == null ? List.of() : GroundTruthLesions.of(truth.payload()), candidates,
                CaseFacts.of(plan.frames().getFirst().instance().file()), result.fromCache(), null, segmentation,
                classes == null ? null : ClassificationCase.of(result, classes));
    }

    /** The dataset's label of this series: the latest mask if there is one (the most exact truth), else boxes and points. */
    private Optional<AnnotationRevision> groundTruth(long datasetId, String series) {
        List<Annotation> labels = catalog.annotations().annotations(series).stream()
                .filter(a -> a.datasetId() != null && a.datasetId() == datasetId && a.headRevisionId() != null)
                .filter(a -> a.kind() == AnnotationKind.MASK || a.kind() == AnnotationKind.VECTOR)
                .sorted(Comparator.comparing((Annotation a) -> a.kind() == AnnotationKind.MASK ? 0 : 1)
                        .thenComparing(Comparator.comparingLong(Annotation::headRevisionId).reversed()))
                .toList();
        return labels.isEmpty() ? Optional.empty() : catalog.annotations().head(labels.getFirst().id());
    }

    /**
     * The classes the dataset's latest classification of the series gives the whole series (not single images), or null
     * when the dataset classifies nothing there; an empty set is a case classified as none of the classes (a negative).
     */
    private Set<String> seriesClasses(long datasetId, String series) {
        Optional<Annotation> latest = catalog.annotations().annotations(series).stream()
                .filter(a -> a.datasetId() != null && a.datasetId() == datasetId && a.headRevisionId() != null)
                .filter(a -> a.kind() == AnnotationKind.CLASSIFICATION)
                .max(Comparator.comparingLong(Annotation::headRevisionId));
        if (latest.isEmpty()) {
            return null;
        }
        Optional<AnnotationRevision> head = catalog.annotations().head(latest.get().id());
        if (head.isEmpty() || !(head.get().payload() instanceof ClassificationPayload payload)) {
            return null;
        }
        Set<String> classes = new java.util.TreeSet<>();
        payload.labels().stream().filter(l -> l.sopInstanceUid() == null).forEach(l -> classes.add(l.labelClass()));
        return classes;
    }

    /** Cancel reaches the loading and the model; their progress does not replace the cases'. */
    private static TaskContext cancelOnly(TaskContext task) {
        return new TaskContext() {
            @Override public void progress(long done, long total) { }

            @Override public void message(String message) { }

            @Override public boolean isCancelled() { return task.isCancelled(); }
        };
    }
}
