// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.review;

import org.lumen.app.workflow.labelling.Labelling;
import org.lumen.annotation.review.CaseReview;
import org.lumen.annotation.review.ReviewedLabels;
import org.lumen.annotation.ui.ReviewPanel;
import org.lumen.annotation.ui.VectorLabelLayer;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.overlay.LabelStyle;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.volume.Volume;

/**
 * Shows one annotation under review over its series, read-only: a mask as an outlined label layer,
 * boxes, points and lines as a decoration, in the dataset's class colours. One at a time; showing
 * another, or none, takes the last one down. The reviewer sees another annotator's work without
 * opening it for editing.
 */
public final class ReviewedOverlay {

    private final ViewportContext viewports;
    private final Labelling labelling;
    private final ReviewPanel panel;
    private String layerSeries;
    private String layerName;
    private PlaneDecoration decoration;
    private long request;

    public ReviewedOverlay(ViewportContext viewports, Labelling labelling, ReviewPanel panel) {
        this.viewports = viewports;
        this.labelling = labelling;
        this.panel = panel;
    }

    /** Shows {@code item} of {@code review} over the series (null: nothing). */
    public void show(CaseReview review, CaseReview.Item item) {
        clear();
        long mine = ++request;
        if (review == null || item == null) {
            return;
        }
        Volume volume = volumeOf(review.seriesUid());
        if (volume == null) {
            panel.showNote("Open the case's series in a viewport to see its labels.");
            return;
        }
        labelling.catalogTasks().submit(BackgroundTask.of("Reading the reviewed labels",
                c -> ReviewedLabels.load(labelling.catalog(), review.dataset().id(), item)), labels -> {
                    if (mine == request) {
                        put(volume, labels);
                    }
                }, e -> panel.showNote("Cannot show " + item.describe() + ": " + e.getMessage() + "."));
    }

    private void put(Volume volume, ReviewedLabels labels) {
        var g = volume.geometry();
        if (labels.mask() != null) {
            if (labels.mask().columns() != g.columns() || labels.mask().rows() != g.rows() || labels.mask().slices() != g.slices()) {
                panel.showNote(labels.item().describe() + " was drawn on another grid than the series shown; it is not drawn.");
                return;
            }
            layerSeries = volume.plan().seriesUid();
            layerName = "Review: " + labels.item().describe();
            viewports.overlays().put(layerSeries, OverlayLayer.labels(layerName, labels.mask(),
                    LabelStyle.filled(labels.maskColours()).withOutline(true)));
        } else if (!labels.vectors().isEmpty()) {
            decoration = VectorLabelLayer.readOnly(volume, labels.vectors(), labels.classColours());
            viewports.decorations().add(decoration);
        }
        panel.showNote(labels.describe());
    }

    private void clear() {
        if (layerName != null) {
            viewports.overlays().remove(layerSeries, layerName);
            layerName = null;
        }
        if (decoration != null) {
            viewports.decorations().remove(decoration);
            decoration = null;
        }
    }

    private Volume volumeOf(String seriesUid) {
        SliceViewport active = viewports.activeProperty().get();
        if (active != null && active.state().volume().plan().seriesUid().equals(seriesUid)) {
            return active.state().volume();
        }
        return viewports.onScreen().stream().map(v -> v.state().volume()).filter(v -> v.plan().seriesUid().equals(seriesUid))
                .findFirst().orElse(null);
    }
}
