// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.lumen.annotation.exchange.ImportedStructureSet;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.volume.Volume;

/**
 * An RT Structure Set's contours on every view of one series: a contour whose points all lie within
 * half a plane of the view's plane is drawn as an outline in its ROI's colour, named once; a POINT
 * contour as a small cross. Contours are in patient mm, so they follow reformats as measurements do.
 */
final class StructureSetOutlines implements PlaneDecoration {

    private static final int DEFAULT_RGB = 0xFFD700;

    private final Volume volume;
    private final ImportedStructureSet set;

    StructureSetOutlines(Volume volume, ImportedStructureSet set) {
        this.volume = volume;
        this.set = set;
    }

    String seriesUid() {
        return volume.plan().seriesUid();
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping m) {
        if (view.volume() != volume) {
            return;
        }
        g.setLineWidth(1.5);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        for (ImportedStructureSet.Roi roi : set.rois()) {
            int rgb = roi.colour() == null ? DEFAULT_RGB : Integer.parseInt(roi.colour().substring(1), 16);
            Color colour = Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
            g.setStroke(colour);
            g.setFill(colour);
            boolean named = false;
            for (ImportedStructureSet.Contour contour : roi.contours()) {
                double[][] screen = onPlane(contour.points(), view, m);
                if (screen == null) {
                    continue;
                }
                double[] xs = new double[screen.length];
                double[] ys = new double[screen.length];
                for (int i = 0; i < screen.length; i++) {
                    xs[i] = screen[i][0];
                    ys[i] = screen[i][1];
                }
                if ("POINT".equals(contour.geometricType()) || screen.length == 1) {
                    g.strokeLine(xs[0] - 5, ys[0], xs[0] + 5, ys[0]);
                    g.strokeLine(xs[0], ys[0] - 5, xs[0], ys[0] + 5);
                } else if ("CLOSED_PLANAR".equals(contour.geometricType())) {
                    g.strokePolygon(xs, ys, screen.length);
                } else {
                    g.strokePolyline(xs, ys, screen.length);
                }
                if (!named) {
                    g.fillText(roi.name(), xs[0] + 4, ys[0] - 4);
                    named = true;
                }
            }
        }
    }

    /** The contour's points on screen, or null when any lies off the view's plane. */
    private static double[][] onPlane(List<Vec3> points, ViewportState view, ScreenMapping m) {
        if (points.isEmpty()) {
            return null;
        }
        double[][] screen = new double[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            double[] q = view.plane().toPlane(points.get(i));
            if (Math.abs(q[2] - view.index()) > 0.5) {
                return null;
            }
            screen[i] = m.pixelCenterToScreen(q[0], q[1]);
        }
        return screen;
    }
}
