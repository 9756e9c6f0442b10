// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import java.util.Optional;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * One mouse drag of a {@link Brush} on one plane: press ({@link #begin}), drag ({@link #dragTo}),
 * release ({@link #end}) — recorded as one undoable step however many segments it painted. What a
 * viewport drives with plane pixels (or patient points) from its mouse events.
 */
public final class BrushStroke {

    private final MaskEditor editor;
    private final ViewPlane plane;
    private final int n;
    private final Brush brush;
    private final VoxelValues values;
    private double lastX;
    private double lastY;
    private long changed;
    private boolean open = true;

    private BrushStroke(MaskEditor editor, ViewPlane plane, int n, Brush brush, VoxelValues values, double x, double y) {
        this.editor = editor;
        this.plane = plane;
        this.n = n;
        this.brush = brush;
        this.values = values;
        this.lastX = x;
        this.lastY = y;
    }

    /**
     * Presses the brush at plane pixel (x, y) of plane n: opens a stroke on {@code editor} and paints the first dab.
     *
     * @param values the voxel values for a threshold brush; may be null otherwise
     * @throws IllegalStateException when the editor already has a stroke open
     */
    public static BrushStroke begin(MaskEditor editor, ViewPlane plane, int n, Brush brush, VoxelValues values, double x, double y) {
        Objects.requireNonNull(editor, "editor");
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(brush, "brush");
        editor.beginStroke(brush.rule().erases() ? "Erase" : "Paint");
        BrushStroke stroke = new BrushStroke(editor, plane, n, brush, values, x, y);
        try {
            stroke.changed = brush.dab(editor, plane, n, x, y, values);
        } catch (RuntimeException e) {
            editor.cancelStroke();
            throw e;
        }
        return stroke;
    }

    /** Presses the brush at a patient point (LPS mm), on the plane of {@code plane} nearest to it. */
    public static BrushStroke begin(MaskEditor editor, ViewPlane plane, Brush brush, VoxelValues values, Vec3 point) {
        double[] p = plane.toPlane(point);
        return begin(editor, plane, plane.nearestIndex(point), brush, values, p[0], p[1]);
    }

    /** Drags to plane pixel (x, y) on the stroke's plane; returns the voxels this segment changed. */
    public long dragTo(double x, double y) {
        if (!open) {
            throw new IllegalStateException("the stroke has ended");
        }
        long segment = brush.paint(editor, plane, n, lastX, lastY, x, y, values);
        lastX = x;
        lastY = y;
        changed += segment;
        return segment;
    }

    /** Drags to a patient point, projected onto the stroke's plane. */
    public long dragTo(Vec3 point) {
        double[] p = plane.toPlane(point);
        return dragTo(p[0], p[1]);
    }

    /** Releases the brush: the stroke becomes one step of the history (none when it changed nothing). */
    public Optional<MaskEdit> end() {
        if (!open) {
            return Optional.empty();
        }
        open = false;
        return editor.endStroke();
    }

    /** Abandons the stroke (Escape during a drag): every voxel it changed is put back. */
    public void cancel() {
        if (open) {
            open = false;
            editor.cancelStroke();
        }
    }

    public int planeIndex() { return n; }

    /** Voxels changed so far (a voxel painted twice counts twice). */
    public long changedVoxels() { return changed; }
}
