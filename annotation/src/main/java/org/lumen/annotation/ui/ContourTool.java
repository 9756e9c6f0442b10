// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.edit.PlanePoint;
import org.lumen.annotation.edit.PolygonFill;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;

/**
 * Draws a contour and fills it into the mask: drag for freehand (released = closed and filled),
 * or click the corners of a polygon and double-click to close it. Escape drops the contour.
 */
public final class ContourTool implements PlaneTool {

    private static final double FREEHAND_STEP_PX = 0.75;

    private final AnnotationSession session;
    private final List<PlanePoint> points = new ArrayList<>();
    private ViewportState view;
    private int planeIndex;
    private boolean dragging;
    private double hoverX;
    private double hoverY;

    public ContourTool(AnnotationSession session) {
        this.session = session;
    }

    @Override
    public String label() { return "Contour"; }

    @Override
    public void pressed(ViewportState v, double x, double y, MouseEvent event) {
        if (v.volume() != session.volume()) {
            return;
        }
        if (view != v || planeIndex != v.index() || points.isEmpty()) {
            points.clear();
            view = v;
            planeIndex = v.index();
        }
        if (event.getClickCount() >= 2 && points.size() >= 3) {
            close();
            return;
        }
        points.add(new PlanePoint(x, y));
        dragging = false;
    }

    @Override
    public void dragged(ViewportState v, double x, double y, MouseEvent event) {
        if (v != view || points.isEmpty()) {
            return;
        }
        PlanePoint last = points.getLast();
        if (Math.hypot(x - last.x(), y - last.y()) >= FREEHAND_STEP_PX) {
            points.add(new PlanePoint(x, y));
            dragging = true;
        }
        hoverX = x;
        hoverY = y;
    }

    @Override
    public void released(ViewportState v, double x, double y, MouseEvent event) {
        if (dragging && points.size() >= 3) {
            close();
        }
        dragging = false;
    }

    @Override
    public void moved(ViewportState v, double x, double y) {
        hoverX = x;
        hoverY = y;
    }

    @Override
    public boolean cancel() {
        boolean had = !points.isEmpty();
        points.clear();
        return had;
    }

    @Override
    public void draw(GraphicsContext g, ViewportState v, ScreenMapping mapping) {
        if (v != view || points.isEmpty() || v.index() != planeIndex) {
            return;
        }
        int rgb = session.activeClass().map(a -> a.rgb()).orElse(0xFFFFFF);
        g.setStroke(Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
        g.setLineWidth(1.5);
        double[] previous = null;
        for (PlanePoint p : points) {
            double[] s = mapping.pixelCenterToScreen(p.x(), p.y());
            if (previous != null) {
                g.strokeLine(previous[0], previous[1], s[0], s[1]);
            }
            previous = s;
        }
        double[] cursor = mapping.pixelCenterToScreen(hoverX, hoverY);
        g.setLineDashes(3, 3);
        g.strokeLine(previous[0], previous[1], cursor[0], cursor[1]);
        g.setLineDashes();
    }

    private void close() {
        PolygonFill.fill(session.editor(), view.plane(), planeIndex, List.copyOf(points), PaintRule.paint(session.activeLabel()));
        points.clear();
    }
}
