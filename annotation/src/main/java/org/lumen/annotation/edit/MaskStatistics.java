// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Sizes of labels in patient units, from the series' geometry (a sheared stack included). In an
 * irregular stack a voxel of slice k reaches halfway to each neighbouring slice, so its volume
 * follows that slice's own gaps (ADR 0014).
 */
public final class MaskStatistics {

    private MaskStatistics() { }

    /** The volume of one voxel in mm³ (the mean over the slices of an irregular stack). */
    public static double voxelVolumeMm3(VolumeGeometry g) {
        return new Metric(g.rowDirection().times(g.columnSpacing()), g.columnDirection().times(g.rowSpacing()), g.sliceStep())
                .cellSize();
    }

    /** The volume in mm³ of the voxels carrying {@code label}. */
    public static double volumeMm3(LabelMask mask, VolumeGeometry g, int label) {
        requireSameGrid(mask, g);
        if (g.isRegular()) {
            return mask.count(label) * voxelVolumeMm3(g);
        }
        double area = g.rowDirection().times(g.columnSpacing()).cross(g.columnDirection().times(g.rowSpacing())).length();
        double total = 0;
        for (int k = 0; k < g.slices(); k++) {
            byte[] slice = mask.sliceOrNull(k);
            if (slice == null) {
                continue;
            }
            long count = 0;
            for (byte b : slice) {
                if ((b & 0xFF) == label) {
                    count++;
                }
            }
            total += count * area * sliceThicknessMm(g, k);
        }
        return total;
    }

    /** How far along the normal the voxels of slice k of an irregular stack reach: half of each gap beside it (an end slice: its one gap). */
    static double sliceThicknessMm(VolumeGeometry g, int k) {
        var p = g.slicePositions();
        int n = g.slices();
        double before = k > 0 ? p.distance(k) - p.distance(k - 1) : p.distance(1) - p.distance(0);
        double after = k < n - 1 ? p.distance(k + 1) - p.distance(k) : p.distance(n - 1) - p.distance(n - 2);
        return (before + after) / 2;
    }

    static void requireSameGrid(LabelMask mask, VolumeGeometry g) {
        if (g.columns() != mask.columns() || g.rows() != mask.rows() || g.slices() != mask.slices()) {
            throw new IllegalArgumentException("the geometry is of a " + g.columns() + "x" + g.rows() + "x" + g.slices()
                    + " grid, the mask is " + mask.columns() + "x" + mask.rows() + "x" + mask.slices());
        }
    }
}
