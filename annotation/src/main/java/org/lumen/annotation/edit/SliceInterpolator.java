// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.BitSet;
import org.lumen.viewer.image.DistanceTransform;
import java.util.Objects;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * Fills the planes between two annotated planes of one label by shape-based interpolation (Raya and
 * Udupa; Herman et al.): each annotated plane becomes a signed distance map in mm, the maps are
 * blended linearly by distance along the normal, and a voxel is labelled where the blend is inside.
 * Works along any family of view planes: stored slices, or rows or columns of the grid.
 */
public final class SliceInterpolator {

    private final ViewPlane plane;
    private final PlaneGrid grid;

    /** Interpolates across the planes of {@code plane} (stored slices: {@code ViewPlane.stored(geometry)}). */
    public SliceInterpolator(ViewPlane plane) {
        this.plane = Objects.requireNonNull(plane, "plane");
        this.grid = new PlaneGrid(plane);
    }

    /**
     * Interpolates {@code rule.label()} from plane n1 to plane n2 into the planes strictly between
     * them, writing by {@code rule} (commonly {@link PaintRule#paintOnEmpty}). One undoable step.
     * Returns how many voxels changed label.
     *
     * @throws IllegalArgumentException when n1 or n2 holds none of the label, or they are not two planes apart
     */
    public long interpolate(MaskEditor editor, int n1, int n2, PaintRule rule) {
        requireLabel(rule);
        requireGrid(editor);
        int from = Math.min(n1, n2);
        int to = Math.max(n1, n2);
        grid.requireIndex(from);
        grid.requireIndex(to);
        boolean[] a = planeMask(editor, from, rule.label());
        boolean[] b = planeMask(editor, to, rule.label());
        if (a == null || b == null) {
            throw new IllegalArgumentException("plane " + (a == null ? from : to) + " holds no voxel of label "
                    + rule.label() + " to interpolate from");
        }
        if (to - from < 2) {
            throw new IllegalArgumentException("planes " + from + " and " + to + " have no plane between them");
        }
        return editor.edit("Interpolate", () -> blend(editor, from, a, to, b, rule));
    }

    /**
     * Interpolates every gap between consecutive planes that hold {@code rule.label()}, as one
     * undoable step. Returns how many voxels changed label.
     */
    public long interpolateGaps(MaskEditor editor, PaintRule rule) {
        requireLabel(rule);
        requireGrid(editor);
        BitSet annotated = annotatedPlanes(editor, rule.label());
        return editor.edit("Interpolate", () -> {
            long changed = 0;
            int previous = annotated.nextSetBit(0);
            boolean[] before = previous < 0 ? null : planeMask(editor, previous, rule.label());
            for (int n = previous < 0 ? -1 : annotated.nextSetBit(previous + 1); n >= 0; n = annotated.nextSetBit(n + 1)) {
                boolean[] next = planeMask(editor, n, rule.label());
                if (n - previous >= 2) {
                    changed += blend(editor, previous, before, n, next, rule);
                }
                previous = n;
                before = next;
            }
            return changed;
        });
    }

    /** The planes that hold at least one voxel of {@code label}. */
    public BitSet annotatedPlanes(MaskEditor editor, int label) {
        BitSet planes = new BitSet(grid.count);
        if (plane.nAxis() == 2) {
            BitSet slices = editor.mask().labelledSlices();
            for (int k = slices.nextSetBit(0); k >= 0; k = slices.nextSetBit(k + 1)) {
                if (planeMask(editor, k, label) != null) {
                    planes.set(k);
                }
            }
            return planes;
        }
        for (int n = 0; n < grid.count; n++) {
            if (planeMask(editor, n, label) != null) {
                planes.set(n);
            }
        }
        return planes;
    }

    private long blend(MaskEditor editor, int n1, boolean[] a, int n2, boolean[] b, PaintRule rule) {
        double sx = plane.pixelWidthMm();
        double sy = plane.pixelHeightMm();
        double[] da = DistanceTransform.signed(a, grid.width, grid.height, sx, sy);
        double[] db = DistanceTransform.signed(b, grid.width, grid.height, sx, sy);
        int[] ijk = new int[3];
        long changed = 0;
        for (int n = n1 + 1; n < n2; n++) {
            double t = (double) (n - n1) / (n2 - n1);
            for (int y = 0; y < grid.height; y++) {
                for (int x = 0; x < grid.width; x++) {
                    int p = y * grid.width + x;
                    if ((1 - t) * da[p] + t * db[p] <= 0) {
                        grid.voxel(x, y, n, ijk);
                        if (editor.paint(ijk[0], ijk[1], ijk[2], rule)) {
                            changed++;
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Plane n's pixels carrying {@code label}, or null when none does. */
    private boolean[] planeMask(MaskEditor editor, int n, int label) {
        boolean[] inside = new boolean[grid.width * grid.height];
        boolean any = false;
        int[] ijk = new int[3];
        for (int y = 0; y < grid.height; y++) {
            for (int x = 0; x < grid.width; x++) {
                grid.voxel(x, y, n, ijk);
                if (editor.get(ijk[0], ijk[1], ijk[2]) == label) {
                    inside[y * grid.width + x] = true;
                    any = true;
                }
            }
        }
        return any ? inside : null;
    }

    private static void requireLabel(PaintRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.erases()) {
            throw new IllegalArgumentException("interpolation writes a label 1..255, not 0");
        }
    }

    private void requireGrid(MaskEditor editor) {
        editor.requireGrid(plane.geometry());
    }
}
