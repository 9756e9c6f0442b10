// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;
import org.lumen.viewer.ui.FxTaskRunner;

/** A popover listing every running task with its own progress bar and cancel button. */
final class TaskList {

    private final FxTaskRunner tasks;
    /** Made when first shown: the status bar that owns this list is part of the window's first frame. */
    private PopOver popOver;

    TaskList(FxTaskRunner tasks) {
        this.tasks = tasks;
    }

    private PopOver popOver() {
        if (popOver != null) {
            return popOver;
        }
        popOver = new PopOver();
        ListView<FxTaskRunner.RunningTask> list = new ListView<>(tasks.running());
        list.getStyleClass().add("task-list");
        list.setPrefSize(420, 220);
        list.setCellFactory(view -> new TaskCell());
        popOver.setContentNode(list);
        popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
        popOver.setTitle("Running tasks");
        popOver.setDetachable(false);
        return popOver;
    }

    void showBelow(Node owner) {
        popOver().show(owner);
    }

    void hide() {
        if (popOver != null && popOver.isShowing()) {
            popOver.hide();
        }
    }

    private static final class TaskCell extends ListCell<FxTaskRunner.RunningTask> {
        @Override
        protected void updateItem(FxTaskRunner.RunningTask task, boolean empty) {
            super.updateItem(task, empty);
            if (empty || task == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label();
            name.textProperty().bind(task.messageProperty().map(m -> m.isBlank() ? task.name() : task.name() + ": " + m));
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(task.progressProperty());
            bar.setMaxWidth(Double.MAX_VALUE);
            Button cancel = new Button("✕");
            cancel.getStyleClass().add("flat");
            cancel.setOnAction(e -> task.cancel());
            VBox text = new VBox(2, name, bar);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(6, text, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
        }
    }
}
