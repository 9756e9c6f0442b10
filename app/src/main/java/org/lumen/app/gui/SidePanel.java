// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.List;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.ui.MeasurementList;
import org.lumen.viewer.ui.ProblemList;
import org.lumen.viewer.ui.TagBrowser;

/** The right-hand panel: DICOM tags of the active image, measurements, and files that could not be read. Later issues add AI findings and labels here. */
final class SidePanel extends TabPane {

    private final TagBrowser tags = new TagBrowser();
    private final MeasurementList measurements = new MeasurementList();
    private final ProblemList problems = new ProblemList();
    private final Tab problemsTab = new Tab("Problems", problems);

    SidePanel() {
        getStyleClass().add("side-panel");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(new Tab("Tags", tags), new Tab("Measurements", measurements), problemsTab);
        setPrefWidth(400);
        setMinWidth(0);
    }

    /** Adds a tab for another workflow (labels, AI findings) and returns it. */
    Tab addTab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        getTabs().add(tab);
        return tab;
    }

    void select(Tab tab) {
        getSelectionModel().select(tab);
    }

    TagBrowser tags() { return tags; }

    MeasurementList measurements() { return measurements; }

    ProblemList problems() { return problems; }

    void showProblems(List<Problem> list) {
        problems.show(list);
        problemsTab.setText(list.isEmpty() ? "Problems" : "Problems (" + list.size() + ")");
    }

    /** Brings the problems list to the front. */
    void showProblems() {
        getSelectionModel().select(problemsTab);
    }
}
