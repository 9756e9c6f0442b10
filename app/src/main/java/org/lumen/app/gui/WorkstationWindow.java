// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.lumen.aiassist.ui.FindingsPanel;
import org.lumen.annotation.ui.AnnotationPanel;
import org.lumen.annotation.ui.DatasetPanel;
import org.lumen.app.settings.RecentStudies;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.study.StudyOpener;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.index.DicomIndex;
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
import org.lumen.viewer.volume.PixelCache;

/**
 * The workstation window: study/series browser on the left, the viewport grid in the centre, the
 * side panel (tags, measurements, problems) on the right, menus above and the status bar below.
 * Opening, indexing, thumbnails and loading run as background tasks; the first slice of a series
 * shows as soon as it is decoded while the rest loads.
 */
final class WorkstationWindow {

    private final Pools pools;
    private final UserDataFolder data;
    private final FxTaskRunner tasks;
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
    private final java.util.Set<ViewportState> watched = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private DicomIndex index;

    WorkstationWindow(Pools pools, UserDataFolder data, PixelCache cache) {
        this.pools = pools;
        this.data = data;
        this.tasks = new FxTaskRunner(pools.io());
        this.recent = RecentStudies.load(data);
        this.status = new StatusBar(tasks, cache);
        this.browser = new SeriesBrowser(tasks, pools);
        this.context = new ViewportContext(pools.decode());
        this.grid = new ViewportGrid(context);
        this.volumes = new SeriesVolumes(pools, cache, tasks);
        this.annotationPanel = new AnnotationPanel(context);
        this.labelling = new Labelling(data.catalog(), tasks, context, annotationPanel, this::fail);
        this.datasetPanel = new DatasetPanel(labelling::catalog, labelling.lane(), this::fail);
        datasetPanel.setOpenSeries(() -> grid.activeViewport().map(v -> v.state().volume().plan().seriesUid()).orElse(null));
        datasetPanel.setOnOpenCase(this::openCase);
        datasetPanel.setOnChosen(d -> labelling.setDataset(d.id()));
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
        this.aiTab = side.addTab("AI", new javafx.scene.control.ScrollPane(findingsPanel));
        ((javafx.scene.control.ScrollPane) aiTab.getContent()).setFitToWidth(true);
        this.ai = new AiAssist(data, pools, tasks, context, findingsPanel, labelling, this::fail);
        this.review = new ReviewTab(side, context, labelling, () -> datasetPanel.chosen() == null ? null : datasetPanel.chosen().id(),
                this::fail);
        this.menus = new WorkstationMenus(this, recent);

        browser.setPrefWidth(250);
        browser.setOnOpen(series -> openSeries(series, grid.activeSlot()));
        grid.setOnSeriesDropped((slot, uid) -> findSeries(uid).ifPresent(s -> openSeries(s, slot)));
        side.measurements().bind(context);
        SplitPane split = new SplitPane(browser, grid, side);
        split.setDividerPositions(0.17, 0.74);
        SplitPane.setResizableWithParent(browser, false);
        SplitPane.setResizableWithParent(side, false);
        root.setTop(menus.bar());
        root.setCenter(split);
        root.setBottom(status);
        status.setOnProblemsClicked(side::showProblems);

        context.activeProperty().addListener((o, old, viewport) -> watchActive(old, viewport));
        context.readingProperty().addListener((o, old, reading) -> status.showReading(reading == null ? "" : reading.describe()));
        tagDelay.setOnFinished(e -> showTagsOfActive());
        context.toolProperty().addListener((o, old, tool) -> showMode());
        context.planeToolProperty().addListener((o, old, tool) -> showMode());
        context.cine().playingProperty().addListener((o, old, playing) -> showMode());
        context.cine().fpsProperty().addListener((o, old, fps) -> showMode());
        showMode();

        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets().add(getClass().getResource("workstation.css").toExternalForm());
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !tasks.running().isEmpty()) {
                tasks.running().forEach(FxTaskRunner.RunningTask::cancel);
            } else if (annotationPanel.handleKey(e)) {
                e.consume();
            }
        });
        labelling.open();
        ai.loadModels();
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> labelling.close());
        acceptDroppedFiles(scene);
        stage.setScene(scene);
        stage.setTitle("Lumen");
    }

    Stage stage() { return stage; }

    Scene scene() { return stage.getScene(); }

    ViewportGrid grid() { return grid; }

    ViewportContext viewports() { return context; }

    SeriesBrowser browser() { return browser; }

    SidePanel side() { return side; }

    StatusBar status() { return status; }

    FxTaskRunner tasks() { return tasks; }

    /** The index on screen, or null before the first study opens. */
    DicomIndex index() { return index; }

    /** Opens {@code path}, or the built-in demo study when it is null. */
    void show(Path path) {
        stage.show();
        if (path == null) {
            openDemo();
        } else {
            open(List.of(path));
        }
    }

    void openDemo() {
        stage.setTitle("Lumen — demo chest CT (synthetic, not a patient)");
        tasks.submit(DemoStudy.ensureTask(data), this::index, this::fail);
    }

    /** Opens a folder, a file, several files, a zip or a DICOMDIR. */
    void open(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        try {
            DicomSource source = paths.size() == 1 ? DicomSources.open(paths.getFirst(), data.extracted())
                    : new FileSource(paths.stream().filter(Files::isRegularFile).toList());
            stage.setTitle("Lumen — " + source.description());
            index(source);
            if (paths.size() == 1) {
                recent.add(paths.getFirst().toAbsolutePath(), source.description());
                menus.refreshRecent();
            }
        } catch (IOException e) {
            fail("cannot open " + paths.getFirst() + ": " + e.getMessage());
        }
    }

    private void index(DicomSource source) {
        BackgroundTask<DicomIndex> indexing = new StudyOpener(pools, data).openTask(source);
        tasks.submit(indexing, opened -> {
            showIndex(opened);
            labelling.record(opened, source.description());
        }, this::fail);
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
        tasks.submit(BackgroundTask.of("Finding the case's files", c -> labelling.lane().submit(() ->
                labelling.catalog().studies().instances(seriesUid).stream().map(i -> i.file()).toList()).get()), files -> {
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
        org.lumen.app.study.SeriesSelector.mainSeries(opened)
                .ifPresentOrElse(s -> openSeries(s, 0), () -> fail("No image series here."));
    }

    /**
     * Shows an index already read, with one series in a layout and, optionally, a window preset
     * (the snapshot command's way in; the window's own path goes through {@link #open}).
     */
    void present(DicomIndex opened, Series series, ViewportGrid.Layout layout, WindowPreset window) {
        index = opened;
        labelling.stop();
        volumes.closeAll();
        browser.show(opened);
        side.showProblems(opened.problems());
        status.showProblems(opened.problems().size());
        volumes.open(series, shown -> {
            DisplaySettings display = window == null ? shown.display() : new DisplaySettings(window, null, shown.display().invert());
            grid.show(0, new ViewportState(shown.volume(), display, shown.focus()));
            browser.select(series.uid());
            status.showSeriesNotes(String.join("; ", shown.volume().plan().notes()));
            setLayout(layout);
        }, this::fail);
    }

    /** Whether nothing is running and every viewport on screen has all its slices: what a snapshot waits for. */
    boolean isSettled() {
        return tasks.running().isEmpty() && !context.onScreen().isEmpty() && context.onScreen().stream()
                .map(v -> v.state().volume()).allMatch(v -> v.loadedCount() + v.failures().size() >= v.sliceCount());
    }

    void openSeries(Series series, int slot) {
        volumes.open(series, opened -> {
            grid.show(slot, new ViewportState(opened.volume(), opened.display(), opened.focus()));
            browser.select(series.uid());
            status.showSeriesNotes(String.join("; ", opened.volume().plan().notes()));
            if (series.uid().equals(labelWhenOpened)) {
                labelWhenOpened = null;
                startLabelling();
            }
        }, this::fail);
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
        tasks.submit(BackgroundTask.of("Reading tags", c -> TagTreeReader.read(file)),
                nodes -> side.tags().show(nodes, file.getFileName().toString()), this::fail);
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
        String tool = context.planeToolProperty().get() != null ? context.planeToolProperty().get().label() : context.tool().label();
        status.showMode("Tool: " + tool + cine);
    }

    void fail(String sentence) {
        status.showMessage(sentence);
    }
}
