// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.ui.HoverTooltips;
import org.lumen.viewer.volume.PixelCache;

/**
 * The bottom bar (ControlsFX's status bar): the latest running task with its progress, a button
 * that lists every running task with its own progress and cancel, the value under the cursor,
 * the tool, series notes, problems, and memory use. A long text ends in an ellipsis, never pushing the
 * other items out of sight; its full text shows on hover.
 */
final class StatusBar extends org.controlsfx.control.StatusBar {

    private final Button allTasks = new Button();
    private final Button cancel = new Button("✕");
    private final Label problems = new Label();
    private final Label notes = new Label();
    private final Label memory = new Label();
    private final Label reading = new Label();
    private final Label mode = new Label();
    private final TaskList taskList;
    private final Timeline memoryTick;
    private String lastMessage;
    private static final double NOTES_MAX_WIDTH = 360;
    private static final double ITEM_MAX_WIDTH = 240;

    StatusBar(FxTaskRunner tasks, PixelCache cache) {
        getStyleClass().add("status-bar");
        taskList = new TaskList(tasks);
        // Tooltips are made on the first hover (HoverTooltips): each is a popup window, and the bar is in the first frame.
        HoverTooltips.install(cancel, "Cancel the latest task (Esc cancels all)");
        cancel.getStyleClass().add("flat");
        allTasks.getStyleClass().add("flat");
        HoverTooltips.install(allTasks, "Show every running task");
        allTasks.setOnAction(e -> taskList.showBelow(allTasks));
        problems.getStyleClass().add("status-problems");
        notes.getStyleClass().add("status-notes");
        reading.getStyleClass().add("status-reading");
        mode.getStyleClass().add("status-mode");
        memory.getStyleClass().add("status-memory");
        // Each item gets at most its share of the bar: a long note is cut with an ellipsis (full text in its tooltip).
        notes.setMaxWidth(NOTES_MAX_WIDTH);
        problems.setMaxWidth(ITEM_MAX_WIDTH);
        mode.setMaxWidth(ITEM_MAX_WIDTH);
        reading.setMaxWidth(NOTES_MAX_WIDTH);
        for (Label l : new Label[] {notes, problems, mode, reading}) {
            l.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
            l.setMinWidth(0);
        }
        memory.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HoverTooltips.install(mode, mode.textProperty());
        skinProperty().addListener((o, old, skin) -> {
            // The main message (ControlsFX's own label) may shrink to nothing rather than push the items on the right away.
            if (lookup(".status-label") instanceof Label main) {
                main.setMinWidth(0);
                main.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
                HoverTooltips.install(main, textProperty());
            }
        });
        cancel.managedProperty().bind(cancel.visibleProperty());
        allTasks.managedProperty().bind(allTasks.visibleProperty());
        getLeftItems().addAll(cancel, allTasks, reading);
        getRightItems().addAll(mode, notes, problems, memory);
        tasks.running().addListener((ListChangeListener<FxTaskRunner.RunningTask>) c -> showLatest(tasks));
        showLatest(tasks);
        memoryTick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateMemory(cache)));
        memoryTick.setCycleCount(Timeline.INDEFINITE);
        memoryTick.play();
        updateMemory(cache);
    }

    /** Stops the memory readout's timeline: a running timeline would keep the closed window, and its pixels, reachable. */
    void stop() {
        memoryTick.stop();
    }

    void showProblems(int count) {
        problems.setText(count == 0 ? "" : count + (count == 1 ? " file" : " files") + " could not be used");
        problems.setTooltip(count == 0 ? null : new Tooltip(problems.getText() + ": click to list them with their reasons"));
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

    /** The planner's notes on screen (what a test reads). */
    String seriesNotes() {
        return notes.getText();
    }

    /** A sentence for the user; it stays when the running tasks end (instead of "Ready"), until the next one. */
    void showMessage(String text) {
        lastMessage = text;
        textProperty().unbind();
        setText(text);
    }

    /** Forgets the last sentence: the bar says "Ready" again when idle. */
    void clearMessage() {
        lastMessage = null;
        if (textProperty().isBound()) {
            return;
        }
        setText("Ready");
    }

    private void showLatest(FxTaskRunner tasks) {
        int running = tasks.running().size();
        cancel.setVisible(running > 0);
        allTasks.setVisible(running > 1);
        allTasks.setText(running + " tasks");
        textProperty().unbind();
        progressProperty().unbind();
        if (running > 0) {
            FxTaskRunner.RunningTask latest = tasks.running().getLast();
            textProperty().bind(latest.messageProperty().map(m -> m.isBlank() ? latest.name() : m));
            // ControlsFX shows no bar at 0; -1 (unknown) is its indeterminate bar.
            progressProperty().bind(latest.progressProperty());
            cancel.setOnAction(e -> latest.cancel());
        } else {
            setText(lastMessage == null ? "Ready" : lastMessage);
            setProgress(0);
            taskList.hide();
        }
    }

    private void updateMemory(PixelCache cache) {
        Runtime rt = Runtime.getRuntime();
        memory.setText(String.format(Locale.ROOT, "pixels %d / %d MB   heap %d / %d MB", cache.usedBytes() >> 20,
                cache.budgetBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20));
    }
}
