// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.UUID;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * The session's boxes, points and lines on every view of its series, MPR included, hidden with the
 * labels (L) and per class; the selected one is drawn with its handles.
 */
public final class VectorLabelLayer implements PlaneDecoration {

    private final AnnotationSession session;
    private final Supplier<UUID> selected;

    public VectorLabelLayer(AnnotationSession session, Supplier<UUID> selected) {
        this.session = session;
        this.selected = selected;
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping mapping) {
        if (view.volume() != session.volume() || !session.layer().visible()) {
            return;
        }
        UUID chosen = selected.get();
        for (VectorLabel label : session.objects().vectorLabels()) {
            boolean hidden = session.classNamed(label.labelClass())
                    .map(c -> session.layer().labelStyle().hidden().contains(c.label())).orElse(false);
            if (!hidden) {
                VectorLabelPainter.draw(g, session, label, view, mapping,
                        label.id().equals(chosen) ? VectorLabelPainter.Style.SELECTED : VectorLabelPainter.Style.SAVED);
            }
        }
    }
}
