// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.study.StudyOpener;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The workstation window: series list on the left, the viewport in the centre, the status bar
 * below. Opening, indexing and loading run as background tasks; the first slice shows as soon as
 * it is decoded while the rest of the series loads.
 */
final class WorkstationWindow {

    private final Pools pools;
    private final UserDataFolder data;
    private final PixelCache cache;
    private final FxTaskRunner tasks;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final ListView<Series> seriesList = new ListView<>();
    private final StatusBar status;
    private Volume volume;

    WorkstationWindow(Pools pools, UserDataFolder data, PixelCache cache) {
        this.pools = pools;
        this.data = data;
        this.cache = cache;
        this.tasks = new FxTaskRunner(pools.io());
        this.status = new StatusBar(tasks, cache);
        seriesList.getStyleClass().add("series-list");
        seriesList.setPrefWidth(260);
        seriesList.setCellFactory(list -> new SeriesCell());
        seriesList.getSelectionModel().selectedItemProperty().addListener((o, old, series) -> {
            if (series != null) {
                openSeries(series);
            }
        });
        root.setLeft(seriesList);
        root.setCenter(placeholder("Opening…"));
        root.setBottom(status);
        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets().add(getClass().getResource("workstation.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                tasks.running().forEach(FxTaskRunner.RunningTask::cancel);
            }
        });
        stage.setScene(scene);
        stage.setTitle("Lumen");
    }

    Stage stage() { return stage; }

    void show(Path path) {
        stage.show();
        if (path == null) {
            stage.setTitle("Lumen — demo chest CT (synthetic, not a patient)");
            tasks.submit(DemoStudy.ensureTask(data),
                    source -> tasks.submit(new StudyOpener(pools, data).openTask(source), this::showIndex, this::fail), this::fail);
        } else {
            open(path);
        }
    }

    private void open(Path path) {
        stage.setTitle("Lumen — " + path);
        try {
            BackgroundTask<DicomIndex> indexing = new StudyOpener(pools, data).openTask(path);
            tasks.submit(indexing, this::showIndex, this::fail);
        } catch (IOException e) {
            fail("cannot open " + path + ": " + e.getMessage());
        }
    }

    private void showIndex(DicomIndex index) {
        seriesList.getItems().setAll(index.allSeries());
        status.showProblems(index.problems().size(), index.problems().stream().limit(40)
                .map(p -> p.file() + ": " + p.reason()).collect(Collectors.joining("\n")));
        index.allSeries().stream().filter(Series::hasImages).findFirst()
                .ifPresentOrElse(s -> seriesList.getSelectionModel().select(s),
                        () -> root.setCenter(placeholder("No image series here.")));
    }

    private void openSeries(Series series) {
        StackPlan plan = new StackPlanner().plan(series);
        if (plan.frames().isEmpty()) {
            root.setCenter(placeholder(String.join("\n", plan.notes())));
            return;
        }
        if (volume != null) {
            volume.close();
        }
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        Volume opened = loader.open(plan);
        volume = opened;
        int focus = plan.sliceCount() / 2;
        // Decode the focus slice first (it may set the automatic window), then show it and load the rest.
        tasks.submit(BackgroundTask.of("Opening " + describe(series), context -> opened.slice(focus)), first -> {
            DisplaySettings display = DisplayDefaults.initial(opened.frame(focus).instance(), first);
            SliceViewport viewport = new SliceViewport(new ViewportState(opened, display, focus), pools.decode());
            root.setCenter(viewport);
            viewport.requestFocus();
            status.showSeriesNotes(String.join("; ", plan.notes()));
            tasks.submit(loader.loadTask(opened, focus), loaded -> { }, this::fail);
        }, this::fail);
    }

    private void fail(String sentence) {
        status.showMessage(sentence);
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder");
        label.setPadding(new Insets(24));
        return label;
    }

    private static String describe(Series s) {
        return String.format(Locale.ROOT, "%s %s", s.modality() == null ? "" : s.modality(),
                s.info().description() == null ? s.uid() : s.info().description()).strip();
    }

    /** A series in the list: modality, description, number of images. */
    private static final class SeriesCell extends ListCell<Series> {
        @Override
        protected void updateItem(Series series, boolean empty) {
            super.updateItem(series, empty);
            if (empty || series == null) {
                setText(null);
                return;
            }
            setText(String.format(Locale.ROOT, "%s  #%s  %s\n%d images  %s", series.modality() == null ? "?" : series.modality(),
                    series.info().number() == null ? "-" : series.info().number(),
                    series.info().description() == null ? "" : series.info().description(),
                    series.frameCount(), series.hasImages() ? "" : series.kind().description()));
        }
    }
}
