// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Flood fill from a seed: paints the region of voxels connected to it whose value lies in
 * {@code range} and whose current label {@code rule} may paint over (so "paint on empty" also stops
 * at existing labels). On one plane (2D, any {@link ViewPlane}) or in the volume (3D). Bounded: a
 * region of more than {@code maxVoxels} is not painted at all, and the result says so.
 */
public record FloodFill(ValueRange range, PaintRule rule, Connectivity connectivity, long maxVoxels) {

    /** A bound that keeps an accidental fill of the whole body from the history: about 2 million voxels. */
    public static final long DEFAULT_MAX_VOXELS = 1L << 21;

    public FloodFill {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(connectivity, "connectivity");
        if (maxVoxels < 1) {
            throw new IllegalArgumentException("a flood fill bound must be at least 1 voxel, not " + maxVoxels);
        }
    }

    /** A 3D fill with 6-connectivity and the default bound. */
    public static FloodFill of(ValueRange range, PaintRule rule) {
        return new FloodFill(range, rule, Connectivity.SIX, DEFAULT_MAX_VOXELS);
    }

    public FloodFill withConnectivity(Connectivity c) {
        return new FloodFill(range, rule, c, maxVoxels);
    }

    public FloodFill withMaxVoxels(long max) {
        return new FloodFill(range, rule, connectivity, max);
    }

    /**
     * Fills in 3D from voxel (i, j, k). With a planar connectivity the fill stays in stored slice k.
     * One undoable step, or part of the open stroke.
     */
    public FloodResult fill(MaskEditor editor, VoxelValues values, int i, int j, int k) {
        GridValues.requireSameGrid(values, editor);
        if (!editor.mask().contains(i, j, k)) {
            return outside(i + ", " + j + ", " + k);
        }
        int[] grid = {editor.columns(), editor.rows(), connectivity.isPlanar() ? 1 : editor.slices()};
        int kOffset = connectivity.isPlanar() ? k : 0;
        RegionGrower.Inside inside = (a, b, c) -> accepts(editor, values, a, b, c + kOffset);
        return run(editor, grid, new int[] {i, j, k - kOffset}, inside, (a, b, c, out) -> {
            out[0] = a;
            out[1] = b;
            out[2] = c + kOffset;
        });
    }

    /** Fills in 3D from the voxel nearest to a patient point (LPS mm). */
    public FloodResult fill(MaskEditor editor, VoxelValues values, VolumeGeometry geometry, Vec3 seed) {
        double[] v = geometry.toVoxel(seed);
        return fill(editor, values, (int) Math.round(v[0]), (int) Math.round(v[1]), (int) Math.round(v[2]));
    }

    /**
     * Fills on plane n of {@code plane} only, from the pixel nearest to (x, y), with this fill's
     * connectivity reduced to the plane (6 → 4, 18 and 26 → 8).
     */
    public FloodResult fillOnPlane(MaskEditor editor, VoxelValues values, ViewPlane plane, int n, double x, double y) {
        GridValues.requireSameGrid(values, editor);
        PlaneGrid grid = new PlaneGrid(plane);
        grid.requireIndex(n);
        int px = (int) Math.round(x);
        int py = (int) Math.round(y);
        if (!grid.containsPixel(px, py)) {
            return outside("plane pixel " + px + ", " + py);
        }
        int[] ijk = new int[3];
        RegionGrower.Inside inside = (a, b, c) -> {
            grid.voxel(a, b, n, ijk);
            return accepts(editor, values, ijk[0], ijk[1], ijk[2]);
        };
        FloodFill planar = withConnectivity(connectivity.inPlane());
        return planar.run(editor, new int[] {grid.width, grid.height, 1}, new int[] {px, py, 0}, inside,
                (a, b, c, out) -> grid.voxel(a, b, n, out));
    }

    /** Maps a grower cell to voxel (i, j, k). */
    @FunctionalInterface
    private interface ToVoxel {
        void voxel(int a, int b, int c, int[] out);
    }

    private FloodResult run(MaskEditor editor, int[] dims, int[] seed, RegionGrower.Inside inside, ToVoxel toVoxel) {
        if (!inside.test(seed[0], seed[1], seed[2])) {
            int[] v = new int[3];
            toVoxel.voxel(seed[0], seed[1], seed[2], v);
            return rejected(editor, v);
        }
        RegionGrower grower = new RegionGrower(dims[0], dims[1], dims[2], connectivity);
        RegionGrower.Region region = grower.grow(seed[0], seed[1], seed[2], inside, maxVoxels);
        if (region.exceeded()) {
            return new FloodResult(FloodResult.Outcome.LIMIT_REACHED, maxVoxels + 1, 0,
                    "The region grows past " + maxVoxels + " voxels, so nothing was filled: narrow the range "
                            + range.low() + ".." + range.high() + " or raise the limit.");
        }
        long changed = editor.edit("Flood fill", () -> {
            long n = 0;
            int[] v = new int[3];
            long[] cells = region.cells();
            for (int m = 0; m < region.size(); m++) {
                toVoxel.voxel(grower.a(cells[m]), grower.b(cells[m]), grower.c(cells[m]), v);
                if (editor.paint(v[0], v[1], v[2], rule)) {
                    n++;
                }
            }
            return n;
        });
        return new FloodResult(FloodResult.Outcome.FILLED, region.size(), changed,
                "Filled " + region.size() + " voxels (" + changed + " changed).");
    }

    private boolean accepts(MaskEditor editor, VoxelValues values, int i, int j, int k) {
        return rule.allows(editor.get(i, j, k)) && range.contains(values.value(i, j, k));
    }

    private FloodResult rejected(MaskEditor editor, int[] v) {
        int label = editor.get(v[0], v[1], v[2]);
        String why = rule.allows(label)
                ? "its value is outside " + range.low() + ".." + range.high()
                : "it carries label " + label + ", which this tool does not paint over";
        return new FloodResult(FloodResult.Outcome.SEED_REJECTED, 0, 0,
                "Nothing filled: the seed voxel " + v[0] + ", " + v[1] + ", " + v[2] + " is not fillable because " + why + ".");
    }

    private static FloodResult outside(String where) {
        return new FloodResult(FloodResult.Outcome.SEED_OUTSIDE, 0, 0, "Nothing filled: the seed (" + where + ") lies outside the image.");
    }
}
