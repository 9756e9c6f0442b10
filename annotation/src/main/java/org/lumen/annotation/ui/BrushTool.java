// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.lumen.annotation.edit.Brush;
import org.lumen.annotation.edit.BrushStroke;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Paints (or erases, or paints only within the HU range) with a disc or a sphere of the session's
 * radius in millimetres, on whatever plane the pointer is on, stored or reformatted. One drag is
 * one undo step; the cursor shows the brush's true size.
 */
public final class BrushTool implements PlaneTool {

    /** What the brush writes. */
    public enum Mode { PAINT, ERASE, THRESHOLD }

    private final AnnotationSession session;
    private final Mode mode;
    private BrushStroke stroke;
    private ViewportState hoverView;
    private double hoverX;
    private double hoverY;

    public BrushTool(AnnotationSession session, Mode mode) {
        this.session = session;
        this.mode = mode;
    }

    @Override
    public String label() {
        return switch (mode) {
            case PAINT -> "Brush";
            case ERASE -> "Eraser";
            case THRESHOLD -> "Threshold brush";
        };
    }

    @Override
    public void pressed(ViewportState view, double x, double y, MouseEvent event) {
        if (!onSessionSeries(view)) {
            return;
        }
        PaintRule rule = mode == Mode.ERASE ? PaintRule.erase() : PaintRule.paint(session.activeLabel());
        Brush brush = session.sphereBrush() ? Brush.sphere(session.brushRadiusMm(), rule) : Brush.disc(session.brushRadiusMm(), rule);
        if (mode == Mode.THRESHOLD) {
            brush = brush.withThreshold(session.thresholdRange());
        }
        stroke = BrushStroke.begin(session.editor(), view.plane(), view.index(), brush, session.values(), x, y);
        hover(view, x, y);
    }

    @Override
    public void dragged(ViewportState view, double x, double y, MouseEvent event) {
        if (stroke != null) {
            stroke.dragTo(x, y);
        }
        hover(view, x, y);
    }

    @Override
    public void released(ViewportState view, double x, double y, MouseEvent event) {
        if (stroke != null) {
            stroke.dragTo(x, y);
            stroke.end();
            stroke = null;
        }
    }

    @Override
    public void moved(ViewportState view, double x, double y) {
        hover(view, x, y);
    }

    @Override
    public boolean cancel() {
        if (stroke == null) {
            return false;
        }
        stroke.cancel();
        stroke = null;
        return true;
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping mapping) {
        if (view != hoverView || !onSessionSeries(view)) {
            return;
        }
        double[] c = mapping.pixelCenterToScreen(hoverX, hoverY);
        double r = session.brushRadiusMm() * mapping.mmToScreen();
        int rgb = session.activeClass().map(a -> a.rgb()).orElse(0xFFFFFF);
        g.setStroke(mode == Mode.ERASE ? Color.WHITE : Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
        g.setLineWidth(1.2);
        if (mode == Mode.ERASE) {
            g.setLineDashes(4, 3);
        }
        g.strokeOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
        g.setLineDashes();
    }

    private void hover(ViewportState view, double x, double y) {
        hoverView = view;
        hoverX = x;
        hoverY = y;
    }

    private boolean onSessionSeries(ViewportState view) {
        return view.volume() == session.volume();
    }
}
