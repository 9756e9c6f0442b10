// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.labelling;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.annotation.session.CatalogSaver;
import org.lumen.annotation.session.LabellingStart;
import org.lumen.annotation.ui.AnnotationPanel;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ui.FxLane;
import org.lumen.task.ui.FxThread;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.Volume;

/**
 * The labelling workflow of the window: keeps the catalog open, records every study the user opens
 * (so offline cases browse without rescanning), and starts a labelling session on a series — its
 * last saved mask from the catalog, or a blank one — with every step saved as a revision by the
 * annotator. Catalog work runs on the catalog lane ({@code Pools.catalog()}: one writer, in order), never
 * on the FX thread.
 */
public final class Labelling implements AutoCloseable {

    /** The dataset labels go to when none is chosen; it and any dataset without classes get {@link org.lumen.annotation.catalog.LabelSchema#DEFAULT}. */
    public static final String DEFAULT_DATASET = "Lumen default";

    /** Opens (or hands out) the process's catalog; called on the catalog lane only. */
    private final Supplier<Catalog> catalogs;
    private final FxTaskRunner tasks;
    private final ViewportContext viewports;
    private final AnnotationPanel panel;
    private final Consumer<String> report;
    private final ExecutorService lane;
    private final FxLane catalogTasks;
    /** Set on the lane, read anywhere: null until the catalog is open. */
    private volatile Catalog catalog;
    private volatile String catalogProblem;
    private AnnotationSession session;
    private Autosave autosave;
    private volatile Long datasetId;
    /** Counts stops: a session still being prepared when its study was closed is dropped, not begun. */
    private long generation;

    public Labelling(Supplier<Catalog> catalogs, ExecutorService catalogLane, FxTaskRunner tasks, ViewportContext viewports, AnnotationPanel panel,
              Consumer<String> report) {
        this.catalogs = catalogs;
        this.lane = catalogLane;
        this.catalogTasks = new FxLane(catalogLane);
        this.tasks = tasks;
        this.viewports = viewports;
        this.panel = panel;
        this.report = report;
    }

    /** Opens the catalog in the background; a problem (locked, read-only, newer schema) is reported once. */
    public void open() {
        catalogTasks.submit(BackgroundTask.of("Opening the catalog", c -> {
            try {
                catalog = catalogs.get();
                org.lumen.app.startup.StartupProbe.mark("catalog-open");
                return catalog;
            } catch (RuntimeException e) {
                catalogProblem = e.getMessage();
                throw e;
            }
        }), opened -> { }, e -> report.accept("The catalog cannot be used: " + e.getMessage()));
    }

    /** Remembers an opened study in the catalog (in the background; failures are only reported). */
    public void record(DicomIndex index, String source) {
        catalogTasks.submit(BackgroundTask.of("Recording the study in the catalog", c -> {
            if (catalog != null) {
                catalog.studies().upsert(index, source);
            }
            return null;
        }), done -> { }, e -> report.accept("Could not record the study in the catalog: " + e.getMessage()));
    }

    public AnnotationSession session() { return session; }

    /** The dataset new sessions label for (its classes, its members); null for the default one. */
    public void setDataset(Long id) {
        datasetId = id;
    }

    /** Catalog access for other workflows (AI runs); null while it is not open. */
    public Catalog catalog() { return catalog; }

    public ExecutorService lane() { return lane; }

    /** The catalog lane for short work whose outcome comes back on the FX thread (AI runs, decisions, reviewed labels). */
    public FxLane catalogTasks() { return catalogTasks; }

    /** Starts labelling a series: loads its saved mask (or starts blank), then shows the tools. */
    public void start(Volume volume) {
        start(volume, s -> { });
    }

    /** Starts (or keeps) labelling a series and then hands the session to {@code whenReady} on the FX thread. */
    public void start(Volume volume, Consumer<AnnotationSession> whenReady) {
        if (session != null && session.volume() == volume) {
            whenReady.accept(session);
            return;
        }
        stop();
        long mine = generation;
        String seriesUid = volume.plan().seriesUid();
        BackgroundTask<Prepared> prepare = BackgroundTask.of("Opening the labels of the series", context -> prepare(volume, seriesUid));
        // On the catalog lane itself: the preparation is catalog work, and no I/O thread waits for the lane.
        tasks.submit(lane, prepare, p -> {
            if (mine != generation) {
                return;
            }
            begin(p);
            whenReady.accept(session);
        }, report);
    }

    /** Starts the session on series {@code seriesUid} again from the catalog, if one is open on it (after a review move). */
    public void reload(String seriesUid) {
        if (session != null && session.seriesUid().equals(seriesUid)) {
            Volume volume = session.volume();
            stop();
            start(volume);
        }
    }

    /** Ends the session on screen (its steps are all saved already). */
    public void stop() {
        generation++;
        if (session == null) {
            return;
        }
        autosave.stop();
        viewports.putDownPlaneTool();
        viewports.overlays().remove(session.seriesUid(), session.layer().name());
        panel.setSession(null, null);
        session = null;
        autosave = null;
    }

    /** The series' volume and what the catalog gives its new session. */
    private record Prepared(Volume volume, LabellingStart start) { }

    /** On the catalog lane. */
    private Prepared prepare(Volume volume, String seriesUid) {
        Catalog c = catalog;
        if (c == null) {
            throw new IllegalStateException(catalogProblem != null ? "the catalog cannot be used: " + catalogProblem : "the catalog is not open yet");
        }
        return new Prepared(volume, LabellingStart.prepare(c, System.getProperty("user.name", "annotator"), datasetId,
                DEFAULT_DATASET, seriesUid, volume.geometry()));
    }

    private void begin(Prepared p) {
        var g = p.volume().geometry();
        LabellingStart start = p.start();
        LabelMask mask = start.saved() != null && start.saved().columns() == g.columns() && start.saved().rows() == g.rows()
                && start.saved().slices() == g.slices() ? start.saved() : new LabelMask(g.columns(), g.rows(), g.slices());
        session = new AnnotationSession(p.volume(), mask, start.classes());
        session.setClassificationNames(start.classifications());
        session.objects().load(start.savedObjects());
        session.setLockedReason(start.lockedReason());
        autosave = new Autosave(session, new CatalogSaver(catalog, start), lane, FxThread.executor());
        viewports.overlays().put(session.seriesUid(), session.layer());
        panel.setSession(session, autosave);
        report.accept(start.saved() == null ? "Labelling a new mask; every step is saved to the catalog."
                : "Labelling: the last saved mask is loaded; every step is saved to the catalog.");
    }

    /** Ends the session on screen; the catalog is the process's, closed with its services (ADR 0022). */
    @Override
    public void close() {
        stop();
    }
}
