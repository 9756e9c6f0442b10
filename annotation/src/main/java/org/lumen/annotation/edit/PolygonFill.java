// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * Fills a closed polygon or freehand contour into the mask on one plane, by scanlines in plane pixel
 * coordinates: a pixel is inside when its centre is (even-odd rule, centres on a left or top edge in,
 * on a right or bottom edge out, so two polygons sharing an edge never both take its pixels). The
 * contour closes itself; points may be given in plane pixels or patient millimetres.
 */
public final class PolygonFill {

    private PolygonFill() { }

    /** Fills the polygon through {@code points} (plane pixels) on plane n. Returns how many voxels changed label. */
    public static long fill(MaskEditor editor, ViewPlane plane, int n, List<PlanePoint> points, PaintRule rule) {
        Objects.requireNonNull(rule, "rule");
        PlaneGrid grid = new PlaneGrid(plane);
        grid.requireIndex(n);
        if (points.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, not " + points.size());
        }
        List<PlanePoint> copy = List.copyOf(points);
        return editor.edit("Polygon", () -> {
            long changed = 0;
            int[] ijk = new int[3];
            for (int[] span : spans(copy, grid.width, grid.height)) {
                for (int x = span[1]; x <= span[2]; x++) {
                    grid.voxel(x, span[0], n, ijk);
                    if (editor.paint(ijk[0], ijk[1], ijk[2], rule)) {
                        changed++;
                    }
                }
            }
            return changed;
        });
    }

    /**
     * Fills a contour drawn in patient points (LPS mm) on the plane of {@code plane} nearest to their
     * mean; points off that plane are projected onto it.
     */
    public static long fill(MaskEditor editor, ViewPlane plane, List<Vec3> points, PaintRule rule) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, not 0");
        }
        Vec3 mean = Vec3.ZERO;
        List<PlanePoint> onPlane = new ArrayList<>(points.size());
        for (Vec3 p : points) {
            mean = mean.plus(p);
            double[] xy = plane.toPlane(p);
            onPlane.add(new PlanePoint(xy[0], xy[1]));
        }
        return fill(editor, plane, plane.nearestIndex(mean.times(1.0 / points.size())), onPlane, rule);
    }

    /** How many pixels of a width × height plane the polygon covers (for previews and tests). */
    public static long area(List<PlanePoint> points, int width, int height) {
        long pixels = 0;
        for (int[] span : spans(points, width, height)) {
            pixels += span[2] - span[1] + 1;
        }
        return pixels;
    }

    /** The inside runs {row y, first x, last x}, clipped to the plane. */
    static List<int[]> spans(List<PlanePoint> points, int width, int height) {
        int count = points.size();
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (PlanePoint p : points) {
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        List<int[]> spans = new ArrayList<>();
        int yFrom = Math.max(0, (int) Math.ceil(minY));
        int yTo = Math.min(height - 1, (int) Math.floor(maxY));
        double[] crossings = new double[count];
        for (int y = yFrom; y <= yTo; y++) {
            int found = 0;
            for (int e = 0; e < count; e++) {
                PlanePoint a = points.get(e);
                PlanePoint b = points.get((e + 1) % count);
                // Half-open in y: an edge counts for rows in [lower end, upper end).
                if (a.y() <= y && y < b.y() || b.y() <= y && y < a.y()) {
                    crossings[found++] = a.x() + (y - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
                }
            }
            Arrays.sort(crossings, 0, found);
            for (int c = 0; c + 1 < found; c += 2) {
                // Half-open in x: centres in [left, right).
                int from = Math.max(0, (int) Math.ceil(crossings[c]));
                int to = Math.min(width - 1, (int) Math.ceil(crossings[c + 1]) - 1);
                if (from <= to) {
                    spans.add(new int[] {y, from, to});
                }
            }
        }
        return spans;
    }
}
