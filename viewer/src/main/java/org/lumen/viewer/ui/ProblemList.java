// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import org.lumen.viewer.index.Problem;

/** Files the index could not use, each with its reason; the full path in the tooltip. */
public final class ProblemList extends ListView<Problem> {

    public ProblemList() {
        getStyleClass().add("problem-list");
        setPlaceholder(new Label("Every file was read."));
        setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                int slash = Math.max(p.file().lastIndexOf('/'), p.file().lastIndexOf('\\'));
                setText(p.file().substring(slash + 1) + "\n" + p.reason());
                setTooltip(new Tooltip(p.file() + "\n" + p.reason()));
            }
        });
    }

    /** The problems of an index that was read; none reads "Every file was read." */
    public void show(List<Problem> problems) {
        ((Label) getPlaceholder()).setText("Every file was read.");
        getItems().setAll(problems);
    }

    /** Nothing was read (no study open, or the path could not be opened): says so instead of "Every file was read." */
    public void showNothingRead(String sentence) {
        ((Label) getPlaceholder()).setText(sentence);
        getItems().clear();
    }
}
