// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.labelling.Labelling;
import org.lumen.app.workflow.review.ReviewedOverlay;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import org.lumen.annotation.ui.ReviewPanel;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;

/**
 * The side panel's Review tab: the review panel on the case of the active viewport's series, in the
 * labelling catalog, as the person labelling at this workstation. It reads the case when the tab comes
 * to the front, and again while it is in front when the active viewport shows another series.
 */
final class ReviewTab {

    private final SidePanel side;
    private final ViewportContext viewports;
    private final ReviewPanel panel;
    private final Tab tab;

    /**
     * @param preferredDataset the dataset chosen in the Labels tab (id, or null), preferred when the
     *                         series is a case of several
     */
    ReviewTab(SidePanel side, ViewportContext viewports, Labelling labelling, Supplier<Long> preferredDataset, Consumer<String> report) {
        this.side = side;
        this.viewports = viewports;
        this.panel = new ReviewPanel(labelling::catalog, labelling.lane(), report);
        panel.setPerson(System.getProperty("user.name", "annotator"));
        panel.setPreferredDataset(preferredDataset);
        // A submitted or approved annotation cannot change: the open labelling session follows the move.
        panel.setOnMoved(labelling::reload);
        ReviewedOverlay reviewed = new ReviewedOverlay(viewports, labelling, panel);
        panel.setOnShow(reviewed::show);
        ScrollPane scroll = new ScrollPane(panel);
        scroll.setFitToWidth(true);
        this.tab = side.addTab("Review", scroll);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                panel.showCase(activeSeries());
            }
        });
        viewports.activeProperty().addListener((o, old, viewport) -> {
            String uid = activeSeries();
            if (!Objects.equals(uid, panel.seriesUid())) {
                // Behind another tab the panel empties rather than keep a case that is no longer on screen; it reads the new one when shown.
                panel.showCase(tab.isSelected() ? uid : null);
            }
        });
    }

    /** Brings the tab to the front on the active series' case (Annotate menu, Ctrl+Shift+R). */
    void show() {
        if (tab.isSelected()) {
            panel.showCase(activeSeries());
        } else {
            side.select(tab);
        }
    }

    Tab tab() { return tab; }

    ReviewPanel panel() { return panel; }

    private String activeSeries() {
        SliceViewport v = viewports.activeProperty().get();
        return v == null ? null : v.state().volume().plan().seriesUid();
    }
}
