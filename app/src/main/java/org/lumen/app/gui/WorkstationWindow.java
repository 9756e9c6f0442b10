// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.ai.AiAssist;
import org.lumen.app.workflow.export.ExportDialog;
import org.lumen.app.workflow.labelling.Labelling;
import org.lumen.app.workflow.pacs.NetworkSettingsDialog;
import org.lumen.app.workflow.pacs.OfflineCacheWindow;
import org.lumen.app.workflow.pacs.QueryRetrieveWindow;
import org.lumen.app.workflow.pacs.ReceiverService;
import org.lumen.app.workflow.pacs.SendDialog;
import org.lumen.app.workflow.trust.AuditWindow;
import org.lumen.app.workflow.trust.PracticeWindow;
import org.lumen.app.workflow.trust.ValidationWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.lumen.aiassist.ui.FindingsPanel;
import org.lumen.annotation.ui.AnnotationPanel;
import org.lumen.annotation.ui.DatasetPanel;
import org.lumen.app.study.DemoStudy;
import org.lumen.app.pacs.ArrivalIndexer;
import org.lumen.app.services.LumenServices;
import org.lumen.app.settings.RecentStudies;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.study.StudyContext;
import org.lumen.app.study.StudyOpener;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.source.DicomSources;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.SeriesBrowser;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.ui.ViewportGrid;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.ArrivingStudy;
import org.lumen.viewer.volume.PixelCache;

/**
 * The workstation window: study/series browser on the left, the viewport grid in the centre, the
 * side panel (tags, measurements, problems) on the right, menus above and the status bar below.
 * Opening, indexing, thumbnails and loading run as background tasks; the first slice of a series
 * shows as soon as it is decoded while the rest loads.
 *
 * <p>Everything on screen belongs to a study ({@link StudyContext}): opening another study clears the
 * views, overlays, tags, measurements, AI result, labels and review at once (the views say what is
 * loading), Close study (Ctrl+W) takes one study off screen, and each view's header names its patient,
 * so two patients side by side are never confused. Measurements are kept in the catalog per study and
 * series and come back when the series is opened again.
 */
final class WorkstationWindow {

    private final LumenServices services;
    private final Pools pools;
    private final UserDataFolder data;
    private final FxTaskRunner tasks;
    /** Others' (and Lumen's) DICOM SEGs and RT structure sets shown over the series they were drawn on. */
    private final ObjectOverlays segmentations;
    private final RecentStudies recent;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final SeriesBrowser browser;
    private final ViewportContext context;
    private final ViewportGrid grid;
    private final SidePanel side = new SidePanel();
    private final StatusBar status;
    private final SeriesVolumes volumes;
    private final WorkstationMenus menus;
    private final PauseTransition tagDelay = new PauseTransition(Duration.millis(150));
    private final AnnotationPanel annotationPanel;
    private final Labelling labelling;
    private final javafx.scene.control.Tab labelsTab;
    private final DatasetPanel datasetPanel;
    private final FindingsPanel findingsPanel;
    private final javafx.scene.control.Tab aiTab;
    private final AiAssist ai;
    private final ReviewTab review;
    private String labelWhenOpened;
    /** A validation case to run the model on once it is on screen and labelled (null: none). */
    private String aiWhenOpened;
    private final java.util.Set<ViewportState> watched = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private DicomIndex index;
    private final StudyContext studies = new StudyContext();
    private final MeasurementKeeper keeper;
    private final javafx.scene.control.Label aiCaption = new javafx.scene.control.Label();
    /** Which series each slot is waiting for: a series that arrives after its slot was given another (or closed) is not shown. */
    private final java.util.Map<Integer, String> slotRequests = new java.util.HashMap<>();
    /** Slots that show why their series could not be opened instead of an image. */
    private final java.util.Map<Integer, String> slotFailures = new java.util.TreeMap<>();
    /** Counts opens: an index that arrives after another open started (or after Close study) is not shown. */
    private long opening;
    /** Puts what retrieves and the receiver bring into the catalog. */
    private final ArrivalIndexer arrivals;
    private final ReceiverService receiver;
    private final AfterFirstScreen firstScreen = new AfterFirstScreen();

