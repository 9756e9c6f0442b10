// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.volume.PixelCache;

/** The bottom bar: the running task with progress and cancel, problems, and memory use. */
final class StatusBar extends HBox {

    private final Label task = new Label("Ready");
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("✕");
    private final Label problems = new Label();
    private final Label notes = new Label();
    private final Label memory = new Label();
    private final Label reading = new Label();
    private final Label mode = new Label();

    StatusBar(FxTaskRunner tasks, PixelCache cache) {
        getStyleClass().add("status-bar");
        progress.setPrefWidth(160);
        cancel.setTooltip(new Tooltip("Cancel (Esc)"));
        cancel.getStyleClass().add("flat");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        problems.getStyleClass().add("status-problems");
        notes.getStyleClass().add("status-notes");
        reading.getStyleClass().add("status-reading");
        mode.getStyleClass().add("status-mode");
        getChildren().addAll(task, progress, cancel, reading, spacer, mode, notes, problems, memory);
        tasks.running().addListener((ListChangeListener<FxTaskRunner.RunningTask>) c -> showLatest(tasks));
        showLatest(tasks);
        Timeline memoryTick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateMemory(cache)));
        memoryTick.setCycleCount(Timeline.INDEFINITE);
        memoryTick.play();
        updateMemory(cache);
    }

    void showProblems(int count) {
        problems.setText(count == 0 ? "" : count + (count == 1 ? " file" : " files") + " could not be used");
        problems.setTooltip(count == 0 ? null : new Tooltip("Click to list them with their reasons"));
    }

    void setOnProblemsClicked(Runnable action) {
        problems.setOnMouseClicked(e -> action.run());
    }

    /** The left-button tool and, while it plays, the cine rate. */
    void showMode(String text) {
        mode.setText(text);
    }

    /** The value and position under the cursor. */
    void showReading(String text) {
        reading.setText(text);
    }

    /** What the stack planner said about the series on screen (gantry tilt, missing slices, ...). */
    void showSeriesNotes(String text) {
        notes.setText(text);
        notes.setTooltip(text.isEmpty() ? null : new Tooltip(text));
    }

    void showMessage(String text) {
        task.textProperty().unbind();
        task.setText(text);
    }

    private void showLatest(FxTaskRunner tasks) {
        boolean busy = !tasks.running().isEmpty();
        progress.setVisible(busy);
        cancel.setVisible(busy);
        task.textProperty().unbind();
        progress.progressProperty().unbind();
        if (busy) {
            FxTaskRunner.RunningTask latest = tasks.running().getLast();
            task.textProperty().bind(latest.messageProperty().map(m -> m.isBlank() ? latest.name() : m));
            progress.progressProperty().bind(latest.progressProperty());
            cancel.setOnAction(e -> latest.cancel());
        } else {
            task.setText("Ready");
        }
    }

    private void updateMemory(PixelCache cache) {
        Runtime rt = Runtime.getRuntime();
        memory.setText(String.format(Locale.ROOT, "pixels %d / %d MB   heap %d / %d MB", cache.usedBytes() >> 20,
                cache.budgetBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20));
    }
}
