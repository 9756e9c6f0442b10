// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.mask;

import java.util.function.IntUnaryOperator;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiDataType;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A NIfTI label volume brought onto a series' voxel grid: each voxel of the grid takes the label of
 * the NIfTI voxel whose centre is nearest to its centre in patient space (through both affines), so a
 * mask written in another slice order or orientation lands on the same voxels. Voxels outside the
 * NIfTI's grid stay 0.
 */
public final class NiftiMasks {

    private NiftiMasks() { }

    /**
     * @param labels a uint8 NIfTI image with an sform
     * @param map    what each NIfTI label becomes in the mask (0 for none), 0..255
     */
    public static LabelMask onGrid(NiftiImage labels, VolumeGeometry grid, IntUnaryOperator map) {
        if (labels.header().dataType() != NiftiDataType.UINT8) {
            throw new IllegalArgumentException("a label volume holds uint8 values, this one " + labels.header().dataType());
        }
        NiftiGeometry source = labels.header().geometry();
        int[] lookup = new int[256];
        for (int v = 0; v < 256; v++) {
            lookup[v] = map.applyAsInt(v);
        }
        LabelMask mask = new LabelMask(grid.columns(), grid.rows(), grid.slices());
        double[][] inverse = inverse(source);
        int nx = source.nx();
        int ny = source.ny();
        int nz = source.nz();
        // Along a row the source index moves by a fixed step: one transform per row, not per voxel.
        double[] di = times(inverse, grid.rowDirection().times(grid.columnSpacing()));
        for (int k = 0; k < grid.slices(); k++) {
            byte[] plane = null;
            for (int j = 0; j < grid.rows(); j++) {
                double[] s = times(inverse, grid.toPatient(0, j, k).minus(source.origin()));
                for (int i = 0; i < grid.columns(); i++) {
                    long si = Math.round(s[0] + i * di[0]);
                    long sj = Math.round(s[1] + i * di[1]);
                    long sk = Math.round(s[2] + i * di[2]);
                    if (si < 0 || sj < 0 || sk < 0 || si >= nx || sj >= ny || sk >= nz) {
                        continue;
                    }
                    int label = lookup[labels.uint8(labels.index((int) si, (int) sj, (int) sk))];
                    if (label != 0) {
                        if (plane == null) {
                            plane = new byte[grid.columns() * grid.rows()];
                        }
                        plane[j * grid.columns() + i] = (byte) label;
                    }
                }
            }
            mask.adoptSlice(k, plane);
        }
        return mask;
    }

    private static double[] times(double[][] m, Vec3 v) {
        return new double[] {m[0][0] * v.x() + m[0][1] * v.y() + m[0][2] * v.z(), m[1][0] * v.x() + m[1][1] * v.y() + m[1][2] * v.z(),
            m[2][0] * v.x() + m[2][1] * v.y() + m[2][2] * v.z()};
    }

    /** The inverse of the 3×3 matrix whose columns are the NIfTI grid's steps. */
    private static double[][] inverse(NiftiGeometry g) {
        Vec3 a = g.iStep();
        Vec3 b = g.jStep();
        Vec3 c = g.kStep();
        double det = a.dot(b.cross(c));
        Vec3 r0 = b.cross(c).times(1 / det);
        Vec3 r1 = c.cross(a).times(1 / det);
        Vec3 r2 = a.cross(b).times(1 / det);
        return new double[][] {{r0.x(), r0.y(), r0.z()}, {r1.x(), r1.y(), r1.z()}, {r2.x(), r2.y(), r2.z()}};
    }
}
