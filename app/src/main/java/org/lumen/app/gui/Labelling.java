// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelSchema;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.LoadedAnnotation;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.ObjectLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.mask.SliceRuns;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.annotation.session.MaskSaver;
import org.lumen.annotation.ui.AnnotationPanel;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.Volume;

/**
 * The labelling workflow of the window: keeps the catalog open, records every study the user opens
 * (so offline cases browse without rescanning), and starts a labelling session on a series — its
 * last saved mask from the catalog, or a blank one — with every step saved as a revision by the
 * annotator. Catalog work runs on one lane of its own, never on the FX thread.
 */
final class Labelling implements AutoCloseable {

    /** The dataset labels go to when none is chosen; it and any dataset without classes get {@link LabelSchema#DEFAULT}. */
    static final String DEFAULT_DATASET = "Lumen default";

    private final Path catalogFile;
    private final FxTaskRunner tasks;
    private final ViewportContext viewports;
    private final AnnotationPanel panel;
    private final Consumer<String> report;
    private final ExecutorService lane = Executors.newSingleThreadExecutor(Pools.daemonThreads("catalog"));
    private Catalog catalog;
    private String catalogProblem;
    private AnnotationSession session;
    private Autosave autosave;
    private volatile Long datasetId;
    /** Counts stops: a session still being prepared when its study was closed is dropped, not begun. */
    private long generation;

    Labelling(Path catalogFile, FxTaskRunner tasks, ViewportContext viewports, AnnotationPanel panel, Consumer<String> report) {
        this.catalogFile = catalogFile;
        this.tasks = tasks;
        this.viewports = viewports;
        this.panel = panel;
        this.report = report;
    }

    /** Opens the catalog in the background; a problem (locked, read-only, newer schema) is reported once. */
    void open() {
        lane.execute(() -> {
            try {
                catalog = Catalog.open(catalogFile);
                org.lumen.app.startup.StartupProbe.mark("catalog-open");
            } catch (RuntimeException e) {
                catalogProblem = e.getMessage();
                Platform.runLater(() -> report.accept("The catalog cannot be used: " + e.getMessage()));
            }
        });
    }

    /** Remembers an opened study in the catalog (in the background; failures are only reported). */
    void record(DicomIndex index, String source) {
        lane.execute(() -> {
            if (catalog != null) {
                try {
                    catalog.studies().upsert(index, source);
                } catch (RuntimeException e) {
                    Platform.runLater(() -> report.accept("Could not record the study in the catalog: " + e.getMessage()));
                }
            }
        });
    }

    AnnotationSession session() { return session; }

    /** The dataset new sessions label for (its classes, its members); null for the default one. */
    void setDataset(Long id) {
        datasetId = id;
    }

    /** Catalog access for other workflows (AI runs); null while it is not open. */
    Catalog catalog() { return catalog; }

    ExecutorService lane() { return lane; }

    /** Starts labelling a series: loads its saved mask (or starts blank), then shows the tools. */
    void start(Volume volume) {
        start(volume, s -> { });
    }

    /** Starts (or keeps) labelling a series and then hands the session to {@code whenReady} on the FX thread. */
    void start(Volume volume, Consumer<AnnotationSession> whenReady) {
        if (session != null && session.volume() == volume) {
            whenReady.accept(session);
            return;
        }
        stop();
        long mine = generation;
        String seriesUid = volume.plan().seriesUid();
        BackgroundTask<Prepared> prepare = BackgroundTask.of("Opening the labels of the series", context -> prepare(volume, seriesUid));
        tasks.submit(prepare, p -> {
            if (mine != generation) {
                return;
            }
            begin(p);
            whenReady.accept(session);
        }, report);
    }

    /** Starts the session on series {@code seriesUid} again from the catalog, if one is open on it (after a review move). */
    void reload(String seriesUid) {
        if (session != null && session.seriesUid().equals(seriesUid)) {
            Volume volume = session.volume();
            stop();
            start(volume);
        }
    }

    /** Ends the session on screen (its steps are all saved already). */
    void stop() {
        generation++;
        if (session == null) {
            return;
        }
        autosave.stop();
        viewports.planeToolProperty().set(null);
        viewports.overlays().remove(session.seriesUid(), session.layer().name());
        panel.setSession(null, null);
        session = null;
        autosave = null;
    }

