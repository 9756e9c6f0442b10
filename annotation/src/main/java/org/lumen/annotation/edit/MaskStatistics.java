// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/** Sizes of labels in patient units, from the series' geometry (a sheared stack included). */
public final class MaskStatistics {

    private MaskStatistics() { }

    /** The volume of one voxel in mm³. */
    public static double voxelVolumeMm3(VolumeGeometry g) {
        return new Metric(g.rowDirection().times(g.columnSpacing()), g.columnDirection().times(g.rowSpacing()), g.sliceStep())
                .cellSize();
    }

    /** The volume in mm³ of the voxels carrying {@code label}. */
    public static double volumeMm3(LabelMask mask, VolumeGeometry g, int label) {
        requireSameGrid(mask, g);
        return mask.count(label) * voxelVolumeMm3(g);
    }

    static void requireSameGrid(LabelMask mask, VolumeGeometry g) {
        if (g.columns() != mask.columns() || g.rows() != mask.rows() || g.slices() != mask.slices()) {
            throw new IllegalArgumentException("the geometry is of a " + g.columns() + "x" + g.rows() + "x" + g.slices()
                    + " grid, the mask is " + mask.columns() + "x" + mask.rows() + "x" + mask.slices());
        }
    }
}
