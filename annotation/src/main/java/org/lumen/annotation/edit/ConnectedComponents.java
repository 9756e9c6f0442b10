// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The connected components of a label in a mask, with voxel count, volume, centroid and box: what
 * lesion-level counting and agreement (which lesions two annotators share) are built on. Only the
 * slices that hold labels are visited.
 */
public final class ConnectedComponents {

    private ConnectedComponents() { }

    /** Components of {@code label}, largest first. */
    public static List<Component> of(LabelMask mask, int label, Connectivity connectivity, VolumeGeometry geometry) {
        if (label < 1 || label > 255) {
            throw new IllegalArgumentException("components are of a label 1..255, not " + label);
        }
        return find(mask, label, connectivity, geometry);
    }

    /** Components of all labelled voxels together, whatever their label (their {@code label} is then 0), largest first. */
    public static List<Component> ofAnyLabel(LabelMask mask, Connectivity connectivity, VolumeGeometry geometry) {
        return find(mask, 0, connectivity, geometry);
    }

    private static List<Component> find(LabelMask mask, int label, Connectivity connectivity, VolumeGeometry g) {
        Objects.requireNonNull(connectivity, "connectivity");
        MaskStatistics.requireSameGrid(mask, g);
        double voxelMm3 = MaskStatistics.voxelVolumeMm3(g);
        int columns = mask.columns();
        int planar = connectivity.isPlanar() ? 1 : 0;
        RegionGrower.Inside inside = label == 0
                ? (i, j, k) -> mask.get(i, j, k) != 0
                : (i, j, k) -> mask.get(i, j, k) == label;
        List<Component> found = new ArrayList<>();
        BitSet labelled = mask.labelledSlices();
        // A planar connectivity needs a grower per slice (its grid is one slice deep).
        RegionGrower volumeGrower = planar == 0 ? new RegionGrower(columns, mask.rows(), mask.slices(), connectivity) : null;
        for (int k = labelled.nextSetBit(0); k >= 0; k = labelled.nextSetBit(k + 1)) {
            byte[] plane = mask.sliceOrNull(k);
            RegionGrower grower = volumeGrower != null ? volumeGrower : new RegionGrower(columns, mask.rows(), 1, connectivity);
            int kk = k;
            RegionGrower.Inside test = planar == 0 ? inside : (i, j, c) -> inside.test(i, j, kk);
            int c = planar == 0 ? k : 0;
            for (int p = 0; p < plane.length; p++) {
                int v = plane[p] & 0xFF;
                if (v == 0 || label != 0 && v != label || grower.visited(p % columns, p / columns, c)) {
                    continue;
                }
                RegionGrower.Region region = grower.grow(p % columns, p / columns, c, test, Long.MAX_VALUE);
                found.add(describe(grower, region, planar == 0 ? 0 : k, label, voxelMm3, g));
            }
        }
        found.sort(Comparator.comparingLong(Component::voxels).reversed());
        List<Component> numbered = new ArrayList<>(found.size());
        for (int n = 0; n < found.size(); n++) {
            Component x = found.get(n);
            numbered.add(new Component(n + 1, x.label(), x.voxels(), x.volumeMm3(), x.centroid(), x.box()));
        }
        return numbered;
    }

    private static Component describe(RegionGrower grower, RegionGrower.Region region, int kOffset, int label,
                                      double voxelMm3, VolumeGeometry g) {
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        double[] sum = new double[3];
        long[] cells = region.cells();
        for (int m = 0; m < region.size(); m++) {
            int[] v = {grower.a(cells[m]), grower.b(cells[m]), grower.c(cells[m]) + kOffset};
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], v[a]);
                max[a] = Math.max(max[a], v[a]);
                sum[a] += v[a];
            }
        }
        long n = region.size();
        return new Component(0, label, n, n * voxelMm3, g.toPatient(sum[0] / n, sum[1] / n, sum[2] / n),
                new VoxelBox(min[0], min[1], min[2], max[0], max[1], max[2]));
    }
}