    /** What the catalog gives a new session: who labels, the classes, the mask annotation and its head. */
    private record Prepared(Volume volume, long personId, long maskAnnotationId, LabelMask saved, List<AnnotationClass> classes,
                            List<String> classifications, long datasetId, SavedObjects objects, String lockedReason) { }

    /** Why the annotator's labels of the case cannot change now (one of them is submitted or approved), or null. */
    private static String lockedReason(List<LoadedAnnotation> annotatorsOwn) {
        return annotatorsOwn.stream().map(a -> a.annotation().reviewState()).filter(s -> !s.editable()).findFirst()
                .map(s -> s == ReviewState.SUBMITTED
                        ? "Your labels of this case are submitted for review: they can be edited again when a reviewer returns them (Review tab)."
                        : "Your labels of this case are approved: a reviewer can reopen them for editing (Review tab).")
                .orElse(null);
    }

    /** The annotator's saved boxes, points, lines and classifications, and the annotations that hold them (null: none yet). */
    private record SavedObjects(List<ObjectLabel> labels, Long vectorAnnotationId, Long classificationAnnotationId) { }

    private Prepared prepare(Volume volume, String seriesUid) throws Exception {
        Catalog c = onLane(() -> {
            if (catalog == null) {
                throw new IllegalStateException(catalogProblem != null ? "the catalog cannot be used: " + catalogProblem : "the catalog is not open yet");
            }
            return catalog;
        });
        return onLane(() -> {
            long person = c.people().ensure(System.getProperty("user.name", "annotator"), true, false).id();
            var dataset = (datasetId == null ? java.util.Optional.<org.lumen.annotation.catalog.DatasetRecord>empty()
                    : c.datasets().byId(datasetId)).or(() -> c.datasets().byName(DEFAULT_DATASET))
                    .orElseGet(() -> c.datasets().create(DEFAULT_DATASET, "Labels made in the workstation without a chosen dataset",
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
                var g = volume.geometry();
                MaskPayload empty = new MaskPayload(new LabelMask(g.columns(), g.rows(), g.slices()), g);
                annotationId = mine != null ? c.annotations().append(mine.annotation().id(), person, Origin.MANUAL, empty, "new mask").annotationId()
                        : c.annotations().create(new NewAnnotation(seriesUid, dataset.id(), AnnotationKind.MASK, null), person,
                                Origin.MANUAL, empty, "new mask").info().annotationId();
            } else {
                annotationId = mine.annotation().id();
                if (mine.head() != null && mine.head().payload() instanceof MaskPayload mask) {
                    saved = mask.mask();
                }
            }
            return new Prepared(volume, person, annotationId, saved, classes,
                    classifications.isEmpty() ? LabelSchema.DEFAULT.classifications() : classifications, dataset.id(),
                    savedObjects(annotatorsOwn), lockedReason(annotatorsOwn));
        });
    }

    /** The heads of the annotator's vector and classification annotations of the case. */
    private static SavedObjects savedObjects(List<LoadedAnnotation> annotatorsOwn) {
        List<ObjectLabel> labels = new ArrayList<>();
        Long vector = null;
        Long classification = null;
        for (LoadedAnnotation a : annotatorsOwn) {
            if (a.annotation().kind() == AnnotationKind.VECTOR && vector == null) {
                vector = a.annotation().id();
                if (a.head() != null && a.head().payload() instanceof VectorPayload v) {
                    labels.addAll(v.labels());
                }
            } else if (a.annotation().kind() == AnnotationKind.CLASSIFICATION && classification == null) {
                classification = a.annotation().id();
                if (a.head() != null && a.head().payload() instanceof ClassificationPayload cp) {
                    labels.addAll(cp.labels());
                }
            }
        }
        return new SavedObjects(labels, vector, classification);
    }

    private void begin(Prepared p) {
        var g = p.volume().geometry();
        LabelMask mask = p.saved() != null && p.saved().columns() == g.columns() && p.saved().rows() == g.rows()
                && p.saved().slices() == g.slices() ? p.saved() : new LabelMask(g.columns(), g.rows(), g.slices());
        session = new AnnotationSession(p.volume(), mask, p.classes());
        session.setClassificationNames(p.classifications());
        session.objects().load(p.objects().labels());
        session.setLockedReason(p.lockedReason());
        autosave = new Autosave(session, new CatalogSaver(p), lane, Platform::runLater);
        viewports.overlays().put(session.seriesUid(), session.layer());
        panel.setSession(session, autosave);
        report.accept(p.saved() == null ? "Labelling a new mask; every step is saved to the catalog."
                : "Labelling: the last saved mask is loaded; every step is saved to the catalog.");
    }

    /** Saves steps as revisions of the annotator's mask annotation (and a vector / classification one, made when first needed). */
    private final class CatalogSaver implements MaskSaver {
        private final Prepared p;
        private Long vectorAnnotation;
        private Long classificationAnnotation;
        /** What each annotation's head holds: a step that changes only one kind adds no revision to the other. */
        private List<VectorLabel> savedVectors;
        private List<ClassificationLabel> savedClasses;
        private long lastObjectRevision;

        CatalogSaver(Prepared p) {
            this.p = p;
            this.vectorAnnotation = p.objects().vectorAnnotationId();
            this.classificationAnnotation = p.objects().classificationAnnotationId();
            this.savedVectors = vectors(p.objects().labels());
            this.savedClasses = classifications(p.objects().labels());
        }

        private static List<VectorLabel> vectors(List<ObjectLabel> labels) {
            return labels.stream().filter(VectorLabel.class::isInstance).map(VectorLabel.class::cast).toList();
        }

        private static List<ClassificationLabel> classifications(List<ObjectLabel> labels) {
            return labels.stream().filter(ClassificationLabel.class::isInstance).map(ClassificationLabel.class::cast).toList();
        }

        @Override
        public long saveMaskSlices(Map<Integer, SliceRuns> changedSlices, String stepName, String origin) {
            long id = catalog.annotations().appendMaskSlices(p.maskAnnotationId(), p.personId(), origin(origin),
                    p.volume().geometry(), changedSlices, stepName).id();
            catalog.datasets().member(p.datasetId(), p.volume().plan().seriesUid())
                    .filter(m -> m.status() == MemberStatus.TODO)
                    .ifPresent(m -> catalog.datasets().setStatus(p.datasetId(), m.seriesUid(), MemberStatus.IN_PROGRESS));
            return id;
        }

        /** "ai-finding:RUN:FINDING" → that finding of that run; "ai-heatmap:RUN:T" → from that run's heatmap; else manual. */
        private Origin origin(String tag) {
            if (tag != null && tag.startsWith("ai-finding:")) {
                String[] parts = tag.split(":");
                return new Origin.FromAiFinding(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
            if (tag != null && tag.startsWith("ai-heatmap:")) {
                String[] parts = tag.split(":");
                return new Origin.Imported("AI run " + parts[1] + ", heatmap at or above " + parts[2]);
            }
            return Origin.MANUAL;
        }

        @Override
        public long saveObjects(List<ObjectLabel> labels, String stepName, String origin) {
            String series = p.volume().plan().seriesUid();
            List<VectorLabel> vectors = vectors(labels);
            List<ClassificationLabel> classes = classifications(labels);
            long last = lastObjectRevision;
            if (!vectors.equals(savedVectors)) {
                if (vectorAnnotation == null) {
                    vectorAnnotation = catalog.annotations().create(new NewAnnotation(series, p.datasetId(), AnnotationKind.VECTOR, null),
                            p.personId()).id();
                }
                last = catalog.annotations().append(vectorAnnotation, p.personId(), origin(origin), new VectorPayload(vectors, List.of()),
                        stepName).id();
                savedVectors = vectors;
            }
            if (!classes.equals(savedClasses)) {
                if (classificationAnnotation == null) {
                    classificationAnnotation = catalog.annotations().create(new NewAnnotation(series, p.datasetId(),
                            AnnotationKind.CLASSIFICATION, null), p.personId()).id();
                }
                last = catalog.annotations().append(classificationAnnotation, p.personId(), Origin.MANUAL,
                        new ClassificationPayload(classes), stepName).id();
                savedClasses = classes;
            }
            lastObjectRevision = last;
            return last;
        }
    }

    private <T> T onLane(java.util.concurrent.Callable<T> work) throws Exception {
        try {
            return lane.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public void close() {
        stop();
        lane.execute(() -> {
            if (catalog != null) {
                catalog.close();
            }
        });
        lane.shutdown();
    }
}
