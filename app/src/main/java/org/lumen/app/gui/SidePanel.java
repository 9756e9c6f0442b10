// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.ui.MeasurementList;
import org.lumen.viewer.ui.ProblemList;
import org.lumen.viewer.ui.TagBrowser;

/**
 * The right-hand panel: DICOM tags of the active image, the measurements of the study on screen, files that could not be read; the window adds labels, AI and review tabs.
 *
 * <p>A tab added with {@link #addTab} joins the scene only when it is first shown (ADR 0023): a tab
 * pane styles and lays out every tab's content, the hidden ones too, so each workflow's panel would
 * otherwise be paid for in the window's first CSS and layout pass, before anything is on screen. The
 * panel objects may be made at once (the window talks to them while they are hidden) or on first show.
 */
final class SidePanel extends TabPane {

    private final TagBrowser tags = new TagBrowser();
    private final MeasurementList measurements = new MeasurementList();
    private final ProblemList problems = new ProblemList();
    private final Tab problemsTab;
    private final javafx.scene.control.Label measurementsOf = new javafx.scene.control.Label();

    SidePanel() {
        getStyleClass().add("side-panel");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        measurementsOf.getStyleClass().add("study-caption");
        measurementsOf.setWrapText(true);
        javafx.scene.layout.VBox measured = new javafx.scene.layout.VBox(4, measurementsOf, measurements);
        javafx.scene.layout.VBox.setVgrow(measurements, javafx.scene.layout.Priority.ALWAYS);
        // Only the tags are in front at start; the other lists join the scene when first shown, like the workflow tabs.
        getTabs().add(new Tab("Tags", tags));
        addTab("Measurements", measured);
        problemsTab = addTab("Problems", problems);
        showProblems(List.of());
        problems.showNothingRead("No study is open.");
        setPrefWidth(400);
        setMinWidth(0);
    }

    /** Adds a tab for another workflow (labels, AI findings) whose content joins the scene when the tab is first shown. */
    Tab addTab(String title, Node content) {
        return addTab(title, () -> content);
    }

    /**
     * Adds a tab whose content {@code content} makes (or hands over) when the tab is first shown, by the
     * user or by {@link #select}; until then the tab has no content. Returns the tab.
     */
    Tab addTab(String title, Supplier<? extends Node> content) {
        Tab tab = new Tab(title);
        getTabs().add(tab);
        if (tab.isSelected()) {
            tab.setContent(content.get());
        } else {
            tab.selectedProperty().addListener(new InvalidationListener() {
                @Override
                public void invalidated(Observable selected) {
                    if (tab.isSelected()) {
                        tab.selectedProperty().removeListener(this);
                        tab.setContent(content.get());
                    }
                }
            });
        }
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
