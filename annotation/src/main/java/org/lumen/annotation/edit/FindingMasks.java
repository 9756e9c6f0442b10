// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Masks made from an AI finding given as plain data (centre in patient mm and an extent in mm):
 * a sphere for a nodule-like finding, a box for a detection. Each call is one undoable step.
 */
public final class FindingMasks {

    private FindingMasks() { }

    /** Labels the voxels whose centres lie within {@code diameterMm / 2} of {@code centre}. Returns how many changed. */
    public static long sphere(MaskEditor editor, VolumeGeometry geometry, Vec3 centre, double diameterMm, PaintRule rule) {
        Objects.requireNonNull(centre, "centre");
        Brush ball = Brush.sphere(diameterMm / 2, rule);
        return editor.edit("From finding", () -> ball.dab(editor, geometry, centre, null));
    }

    /**
     * Labels the voxels whose centres lie in the box of {@code sizeMm} (along patient x, y and z:
     * LPS) centred on {@code centre}. Returns how many changed.
     */
    public static long box(MaskEditor editor, VolumeGeometry geometry, Vec3 centre, Vec3 sizeMm, PaintRule rule) {
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(rule, "rule");
        if (!(sizeMm.x() >= 0 && sizeMm.y() >= 0 && sizeMm.z() >= 0)) {
            throw new IllegalArgumentException("a box needs sizes of 0 mm or more, not " + sizeMm);
        }
        editor.requireGrid(geometry);
        Vec3 half = sizeMm.times(0.5);
        int[] dims = {geometry.columns(), geometry.rows(), geometry.slices()};
        int[] from = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] to = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            Vec3 p = centre.plus(new Vec3((corner & 1) == 0 ? -half.x() : half.x(), (corner & 2) == 0 ? -half.y() : half.y(),
                    (corner & 4) == 0 ? -half.z() : half.z()));
            double[] v = geometry.toVoxel(p);
            for (int a = 0; a < 3; a++) {
                from[a] = Math.min(from[a], Math.max(0, (int) Math.floor(v[a])));
                to[a] = Math.max(to[a], Math.min(dims[a] - 1, (int) Math.ceil(v[a])));
            }
        }
        double slack = 1e-9;
        return editor.edit("From finding", () -> {
            long changed = 0;
            for (int k = from[2]; k <= to[2]; k++) {
                for (int j = from[1]; j <= to[1]; j++) {
                    for (int i = from[0]; i <= to[0]; i++) {
                        Vec3 d = geometry.toPatient(i, j, k).minus(centre);
                        if (Math.abs(d.x()) <= half.x() + slack && Math.abs(d.y()) <= half.y() + slack
                                && Math.abs(d.z()) <= half.z() + slack && editor.paint(i, j, k, rule)) {
                            changed++;
                        }
                    }
                }
            }
            return changed;
        });
    }
}
