// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * Where a vector label shows on a view plane, and what the pointer is over: in plane pixels (x to
 * the right, y down, plane index n), found from the label's patient points, so a label drawn on an
 * axial slice also shows on the matching plane of another view and a 3D box shows on every plane it
 * crosses. JavaFX-free; the UI draws and hit-tests with it.
 */
public final class VectorLabelPlacement {

    /** Slack (in planes) so a point drawn exactly on a plane is not lost to rounding. */
    private static final double SLACK = 1e-6;

    /** How a label meets a plane. */
    public enum Fit {
        /** Every point lies within half a plane of it: drawn as drawn. */
        ON_PLANE,
        /** It spans several planes and this is one of them (a 3D box, a line drawn across slices): drawn projected. */
        CROSSING,
        /** Not on this plane. */
        ELSEWHERE
    }

    /** A handle (a defining point) of a label. */
    public record Handle(VectorLabel label, int index) {
        public Handle {
            Objects.requireNonNull(label, "label");
        }
    }

    private VectorLabelPlacement() {
    }

    public static Fit fit(VectorLabel label, ViewPlane plane, int n) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Vec3 p : footprint(label)) {
            double k = plane.toPlane(p)[2];
            low = Math.min(low, k);
            high = Math.max(high, k);
        }
        if (low >= n - 0.5 - SLACK && high <= n + 0.5 + SLACK) {
            return Fit.ON_PLANE;
        }
        return n >= low - 0.5 - SLACK && n <= high + 0.5 + SLACK ? Fit.CROSSING : Fit.ELSEWHERE;
    }

    /**
     * The outline to draw, in plane pixels ({x, y} each): a point's position, a line's two ends, a
     * box's four corners in drawing order. A box that is not flat on the plane is drawn as the
     * rectangle its corners cover on the plane, which is its section when its axes follow the plane's.
     */
    public static List<double[]> outline(VectorLabel label, ViewPlane plane) {
        List<double[]> out = new ArrayList<>();
        switch (label) {
            case PointLabel p -> out.add(xy(plane, p.position()));
            case LineLabel l -> {
                out.add(xy(plane, l.a()));
                out.add(xy(plane, l.b()));
            }
            case BoxLabel b -> {
                double minX = Double.POSITIVE_INFINITY;
                double minY = Double.POSITIVE_INFINITY;
                double maxX = Double.NEGATIVE_INFINITY;
                double maxY = Double.NEGATIVE_INFINITY;
                for (Vec3 corner : b.corners()) {
                    double[] q = xy(plane, corner);
                    minX = Math.min(minX, q[0]);
                    maxX = Math.max(maxX, q[0]);
                    minY = Math.min(minY, q[1]);
                    maxY = Math.max(maxY, q[1]);
                }
                out.add(new double[] {minX, minY});
                out.add(new double[] {maxX, minY});
                out.add(new double[] {maxX, maxY});
                out.add(new double[] {minX, maxY});
            }
        }
        return out;
    }

    /**
     * The handle nearest to plane pixel (x, y) within {@code tolerance} plane pixels, among the
     * handles of {@code labels} that lie on plane {@code n}; later labels win ties (they are drawn on top).
     */
    public static Optional<Handle> handleAt(List<VectorLabel> labels, ViewPlane plane, int n, double x, double y, double tolerance) {
        Handle best = null;
        double bestDistance = tolerance;
        for (VectorLabel label : labels) {
            List<Vec3> points = label.points();
            for (int i = 0; i < points.size(); i++) {
                double[] q = plane.toPlane(points.get(i));
                if (Math.abs(q[2] - n) > 0.5 + SLACK) {
                    continue;
                }
                double d = Math.hypot(q[0] - x, q[1] - y);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = new Handle(label, i);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The topmost label shown on plane {@code n} under plane pixel (x, y): a box whose edge, a line or
     * a point within {@code tolerance} plane pixels of it. Inside a box is not on it, so a point or
     * another box can be drawn within a lesion's box.
     */
    public static Optional<VectorLabel> labelAt(List<VectorLabel> labels, ViewPlane plane, int n, double x, double y, double tolerance) {
        for (VectorLabel label : labels.reversed()) {
            if (fit(label, plane, n) == Fit.ELSEWHERE) {
                continue;
            }
            List<double[]> outline = outline(label, plane);
            boolean hit = switch (label) {
                case PointLabel p -> Math.hypot(outline.getFirst()[0] - x, outline.getFirst()[1] - y) <= tolerance;
                case LineLabel l -> distanceToSegment(x, y, outline.get(0), outline.get(1)) <= tolerance;
                case BoxLabel b -> nearOutline(x, y, outline, tolerance);
            };
            if (hit) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    private static boolean nearOutline(double x, double y, List<double[]> corners, double tolerance) {
        for (int i = 0; i < corners.size(); i++) {
            if (distanceToSegment(x, y, corners.get(i), corners.get((i + 1) % corners.size())) <= tolerance) {
                return true;
            }
        }
        return false;
    }

    private static double distanceToSegment(double x, double y, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.clamp(((x - a[0]) * dx + (y - a[1]) * dy) / lengthSquared, 0, 1);
        return Math.hypot(a[0] + t * dx - x, a[1] + t * dy - y);
    }

    /** The points whose plane positions decide the fit: a box's eight corners, otherwise its handles. */
    private static List<Vec3> footprint(VectorLabel label) {
        return label instanceof BoxLabel box ? box.corners() : label.points();
    }

    private static double[] xy(ViewPlane plane, Vec3 p) {
        double[] q = plane.toPlane(p);
        return new double[] {q[0], q[1]};
    }
}