    WorkstationWindow(LumenServices services) {
        this.services = services;
        this.pools = services.pools();
        this.data = dataFolderOf(services);
        PixelCache cache = services.pixelCache();
        this.tasks = new FxTaskRunner(pools.io());
        this.recent = RecentStudies.load(data);
        this.status = new StatusBar(tasks, cache);
        this.browser = new SeriesBrowser(tasks, pools);
        this.context = new ViewportContext(pools.decodeFromUi());
        this.grid = new ViewportGrid(context);
        this.volumes = new SeriesVolumes(pools, cache, tasks);
        this.annotationPanel = new AnnotationPanel(context);
        this.labelling = new Labelling(services::catalog, pools.catalog(), tasks, context, annotationPanel, this::fail);
        this.datasetPanel = new DatasetPanel(labelling::catalog, labelling.lane(), this::fail);
        datasetPanel.setOpenSeries(() -> grid.activeViewport().map(v -> v.state().volume().plan().seriesUid()).orElse(null));
        datasetPanel.setOnOpenCase(this::openCase);
        datasetPanel.setOnChosen(d -> labelling.setDataset(d.id()));
        datasetPanel.setOnExport(d -> ExportDialog.ask(stage, d, data.root().resolve("exports")).ifPresent(this::exportDataset));
        javafx.scene.control.ScrollPane labelsPane = new javafx.scene.control.ScrollPane(
                new javafx.scene.layout.VBox(datasetPanel, new javafx.scene.control.Separator(), annotationPanel));
        labelsPane.setFitToWidth(true);
        this.labelsTab = side.addTab("Labels", labelsPane);
        labelsTab.setOnSelectionChanged(e -> {
            if (labelsTab.isSelected()) {
                datasetPanel.reload();
            }
        });
        this.findingsPanel = new FindingsPanel();
        aiCaption.getStyleClass().add("study-caption");
        aiCaption.setWrapText(true);
        aiCaption.setPadding(new javafx.geometry.Insets(8, 8, 0, 8));
        javafx.scene.control.ScrollPane aiPane = new javafx.scene.control.ScrollPane(new javafx.scene.layout.VBox(aiCaption, findingsPanel));
        aiPane.setFitToWidth(true);
        this.aiTab = side.addTab("AI", aiPane);
        this.ai = new AiAssist(services, tasks, context, findingsPanel, labelling, this::fail);
        ai.setOnResultChanged(this::refreshStudyWidgets);
        this.keeper = new MeasurementKeeper(context.measurements(), labelling::catalog, labelling.lane(), tasks,
                uid -> studies.studyOf(uid).map(StudyContext.StudyRef::studyUid).orElse(null), this::fail);
        this.review = new ReviewTab(side, context, labelling, () -> datasetPanel.chosen() == null ? null : datasetPanel.chosen().id(),
                this::fail);
        this.arrivals = new ArrivalIndexer(opener(), data.pacsCache(), services::catalog);
        this.segmentations = new ObjectOverlays(tasks, context, this::isOnScreen, this::fail,
                layer -> findingsPanel.styleHeatmap(layer));
        this.receiver = new ReceiverService(services, pools.servers(), tasks, arrivals, status::showMessage);
        this.menus = new WorkstationMenus(this, recent);

        browser.setPrefWidth(250);
        browser.setOnOpen(series -> openSeries(series, grid.activeSlot()));
        grid.setOnSeriesDropped((slot, uid) -> findSeries(uid).ifPresent(s -> openSeries(s, slot)));
        side.measurements().bind(context);
        side.measurements().setSeriesNames(studies::seriesName);
        side.measurements().setShown(m -> activeStudy().map(s -> studies.inStudy(m.seriesInstanceUid(), s.studyUid())).orElse(false));
        SplitPane split = new SplitPane(browser, grid, side);
        // The side panel starts at 29 % (418 px of the default 1440): the AI tab's findings table for a full-size mammogram
        // (view, centre [column, row] in four digits, box size, decision) fits without cutting anything off.
        split.setDividerPositions(0.17, 0.71);
        SplitPane.setResizableWithParent(browser, false);
        SplitPane.setResizableWithParent(side, false);
        root.setTop(menus.bar());
        root.setCenter(split);
        root.setBottom(status);
        status.setOnProblemsClicked(side::showProblems);

        context.activeProperty().addListener((o, old, viewport) -> {
            watchActive(old, viewport);
            refreshStudyWidgets();
        });
        context.readingProperty().addListener((o, old, reading) -> status.showReading(reading == null ? "" : reading.describe()));
        tagDelay.setOnFinished(e -> showTagsOfActive());
        context.toolProperty().addListener((o, old, tool) -> showMode());
        context.cine().playingProperty().addListener((o, old, playing) -> showMode());
        context.cine().fpsProperty().addListener((o, old, fps) -> showMode());
        showMode();
        refreshStudyWidgets();

        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets().add(getClass().getResource("workstation.css").toExternalForm());
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (WindowKey.CANCEL_TASKS.matches(e) && !tasks.running().isEmpty()) {
                tasks.running().forEach(FxTaskRunner.RunningTask::cancel);
            } else if (annotationPanel.handleKey(e)) {
                e.consume();
            }
        });
        labelling.open();
        // Listing the AI models reads and checks their packages: not before the study on screen needs the cores.
        firstScreen.add(ai::loadModels);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> labelling.close());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
            receiver.close();
            // A closed window gives its pixels back at once, and nothing keeps ticking on it.
            status.stop();
            volumes.closeAll();
        });
        acceptDroppedFiles(scene);
        stage.setScene(scene);
        stage.setTitle("Lumen");
    }

    Stage stage() { return stage; }

    Scene scene() { return stage.getScene(); }

    ViewportGrid grid() { return grid; }

    ViewportContext viewports() { return context; }

    SidePanel side() { return side; }

    StatusBar status() { return status; }

    FxTaskRunner tasks() { return tasks; }

    private QueryRetrieveWindow queryRetrieve;

    /** File ▸ Query/Retrieve: search an archive and retrieve a study into the offline cache; it opens here when it arrives. */
    QueryRetrieveWindow openQueryRetrieve() {
        if (queryRetrieve == null) {
            // A node saved or removed changes who may send: a running receiver starts again with the saved nodes.
            queryRetrieve = new QueryRetrieveWindow(stage, data, services, tasks, arrivals, this::open, this::openArriving,
                    () -> receiver.restartIfRunning());
        }
        queryRetrieve.show();
        return queryRetrieve;
    }

    private OfflineCacheWindow offlineCache;

    /** File ▸ Offline cache: the cached studies with size, pin and last opening; open, pin, remove, the limit. */
    OfflineCacheWindow openOfflineCache() {
        if (offlineCache == null) {
            offlineCache = new OfflineCacheWindow(stage, data, services, tasks, folder -> open(List.of(folder)),
                    () -> index == null ? java.util.Set.of() : index.studies().stream().map(s -> s.uid())
                            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }
        offlineCache.show();
        return offlineCache;
    }

    /** A study opened from the offline cache is stamped as opened there (eviction goes by it), on the catalog's lane. */
    private void stampIfCached(Path path) {
        // A failure is only logged (with its stack, by the task runner): the stamp orders eviction, nothing on screen.
        new org.lumen.app.cache.OfflineCache(data).studyOf(path).ifPresent(uid -> labelling.catalogTasks().submit(
                BackgroundTask.of("Stamping cached study " + uid + " as opened", c -> {
                    if (labelling.catalog() != null) {
                        labelling.catalog().cache().opened(uid);
                    }
                    return null;
                }), done -> { }, e -> { }));
    }

    /**
     * File ▸ Send to… (Ctrl+Shift+S): the files of the active view's series, unchanged, to a saved node;
     * null (with a sentence in the status bar) when no series is on screen.
     */
    SendDialog sendActiveSeries() {
        Optional<SliceViewport> active = grid.activeViewport();
        if (active.isEmpty()) {
            fail("Open a series first: Send to… sends the series of the active view.");
            return null;
        }
        String uid = seriesOf(active.get());
        Optional<Series> inIndex = findSeries(uid);
        List<Path> files;
        String what;
        if (inIndex.isPresent()) {
            files = inIndex.get().instances().stream().map(InstanceHeader::file).filter(java.util.Objects::nonNull).distinct().toList();
            what = SeriesVolumes.describe(inIndex.get()) + " of " + StudyContext.StudyRef.of(inIndex.get().instances().getFirst()).describe();
        } else {
            // Another study's series on screen: the files its frames come from.
            var volume = active.get().state().volume();
            files = java.util.stream.IntStream.range(0, volume.sliceCount()).mapToObj(i -> volume.frame(i).instance().file())
                    .filter(java.util.Objects::nonNull).distinct().toList();
            what = studies.seriesName(uid) + studies.studyOf(uid).map(s -> " of " + s.describe()).orElse("");
        }
        SendDialog dialog = new SendDialog(stage, unchecked(services::nodes), tasks, files, what, status::showMessage);
        String studyUid = studies.studyOf(uid).map(StudyContext.StudyRef::studyUid).orElse(null);
        int count = files.size();
        dialog.setOnSent((target, result, failure) -> auditSent(studyUid, uid, count, target, result, failure));
        dialog.show();
        return dialog;
    }

    /**
     * The audit trail's "send" for Send to…: what left the workstation (the series, unchanged: no de-identification),
     * to where, and how much the archive stored; a cancelled or failed send is recorded too, since some files may have
     * left. Written on the catalog's lane; a failure to record is told in the status bar.
     */
    private void auditSent(String studyUid, String seriesUid, int files, org.lumen.network.node.PacsNode target,
                           org.lumen.network.dimse.SendResult result, String failure) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("to", target.describe());
        detail.put("files", files);
        if (result != null) {
            detail.put("stored", result.stored().size());
            detail.put("notStored", result.notStored().size());
        } else {
            detail.put("outcome", failure);
        }
        detail.put("deidentification", "none: files sent unchanged");
        detail.put("from", "window");
        labelling.catalogTasks().submit(BackgroundTask.of("Recording the send in the audit trail", c -> {
            var catalog = labelling.catalog();
            if (catalog != null) {
                catalog.audit().append(org.lumen.annotation.catalog.AuditAction.SEND, studyUid, seriesUid, detail);
            }
            return null;
        }), done -> { }, e -> status.showMessage("Could not record the send in the audit trail: " + e.getMessage()));
    }

    private ValidationWindow validation;
    private PracticeWindow practice;
    private AuditWindow audit;

    /** AI ▸ Validate on a dataset (Ctrl+Shift+V): the Validation view; its cases open here with the model's output. */
    ValidationWindow openValidation() {
        if (validation == null) {
            validation = new ValidationWindow(stage, services, tasks, modelIds(), this::openCaseWithModel);
        }
        validation.show();
        return validation;
    }

    /** AI ▸ Model in practice (Ctrl+Shift+P), on the AI tab's model. */
    PracticeWindow openPractice() {
        if (practice == null) {
            practice = new PracticeWindow(stage, services::catalog, labelling.lane(), tasks, modelIds());
        }
        practice.show(findingsPanel.selectedModel() == null ? "demo" : findingsPanel.selectedModel());
        return practice;
    }

    /** AI ▸ Audit trail (Ctrl+Shift+T): the audit panel with its filters and Verify chain. */
    AuditWindow openAudit() {
        if (audit == null) {
            audit = new AuditWindow(stage, services::catalog, labelling.lane(), tasks);
        }
        audit.show();
        return audit;
    }

    /** The models the AI tab lists (it reads them in the background at start); the demo when it has not yet. */
    private List<String> modelIds() {
        return findingsPanel.models().isEmpty() ? List.of("demo") : findingsPanel.models();
    }

    /**
     * Opens a validation case (its series) with the dataset's labels in the Labels tab, then runs {@code modelId} on it:
     * the engine's cache answers at once, so the model's output and the ground truth are over the same views.
     */
    void openCaseWithModel(String seriesUid, String modelId) {
        findingsPanel.selectModel(modelId);
        aiWhenOpened = seriesUid;
        openCase(seriesUid);
    }

    /** File ▸ Network settings: the storage receiver that runs while the window is open. */
    NetworkSettingsDialog openNetworkSettings() {
        NetworkSettingsDialog dialog = new NetworkSettingsDialog(stage, services, tasks, receiver);
        dialog.show();
        return dialog;
    }

    ReceiverService receiver() { return receiver; }

    /** The index on screen, or null before the first study opens. */
    DicomIndex index() { return index; }

    /** Opens {@code path}, or the built-in demo study when it is null. */
    void show(Path path) {
        // The study is listed and indexed in the background while the FX thread styles, lays out and shows the window.
        if (path == null) {
            openDemo();
        } else {
            open(List.of(path));
        }
        stage.show();
        // stage.show() ran the first CSS and layout pass; the frame itself is drawn on the pulses after.
        org.lumen.app.startup.StartupProbe.mark("show-returned");
        StartupMarks.whenDrawn(scene(), org.lumen.app.startup.StartupProbe.WINDOW_SHOWN);
        // The storage receiver runs while the workstation is open, when the network settings enable it (not for snapshots);
        // it starts once the first study is on screen.
        firstScreen.add(() -> receiver.restart(false));
        firstScreen.windowShown();
    }

    void openDemo() {
        clearAll("Opening the demo study…");
        stage.setTitle("Lumen — demo chest CT (synthetic, not a patient)");
        // Made (first run) and indexed in one task: indexing does not wait for the FX thread, busy showing the window at start.
        BackgroundTask<DicomSource> demo = DemoStudy.ensureTask(data);
        DicomSource[] source = new DicomSource[1];
        index(BackgroundTask.of(demo.name(), c -> {
            source[0] = demo.run(c);
            org.lumen.app.startup.StartupProbe.mark("demo-ready");
            return opener().openTask(source[0]).run(c);
        }), () -> source[0].description(), null);
    }

    /**
     * Opens a folder, a file, several files, a zip or a DICOMDIR. What was on screen goes at once; the
     * views say what is opening and, when nothing can be shown, why. Only a path that opened and held
     * DICOM objects goes into Open recent.
     */
    void open(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        String what = paths.size() == 1 ? paths.getFirst().toString() : paths.size() + " files";
        clearAll("Opening " + what + "…");
        DicomSource source;
        try {
            List<Path> files = paths.stream().filter(Files::isRegularFile).toList();
            if (paths.size() > 1 && files.isEmpty()) {
                throw new java.nio.file.NoSuchFileException(what, null, "none of them is a file");
            }
            source = paths.size() == 1 ? DicomSources.open(paths.getFirst(), data.extracted()) : new FileSource(files);
        } catch (IOException e) {
            nothingOpened("Cannot open " + what + ": " + reason(e));
            return;
        }
        stage.setTitle("Lumen — " + source.description());
        index(source, paths.size() == 1 ? paths.getFirst().toAbsolutePath() : null);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "there is no such file or folder.";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied.";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** @param recentPath the path to remember in Open recent once the index found something (null: none) */
    private void index(DicomSource source, Path recentPath) {
        index(opener().openTask(source), source::description, recentPath);
    }

    /** @param description what was opened, in words, once {@code indexing} ran */
    private void index(BackgroundTask<DicomIndex> indexing, java.util.function.Supplier<String> description, Path recentPath) {
        long mine = opening;
        tasks.submit(indexing, opened -> {
            org.lumen.app.startup.StartupProbe.mark("indexed");
            if (mine != opening) {
                return;
            }
            if (opened.allSeries().isEmpty()) {
                nothingOpened(description.get() + " holds no DICOM objects that can be shown" + (opened.problems().isEmpty()
                        ? "." : ": " + opened.problems().size() + " file(s) could not be used (Problems tab)."));
                side.showProblems(opened.problems());
                status.showProblems(opened.problems().size());
                return;
            }
            if (recentPath != null) {
                try {
                    recent.add(recentPath, description.get());
                    menus.refreshRecent();
                } catch (IOException e) {
                    fail("Could not add " + recentPath + " to Open recent: " + e.getMessage());
                }
            }
            showIndex(opened);
            labelling.record(opened, description.get());
            stampIfCached(recentPath);
        }, failure -> {
            if (mine == opening) {
                nothingOpened(failure);
            }
        });
    }

    /**
     * Takes everything of every study off screen — views, overlays, tags, measurements (they stay in
     * the catalog), AI result, labelling session, review case, browser, problems — and shows
     * {@code message} in the views instead.
     */
    private void clearAll(String message) {
        opening++;
        slotRequests.clear();
        slotFailures.clear();
        ai.clear(null);
        labelling.stop();
        grid.setLayout(ViewportGrid.Layout.ONE);
        grid.clear(message);
        volumes.closeAll();
        context.overlays().series().forEach(context.overlays()::removeSeries);
        segmentations.clear();
        keeper.forget(m -> true);
        studies.clear();
        side.tags().clear();
        index = null;
        browser.show(null);
        side.showProblems(List.of());
        side.problems().showNothingRead(message);
        status.showProblems(0);
        status.showSeriesNotes("");
        status.clearMessage();
        stage.setTitle("Lumen");
        refreshStudyWidgets();
    }

    /** Nothing could be opened: the views, the status bar and the problems tab say why. */
    private void nothingOpened(String sentence) {
        clearAll(sentence);
        status.showMessage(sentence);
        firstScreen.now();
    }

    /**
     * Closes the study of the active view (File ▸ Close study, Ctrl+W): its views, overlays,
     * measurements (kept in the catalog), AI result and labelling session go; other studies on
     * screen stay. Closing the last study clears the window.
     */
    void closeStudy() {
        var study = activeStudy();
        java.util.Set<String> onScreen = new java.util.HashSet<>();
        context.onScreen().forEach(v -> studies.studyOf(seriesOf(v)).ifPresent(s -> onScreen.add(s.studyUid())));
        if (study.isEmpty() || onScreen.size() <= 1) {
            clearAll("No study is open. Open a folder (Ctrl+O) or files (Ctrl+Shift+O), or drop them here.");
            status.showMessage("Study closed.");
            return;
        }
        String uid = study.get().studyUid();
        List<String> series = studies.seriesOf(uid);
        slotRequests.values().removeIf(series::contains);
        if (ai.resultSeries() != null && series.contains(ai.resultSeries())) {
            ai.clear(null);
        }
        if (labelling.session() != null && series.contains(labelling.session().seriesUid())) {
            labelling.stop();
        }
        // The closing note names no patient: nothing of a closed study stays on screen.
        grid.close(v -> series.contains(seriesOf(v)), "Study closed. Drop a series here.");
        volumes.close(series);
        series.forEach(context.overlays()::removeSeries);
        segmentations.forget(series);
        keeper.forget(m -> series.contains(m.seriesInstanceUid()));
        studies.forget(uid);
        refreshStudyWidgets();
        status.showMessage("Study closed; the other study stays on screen.");
    }

    /** The study of the active view, if a view is active. */
    java.util.Optional<StudyContext.StudyRef> activeStudy() {
        SliceViewport v = context.activeProperty().get();
        return v == null ? java.util.Optional.empty() : studies.studyOf(seriesOf(v));
    }

    StudyContext studies() { return studies; }

    String aiCaption() { return aiCaption.getText(); }

    private static String seriesOf(SliceViewport v) {
        return v.state().volume().plan().seriesUid();
    }

    private boolean isOnScreen(String seriesUid) {
        return context.onScreen().stream().anyMatch(v -> seriesOf(v).equals(seriesUid));
    }

    /** The captions that say whose data the side panel lists, and the measurement list, follow the active view. */
    private void refreshStudyWidgets() {
        side.showMeasurementsOf(activeStudy().map(s -> "Measurements of " + s.describe() + "; rows name their series.")
                .orElse("No study on screen."));
        side.measurements().refresh();
        String aiSeries = ai.resultSeries();
        aiCaption.setText(aiSeries == null ? "" : "Result on " + studies.seriesName(aiSeries)
                + studies.studyOf(aiSeries).map(s -> " of " + s.describe()).orElse(""));
    }

    /** Starts labelling the active viewport's series (Annotate menu, Ctrl+Shift+A). */
    void startLabelling() {
        grid.activeViewport().ifPresentOrElse(v -> {
            labelling.start(v.state().volume());
            side.select(labelsTab);
        }, () -> fail("Open a series first: labelling works on the active viewport's series."));
    }

    /** Opens a dataset's case by its series UID, from the files the catalog knows, and starts labelling it. */
    void openCase(String seriesUid) {
        tasks.submit(labelling.lane(), BackgroundTask.of("Finding the case's files",
                c -> labelling.catalog().studies().instances(seriesUid).stream().map(i -> i.file()).toList()), files -> {
            if (files.isEmpty()) {
                fail("The catalog knows no files of series " + seriesUid + "; open its study again to re-index it.");
                return;
            }
            labelWhenOpened = seriesUid;
            open(files);
        }, this::fail);
    }

    /** Runs the AI panel's model on the active series (AI menu, Ctrl+I). */
    void runAi() {
        side.select(aiTab);
        ai.run();
    }

    /** Shows the Review tab on the active series' case (Annotate menu, Ctrl+Shift+R). */
    void reviewCase() {
        review.show();
    }

    ReviewTab review() { return review; }

    AiAssist ai() { return ai; }

    FindingsPanel findingsPanel() { return findingsPanel; }

    void stopLabelling() {
        labelling.stop();
    }

    private static UserDataFolder dataFolderOf(LumenServices services) {
        return unchecked(services::dataFolder);
    }

    private StudyOpener opener() {
        return unchecked(services::opener);
    }

    /** A service that needs the user data folder: made before the window opened, so a failure here is a bug, not a user's problem. */
    private static <T> T unchecked(IoSupplier<T> service) {
        try {
            return service.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the user data folder cannot be made: " + e.getMessage(), e);
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    Labelling labelling() { return labelling; }

    AnnotationPanel annotationPanel() { return annotationPanel; }

    void showIndex(DicomIndex opened) {
        index = opened;
        labelling.stop();
        volumes.closeAll();
        grid.setLayout(ViewportGrid.Layout.ONE);
        browser.show(opened);
        side.showProblems(opened.problems());
        status.showProblems(opened.problems().size());
        if (opened.allSeries().stream().noneMatch(Series::hasImages)) {
            // Say what is here instead of an image: nothing of the previous study may stay on screen.
            String kinds = opened.allSeries().stream().map(s -> s.kind().description()).distinct().collect(java.util.stream.Collectors.joining(", "));
            String sentence = "No images here: " + opened.allSeries().size() + " series of other objects (" + kinds
                    + "), listed in the browser.";
            grid.clear(sentence);
            status.showMessage(sentence);
            firstScreen.now();
            return;
        }
        org.lumen.app.study.SeriesSelector.mainSeries(opened)
                .ifPresentOrElse(s -> openSeries(s, 0), () -> fail("No image series here."));
    }

    /**
     * Shows an index already read, with one series in a layout and, optionally, a window preset
     * (the snapshot command's way in; the window's own path goes through {@link #open}).
     */
    void present(DicomIndex opened, Series series, ViewportGrid.Layout layout, WindowPreset window) {
        clearAll("Loading " + SeriesVolumes.describe(series) + "…");
        index = opened;
        labelling.stop();
        volumes.closeAll();
        browser.show(opened);
        side.showProblems(opened.problems());
        status.showProblems(opened.problems().size());
        volumes.open(series, shown -> {
            studies.register(shown.volume().frame(0).instance());
            DisplaySettings display = window == null ? shown.display() : new DisplaySettings(window, null, shown.display().invert());
            grid.show(0, new ViewportState(shown.volume(), display, shown.focus()));
            segmentations.shown(opened, shown.volume());
            browser.select(series.uid());
            status.showSeriesNotes(String.join("; ", shown.volume().plan().notes()));
            setLayout(layout);
        }, failure -> {
            // The view said "Loading…" for ever (and a snapshot waited five minutes): it says why instead.
            slotFailures.put(0, failure);
            grid.showMessage(0, failure);
            fail(failure);
        });
    }

    /**
     * Opens a study while it arrives from an archive (decision 0017). What was on screen goes at once; the
     * view shows the main series as soon as its first image is in, and grows on a 250 ms tick as more
     * arrive, keeping the reader's slice, window and zoom; "arriving 37 of 300" stands where the slice
     * spacing goes until the study is whole. The caller's retrieve tells the returned study of each
     * instance and must end it ({@link ArrivingStudy#finished()} or {@link ArrivingStudy#stopped}).
     * Opening another study meanwhile drops what arrives later from the screen (the cache still gets it).
     */
    ArrivingStudy openArriving(String studyUid, Path folder, int expectedInstances, String description) {
        clearAll("Retrieving " + description + "… the first image shows as soon as it arrives.");
        stage.setTitle("Lumen — " + description + " (arriving)");
        ArrivingStudy study = new ArrivingStudy(studyUid, expectedInstances, pools.io());
        arrival = new Arrival(study, folder, description, opening);
        arrivalTick.playFromStart();
        return study;
    }

    /** A study on screen while it arrives, and how much of it the screen shows. */
    private static final class Arrival {
        final ArrivingStudy study;
        final Path folder;
        final String description;
        final long generation;
        long shownVersion;
        java.util.Set<String> browserSeries = java.util.Set.of();
        long browserShownNanos;
        /** The series the study opened on, once its first image was in. */
        String mainSeries;

        Arrival(ArrivingStudy study, Path folder, String description, long generation) {
            this.study = study;
            this.folder = folder;
            this.description = description;
            this.generation = generation;
        }
    }

    /** The arriving study on screen (null when none), and the tick that shows what it has published. */
    private Arrival arrival;
    private final javafx.animation.Timeline arrivalTick = arrivalTick();

    private javafx.animation.Timeline arrivalTick() {
        javafx.animation.Timeline t = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                Duration.millis(ArrivingStudy.PUBLISH_SPACING_MS), e -> showArrived()));
        t.setCycleCount(javafx.animation.Animation.INDEFINITE);
        return t;
    }

    /** One tick: shows the latest snapshot of the arriving study, if it is new and its study still on screen. */
    private void showArrived() {
        Arrival a = arrival;
        if (a == null || a.generation != opening) {
            // Another study was opened, or this one closed: later plans are not shown (ADR 0011).
            arrival = null;
            arrivalTick.stop();
            return;
        }
        ArrivingStudy.Snapshot snap = a.study.latest();
        if (snap.version() != a.shownVersion) {
            a.shownVersion = snap.version();
            index = snap.index();
            // The browser is rebuilt (rows, thumbnails) when a series appears, at most once a second for the counts, and at the end.
            long now = System.nanoTime();
            if (!a.browserSeries.equals(snap.plans().keySet()) || !snap.isArriving() || now - a.browserShownNanos > 1_000_000_000L) {
                a.browserSeries = java.util.Set.copyOf(snap.plans().keySet());
                a.browserShownNanos = now;
                browser.show(index);
                grid.activeViewport().ifPresent(v -> browser.select(seriesOf(v)));
                side.showProblems(index.problems());
                status.showProblems(index.problems().size());
            }
        }
        if (a.mainSeries == null) {
            org.lumen.app.study.SeriesSelector.mainSeries(index).ifPresent(main -> {
                a.mainSeries = main.uid();
                openSeries(main, 0);
            });
        }
        growViews(snap);
        // The end is shown once the first view is there (or could not open), so that it gets the last word too.
        if (snap.isArriving()) {
            status.showSeriesNotes(capitalised(snap.progress()) + " images; spacing is judged when complete.");
            return;
        }
        if (a.mainSeries != null && slotRequests.containsValue(a.mainSeries)) {
            return;
        }
        arrival = null;
        arrivalTick.stop();
        arrived(a, snap);
    }

    /**
     * Every view of the arriving study whose series has more frames now gets the grown volume, at the same
     * slice; every tick, since a view may have opened on an older plan than the latest.
     */
    private void growViews(ArrivingStudy.Snapshot snap) {
        // Views by series: a series shown twice (1x2, or MPR's three views) grows once, into one shared volume.
        java.util.Map<String, java.util.Map<Integer, ViewportState>> views = new java.util.LinkedHashMap<>();
        int slots = grid.currentLayout() == ViewportGrid.Layout.MPR ? 1 : grid.currentLayout().slots();
        for (int slot = 0; slot < slots; slot++) {
            int s = slot;
            grid.viewport(slot).ifPresent(v -> views.computeIfAbsent(seriesOf(v), uid -> new java.util.LinkedHashMap<>()).put(s, v.state()));
        }
        views.forEach((uid, states) -> {
            var plan = snap.plans().get(uid);
            var series = snap.index().seriesByUid(uid);
            ViewportState first = states.values().iterator().next();
            if (plan != null && series.isPresent() && !plan.sameFramesAs(first.volume().plan())) {
                volumes.grow(series.get(), plan, first::keptSlice, grown -> states.forEach((slot, before) -> showGrown(slot, before, grown)));
            }
        });
        String note = snap.progress();
        context.onScreen().stream().filter(v -> snap.plans().containsKey(seriesOf(v))).forEach(v -> v.showNote(note));
    }

    private void showGrown(int slot, ViewportState before, SeriesVolumes.Opened grown) {
        if (grid.currentLayout() == ViewportGrid.Layout.MPR) {
            grid.showMpr(grown.volume(), before.display(), grown.focus());
        } else {
            grid.show(slot, before.onGrown(grown.volume()));
        }
        status.showSeriesNotes("");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The retrieve ended: the study is complete (recorded like any study opened), or stopped with the reason. */
    private void arrived(Arrival a, ArrivingStudy.Snapshot snap) {
        stage.setTitle("Lumen — " + a.description);
        if (snap.state() == ArrivingStudy.State.COMPLETE) {
            if (snap.plans().isEmpty()) {
                nothingOpened(a.description + " arrived without images that can be shown"
                        + (snap.index().problems().isEmpty() ? "." : ": see the Problems tab."));
                side.showProblems(snap.index().problems());
                return;
            }
            context.onScreen().forEach(v -> status.showSeriesNotes(String.join("; ", v.state().volume().plan().notes())));
            try {
                recent.add(a.folder, a.description);
                menus.refreshRecent();
            } catch (IOException e) {
                fail("Could not add " + a.folder + " to Open recent: " + e.getMessage());
            }
            labelling.record(snap.index(), a.description);
            return;
        }
        if (snap.plans().isEmpty()) {
            nothingOpened("The retrieve of " + a.description + " stopped before any image arrived: " + snap.sentence());
            return;
        }
        status.showSeriesNotes("");
        status.showMessage("The retrieve stopped: " + snap.sentence() + ". The " + snap.arrived() + " image(s) that arrived can be viewed.");
    }

    /** Whether nothing is running and every viewport on screen has all its slices: what a snapshot waits for. */
    boolean isSettled() {
        // A slot that shows why its series failed is settled too: snapshots waited five minutes on one (issue 15).
        return arrival == null && tasks.running().isEmpty() && (!context.onScreen().isEmpty() || !slotFailures.isEmpty())
                && context.onScreen().stream().map(v -> v.state().volume())
                        .allMatch(v -> v.loadedCount() + v.failures().size() >= v.sliceCount());
    }

    /** Why the first slot that could not show its series failed; empty when every requested series is shown. */
    java.util.Optional<String> slotFailure() {
        return slotFailures.values().stream().findFirst();
    }

    /**
     * Shows a series in a slot: the slot empties at once and says what is loading (the previous image
     * never sits under the new series' name), then shows the series with its saved measurements.
     */
    void openSeries(Series series, int slot) {
        int target = Math.clamp(slot, 0, grid.currentLayout().slots() - 1);
        slotRequests.put(target, series.uid());
        slotFailures.remove(target);
        InstanceHeader first = series.instances().getFirst();
        grid.showMessage(target, "Loading " + SeriesVolumes.describe(series) + " of " + StudyContext.StudyRef.of(first).describe() + "…");
        volumes.open(series, opened -> {
            if (!series.uid().equals(slotRequests.get(target))) {
                return; // the slot was given another series, or its study was closed, meanwhile
            }
            slotRequests.remove(target);
            studies.register(opened.volume().frame(0).instance());
            grid.show(target, new ViewportState(opened.volume(), opened.display(), opened.focus()));
            auditOpened(series, first);
            segmentations.shown(index, opened.volume());
            StartupMarks.whenDrawn(scene(), org.lumen.app.startup.StartupProbe.FIRST_IMAGE);
            firstScreen.now();
            browser.select(series.uid());
            status.showSeriesNotes(String.join("; ", opened.volume().plan().notes()));
            keeper.restore(series.uid(), this::isOnScreen);
            refreshStudyWidgets();
            if (series.uid().equals(labelWhenOpened)) {
                labelWhenOpened = null;
                startLabelling();
            }
            if (series.uid().equals(aiWhenOpened)) {
                aiWhenOpened = null;
                runAi();
            }
        }, failure -> {
            if (series.uid().equals(slotRequests.get(target))) {
                slotRequests.remove(target);
                slotFailures.put(target, failure);
                grid.showMessage(target, failure);
            }
            fail(failure);
            firstScreen.now();
        });
    }

    /**
     * Runs a dataset export as a task in the task list (progress, cancel), as {@code lumen export} does; the result,
     * or why it failed, goes to the status bar. Returns the task's handle (tests wait on it).
     */
    org.lumen.task.TaskHandle<org.lumen.annotation.export.ExportSummary> exportDataset(org.lumen.annotation.export.ExportRequest request) {
        BackgroundTask<org.lumen.annotation.export.ExportSummary> task = BackgroundTask.of("Exporting " + request.dataset(), c -> {
            java.nio.file.Files.createDirectories(request.out().toAbsolutePath().getParent());
            return org.lumen.app.export.DatasetExports.task(services, services.catalog(), request).run(c);
        });
        return tasks.submit(pools.io(), task, summary -> status.showMessage(String.format(java.util.Locale.ROOT,
                "Exported %d case(s) of %s to %s (%s)%s", summary.cases().size(), request.dataset(), summary.folder(), request.format().word(),
                summary.leftOut().isEmpty() ? "" : "; " + summary.leftOut().size() + " left out (see the manifest)")),
                why -> fail("The export of " + request.dataset() + " failed: " + why));
    }

    /**
     * The audit trail's "study opened" (who, which study and series, from where), on the catalog's lane; a failure
     * is told in the status bar, since an unrecorded view is what an auditor would ask about.
     */
    private void auditOpened(Series series, InstanceHeader first) {
        String study = first.study().studyInstanceUid();
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("series", SeriesVolumes.describe(series));
        detail.put("source", first.file().getParent() == null ? first.file().toString() : first.file().getParent().toString());
        labelling.catalogTasks().submit(BackgroundTask.of("Recording the opened study in the audit trail", c -> {
            var catalog = labelling.catalog();
            if (catalog != null) {
                catalog.audit().append(org.lumen.annotation.catalog.AuditAction.STUDY_OPENED, study, series.uid(), detail);
            }
            return null;
        }), done -> { }, e -> status.showMessage("Could not record the opened study in the audit trail: " + e.getMessage()));
    }

    void setLayout(ViewportGrid.Layout layout) {
        if (layout == ViewportGrid.Layout.MPR) {
            showMpr();
            return;
        }
        grid.setLayout(layout);
        fillEmptySlots();
    }

    /** MPR of the active viewport's volume. */
    void showMpr() {
        grid.activeViewport().or(() -> grid.viewport(0)).ifPresent(v -> {
            ViewportState s = v.state();
            int focus = s.plane().axis() == PlaneAxis.SLICES ? s.index() : s.volume().sliceCount() / 2;
            grid.showMpr(s.volume(), s.display(), focus);
        });
    }

    /** New empty slots get the next image series of the study, so 1×2 compares at once. */
    private void fillEmptySlots() {
        if (index == null) {
            return;
        }
        List<Series> images = index.allSeries().stream().filter(Series::hasImages).toList();
        int next = 0;
        for (int slot = 0; slot < grid.currentLayout().slots(); slot++) {
            if (grid.viewport(slot).isEmpty() && !images.isEmpty()) {
                Series shown = grid.viewport(0).map(v -> seriesOf(v, images)).orElse(null);
                while (next < images.size() - 1 && images.get(next) == shown) {
                    next++;
                }
                openSeries(images.get(next % images.size()), slot);
                next++;
            }
        }
    }

    private static Series seriesOf(SliceViewport v, List<Series> images) {
        String uid = v.state().volume().plan().seriesUid();
        return images.stream().filter(s -> s.uid().equals(uid)).findFirst().orElse(null);
    }

    private Optional<Series> findSeries(String uid) {
        return index == null ? Optional.empty() : index.seriesByUid(uid);
    }

    private void watchActive(SliceViewport old, SliceViewport viewport) {
        if (viewport == null) {
            tagDelay.stop();
            side.tags().clear();
            return;
        }
        if (viewport != null && watched.add(viewport.state())) {
            viewport.state().addListener((s, change) -> {
                if (context.activeProperty().get() == viewport && change == ViewportState.Change.SLICE) {
                    tagDelay.playFromStart();
                }
            });
        }
        tagDelay.playFromStart();
    }

    /** Reads the active instance's tags off the FX thread, once scrolling pauses. */
    private void showTagsOfActive() {
        SliceViewport v = context.activeProperty().get();
        if (v == null) {
            side.tags().clear();
            return;
        }
        ViewportState s = v.state();
        int frame = s.plane().axis() == PlaneAxis.SLICES ? s.index() : s.volume().sliceCount() / 2;
        Path file = s.volume().frame(frame).instance().file();
        tasks.submit(BackgroundTask.of("Reading tags", c -> TagTreeReader.read(file)), nodes -> {
            // Tags read for a view that is no longer active (another study opened meanwhile) are not shown.
            if (context.activeProperty().get() == v) {
                side.tags().show(nodes, file.getFileName().toString());
            }
        }, this::fail);
    }

    private void acceptDroppedFiles(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
        });
        scene.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) {
                open(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            }
            e.setDropCompleted(files);
        });
    }

    private void showMode() {
        String cine = context.cine().playingProperty().get()
                ? String.format(java.util.Locale.ROOT, "   cine %.0f fps", context.cine().fpsProperty().get()) : "";
        // A contributed tool (the annotation's brush, box …) takes the left button while it is chosen.
        status.showMode("Tool: " + context.tool().label() + cine);
    }

    void fail(String sentence) {
        status.showMessage(sentence);
    }
}
