// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.List;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.ui.MeasurementList;
import org.lumen.viewer.ui.ProblemList;
import org.lumen.viewer.ui.TagBrowser;

/** The right-hand panel: DICOM tags of the active image, the measurements of the study on screen, files that could not be read; the window adds labels, AI and review tabs. */
final class SidePanel extends TabPane {

    private final TagBrowser tags = new TagBrowser();
    private final MeasurementList measurements = new MeasurementList();
    private final ProblemList problems = new ProblemList();
    private final Tab problemsTab = new Tab("Problems", problems);
    private final javafx.scene.control.Label measurementsOf = new javafx.scene.control.Label();

    SidePanel() {
        getStyleClass().add("side-panel");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        measurementsOf.getStyleClass().add("study-caption");
        measurementsOf.setWrapText(true);
        javafx.scene.layout.VBox measured = new javafx.scene.layout.VBox(4, measurementsOf, measurements);
        javafx.scene.layout.VBox.setVgrow(measurements, javafx.scene.layout.Priority.ALWAYS);
        getTabs().addAll(new Tab("Tags", tags), new Tab("Measurements", measured), problemsTab);
        showProblems(List.of());
        problems.showNothingRead("No study is open.");
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

    /** Names the study whose measurements the list shows (or says there is none). */
    void showMeasurementsOf(String caption) {
        measurementsOf.setText(caption);
    }

    String measurementsCaption() { return measurementsOf.getText(); }

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
