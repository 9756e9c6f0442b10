// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.lumen.annotation.exchange.ImportedReport;
import org.lumen.annotation.exchange.ImportedStructureSet;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.ui.PlaneDecoration;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.Volume;

/**
 * Outlines in patient mm from others' objects on every view of one series: an RT structure set's
 * contours and an SR's measurement regions (SCOORD3D). An outline whose points all lie within half a
 * plane of the view's plane is drawn in its colour with its label; a point as a small cross. Being in
 * patient mm, outlines follow reformats as measurements do.
 */
final class OutlineDecoration implements PlaneDecoration {

    /** How an outline is drawn. */
    enum Kind { POINT, OPEN, CLOSED }

    /** One outline: its label (drawn once per view), colour, kind and points. */
    record Outline(String label, int rgb, Kind kind, List<Vec3> points) { }

    private static final int ROI_DEFAULT_RGB = 0xFFD700;
    private static final int REPORT_RGB = 0x00E5FF;
    private static final int ELLIPSE_STEPS = 48;

    private final Volume volume;
    private final List<Outline> outlines;

    OutlineDecoration(Volume volume, List<Outline> outlines) {
        this.volume = volume;
        this.outlines = List.copyOf(outlines);
    }

    String seriesUid() {
        return volume.plan().seriesUid();
    }

    /** A structure set's contours in its ROIs' colours, each named by its ROI. */
    static List<Outline> of(ImportedStructureSet set) {
        List<Outline> out = new ArrayList<>();
        for (ImportedStructureSet.Roi roi : set.rois()) {
            int rgb = roi.colour() == null ? ROI_DEFAULT_RGB : Integer.parseInt(roi.colour().substring(1), 16);
            for (ImportedStructureSet.Contour c : roi.contours()) {
                Kind kind = "POINT".equals(c.geometricType()) || c.points().size() == 1 ? Kind.POINT
                        : "CLOSED_PLANAR".equals(c.geometricType()) ? Kind.CLOSED : Kind.OPEN;
                out.add(new Outline(roi.name(), rgb, kind, c.points()));
            }
        }
        return out;
    }

    /**
     * A report's SCOORD3D regions in {@code frameOfReferenceUid}, each labelled with its group's tracking
     * identifier and first value; an ellipsoid shows as its cross-section through its first two axes.
     */
    static List<Outline> of(ImportedReport report, String frameOfReferenceUid) {
        List<Outline> out = new ArrayList<>();
        for (ImportedReport.Group g : report.groups()) {
            String label = g.trackingId() == null ? "" : g.trackingId();
            if (!g.values().isEmpty()) {
                ImportedReport.Value v = g.values().getFirst();
                label += String.format(Locale.ROOT, ": %.1f %s", v.value(), v.unit() == null ? "" : v.unit().value());
            }
            for (ImportedReport.Region r : g.regions()) {
                if (!"SCOORD3D".equals(r.valueType()) || !frameOfReferenceUid.equals(r.frameOfReferenceUid())) {
                    continue;
                }
                List<Vec3> p = new ArrayList<>();
                for (int i = 0; i + 2 < r.coordinates().length; i += 3) {
                    p.add(new Vec3(r.coordinates()[i], r.coordinates()[i + 1], r.coordinates()[i + 2]));
                }
                switch (r.graphicType() == null ? "" : r.graphicType()) {
                    case "POINT", "MULTIPOINT" -> p.forEach(q -> out.add(new Outline(g.trackingId(), REPORT_RGB, Kind.POINT, List.of(q))));
                    case "POLYLINE" -> out.add(new Outline(label, REPORT_RGB, Kind.OPEN, p));
                    case "POLYGON" -> out.add(new Outline(label, REPORT_RGB, Kind.CLOSED, p));
                    case "ELLIPSE", "ELLIPSOID" -> {
                        if (p.size() >= 4) {
                            out.add(new Outline(label, REPORT_RGB, Kind.CLOSED, ellipse(p.get(0), p.get(1), p.get(2), p.get(3))));
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    /** The ellipse with axis end points a1–a2 and b1–b2, as a polygon. */
    private static List<Vec3> ellipse(Vec3 a1, Vec3 a2, Vec3 b1, Vec3 b2) {
        Vec3 centre = a1.plus(a2).times(0.5);
        Vec3 a = a2.minus(a1).times(0.5);
        Vec3 b = b2.minus(b1).times(0.5);
        List<Vec3> points = new ArrayList<>();
        for (int i = 0; i < ELLIPSE_STEPS; i++) {
            double t = 2 * Math.PI * i / ELLIPSE_STEPS;
            points.add(centre.plus(a.times(Math.cos(t))).plus(b.times(Math.sin(t))));
        }
        return points;
    }

    @Override
    public void draw(GraphicsContext g, ViewportState view, ScreenMapping m) {
        if (view.volume() != volume) {
            return;
        }
        g.setLineWidth(1.5);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Outline outline : outlines) {
            double[][] screen = onPlane(outline.points(), view, m);
            if (screen == null) {
                continue;
            }
            Color colour = Color.rgb(outline.rgb() >> 16 & 0xFF, outline.rgb() >> 8 & 0xFF, outline.rgb() & 0xFF);
            g.setStroke(colour);
            g.setFill(colour);
            double[] xs = new double[screen.length];
            double[] ys = new double[screen.length];
            for (int i = 0; i < screen.length; i++) {
                xs[i] = screen[i][0];
                ys[i] = screen[i][1];
            }
            switch (outline.kind()) {
                case POINT -> {
                    g.strokeLine(xs[0] - 5, ys[0], xs[0] + 5, ys[0]);
                    g.strokeLine(xs[0], ys[0] - 5, xs[0], ys[0] + 5);
                }
                case CLOSED -> g.strokePolygon(xs, ys, screen.length);
                case OPEN -> g.strokePolyline(xs, ys, screen.length);
            }
            if (outline.label() != null && named.add(outline.label())) {
                // A dark outline under the text keeps it legible over bright images, as the viewer's own labels.
                g.setStroke(Color.BLACK);
                g.setLineWidth(3);
                g.strokeText(outline.label(), xs[0] + 4, ys[0] - 4);
                g.setLineWidth(1.5);
                g.fillText(outline.label(), xs[0] + 4, ys[0] - 4);
            }
        }
    }

    /** The points on screen, or null when any lies off the view's plane. */
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
