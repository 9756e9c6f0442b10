// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A brush: a disc on the plane being drawn on, or a sphere across slices, of a radius in patient
 * millimetres — round in mm on anisotropic grids, sheared stacks and reformats — writing by a
 * {@link PaintRule} (label 0 makes it an eraser), optionally only where the voxel value lies in a
 * {@link ValueRange} (threshold paint). A voxel is under the brush when its centre is within the
 * radius of the brush centre; painting from one point to the next covers everything within the
 * radius of the segment between them, so a fast drag leaves no gaps.
 *
 * @param range the values a voxel must have to be painted, or null for no threshold
 */
public record Brush(Shape shape, double radiusMm, PaintRule rule, ValueRange range) {

    /** Relative slack on the radius, so a pixel centre exactly on the rim is painted despite rounding. */
    private static final double RIM = 1e-9;

    public enum Shape {
        /** A disc on the plane drawn on: paints that plane only. */
        DISC,
        /** A ball in 3D: paints every slice it reaches. */
        SPHERE
    }

    public Brush {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(rule, "rule");
        if (!(radiusMm > 0) || Double.isInfinite(radiusMm)) {
            throw new IllegalArgumentException("a brush radius must be a positive number of mm, not " + radiusMm);
        }
    }

    /** A 2D brush on the plane drawn on. */
    public static Brush disc(double radiusMm, PaintRule rule) {
        return new Brush(Shape.DISC, radiusMm, rule, null);
    }

    /** A 3D brush. */
    public static Brush sphere(double radiusMm, PaintRule rule) {
        return new Brush(Shape.SPHERE, radiusMm, rule, null);
    }

    /** This brush painting only voxels whose value (HU) lies in {@code range}: threshold paint. */
    public Brush withThreshold(ValueRange range) {
        return new Brush(shape, radiusMm, rule, Objects.requireNonNull(range, "range"));
    }

    public Brush withRadius(double mm) {
        return new Brush(shape, mm, rule, range);
    }

    public Brush withRule(PaintRule rule) {
        return new Brush(shape, radiusMm, rule, range);
    }

    public boolean isThreshold() {
        return range != null;
    }

    /**
     * Paints from plane pixel (x0, y0) to (x1, y1) on plane n (continuous coordinates, pixel centres
     * at integers) as one edit, or as part of the open stroke. Returns how many voxels changed label.
     *
     * @param values the voxel values for a threshold brush; may be null otherwise
     */
    public long paint(MaskEditor editor, ViewPlane plane, int n, double x0, double y0, double x1, double y1, VoxelValues values) {
        PlaneGrid grid = new PlaneGrid(plane);
        grid.requireIndex(n);
        requireGrid(editor, plane.geometry(), values);
        return editor.edit(name(), () -> shape == Shape.DISC
                ? disc(editor, grid, n, x0, y0, x1, y1, values)
                : ball(editor, plane.geometry(), plane.toVoxel(x0, y0, n), plane.toVoxel(x1, y1, n), values));
    }

    /** One dab at plane pixel (x, y) of plane n. */
    public long dab(MaskEditor editor, ViewPlane plane, int n, double x, double y, VoxelValues values) {
        return paint(editor, plane, n, x, y, x, y, values);
    }

    /** One dab centred on a patient point (LPS mm); a disc lies in the plane of the stored slice nearest to it. */
    public long dab(MaskEditor editor, VolumeGeometry geometry, Vec3 centre, VoxelValues values) {
        if (shape == Shape.DISC) {
            ViewPlane plane = ViewPlane.stored(geometry);
            double[] p = plane.toPlane(centre);
            return dab(editor, plane, plane.nearestIndex(centre), p[0], p[1], values);
        }
        requireGrid(editor, geometry, values);
        double[] v = geometry.toVoxel(centre);
        return editor.edit(name(), () -> ball(editor, geometry, v, v, values));
    }

    private String name() {
        String what = rule.erases() ? "Eraser" : isThreshold() ? "Threshold paint" : "Brush";
        return shape == Shape.SPHERE ? what + " (3D)" : what;
    }

    private void requireGrid(MaskEditor editor, VolumeGeometry g, VoxelValues values) {
        editor.requireGrid(g);
        if (range != null) {
            Objects.requireNonNull(values, "a threshold brush needs the voxel values");
            GridValues.requireSameGrid(values, editor);
        }
    }

    private long disc(MaskEditor editor, PlaneGrid grid, int n, double x0, double y0, double x1, double y1, VoxelValues values) {
        Metric metric = new Metric(grid.stepX, grid.stepY);
        double r2 = radiusMm * radiusMm * (1 + RIM);
        double ex = radiusMm * metric.extentPerMm(0);
        double ey = radiusMm * metric.extentPerMm(1);
        int xFrom = Math.max(0, (int) Math.ceil(Math.min(x0, x1) - ex));
        int xTo = Math.min(grid.width - 1, (int) Math.floor(Math.max(x0, x1) + ex));
        int yFrom = Math.max(0, (int) Math.ceil(Math.min(y0, y1) - ey));
        int yTo = Math.min(grid.height - 1, (int) Math.floor(Math.max(y0, y1) + ey));
        double[] d = {x1 - x0, y1 - y0};
        double dd = metric.norm2(d);
        double[] u = new double[2];
        double[] scratch = new double[2];
        int[] ijk = new int[3];
        long changed = 0;
        for (int y = yFrom; y <= yTo; y++) {
            for (int x = xFrom; x <= xTo; x++) {
                u[0] = x - x0;
                u[1] = y - y0;
                if (metric.distance2ToSegment(u, d, dd, scratch) <= r2) {
                    grid.voxel(x, y, n, ijk);
                    if (paintVoxel(editor, ijk[0], ijk[1], ijk[2], values)) {
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    private long ball(MaskEditor editor, VolumeGeometry g, double[] p0, double[] p1, VoxelValues values) {
        Metric metric = new Metric(g.rowDirection().times(g.columnSpacing()), g.columnDirection().times(g.rowSpacing()), g.sliceStep());
        double r2 = radiusMm * radiusMm * (1 + RIM);
        int[] from = new int[3];
        int[] to = new int[3];
        int[] dims = {g.columns(), g.rows(), g.slices()};
        for (int a = 0; a < 3; a++) {
            double e = radiusMm * metric.extentPerMm(a);
            from[a] = Math.max(0, (int) Math.ceil(Math.min(p0[a], p1[a]) - e));
            to[a] = Math.min(dims[a] - 1, (int) Math.floor(Math.max(p0[a], p1[a]) + e));
        }
        double[] d = {p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]};
        double dd = metric.norm2(d);
        double[] u = new double[3];
        double[] scratch = new double[3];
        long changed = 0;
        for (int k = from[2]; k <= to[2]; k++) {
            for (int j = from[1]; j <= to[1]; j++) {
                for (int i = from[0]; i <= to[0]; i++) {
                    u[0] = i - p0[0];
                    u[1] = j - p0[1];
                    u[2] = k - p0[2];
                    if (metric.distance2ToSegment(u, d, dd, scratch) <= r2 && paintVoxel(editor, i, j, k, values)) {
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    private boolean paintVoxel(MaskEditor editor, int i, int j, int k, VoxelValues values) {
        if (range != null && !range.contains(values.value(i, j, k))) {
            return false;
        }
        return editor.paint(i, j, k, rule);
    }
}
