// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.function.Consumer;
import javafx.scene.input.MouseEvent;
import org.lumen.annotation.edit.FloodFill;
import org.lumen.annotation.edit.FloodResult;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Flood fill from the clicked voxel within the session's HU range: on the plane shown, or in 3D
 * with Alt held. The result's sentence (filled, or why not) goes to the status line.
 */
public final class FillTool implements PlaneTool {

    private final AnnotationSession session;
    private final Consumer<String> report;

    public FillTool(AnnotationSession session, Consumer<String> report) {
        this.session = session;
        this.report = report;
    }

    @Override
    public String label() { return "Fill"; }

    @Override
    public void pressed(ViewportState view, double x, double y, MouseEvent event) {
        if (view.volume() != session.volume()) {
            return;
        }
        FloodFill fill = FloodFill.of(session.thresholdRange(), PaintRule.paint(session.activeLabel()));
        FloodResult result;
        if (event.isAltDown()) {
            double[] v = view.plane().toVoxel(x, y, view.index());
            result = fill.fill(session.editor(), session.values(), (int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]));
        } else {
            result = fill.fillOnPlane(session.editor(), session.values(), view.plane(), view.index(), x, y);
        }
        report.accept(result.message());
    }

    @Override
    public void dragged(ViewportState view, double x, double y, MouseEvent event) { }

    @Override
    public void released(ViewportState view, double x, double y, MouseEvent event) { }
}
