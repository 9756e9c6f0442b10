// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import org.lumen.viewer.image.DistanceTransform;

/**
 * Dice, IoU, 95th-percentile Hausdorff distance and volumes of a predicted mask against a reference on the
 * same voxel grid (x fastest, then y, then z; spacing in mm). The Hausdorff distance is measured between the
 * two surfaces (voxels of a mask with a 6-neighbour outside it, the grid's edge counting as outside) with an
 * exact distance transform, and is the larger of the two directed 95th percentiles, as MONAI computes it.
 */
public final class SegmentationMetrics {

    private SegmentationMetrics() { }

    public static SegmentationScore compare(boolean[] reference, boolean[] predicted, int nx, int ny, int nz,
                                            double sx, double sy, double sz) {
        if (reference.length != predicted.length || (long) nx * ny * nz != reference.length) {
            throw new IllegalArgumentException("both masks must fill the " + nx + "×" + ny + "×" + nz + " grid; they have "
                    + reference.length + " and " + predicted.length + " voxels");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int p = 0; p < reference.length; p++) {
            if (reference[p] && predicted[p]) {
                tp++;
            } else if (predicted[p]) {
                fp++;
            } else if (reference[p]) {
                fn++;
            }
        }
        long tn = reference.length - tp - fp - fn;
        boolean bothEmpty = tp + fp + fn == 0;
        double dice = bothEmpty ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
        double iou = bothEmpty ? Double.NaN : (double) tp / (tp + fp + fn);
        double hd95 = tp + fn == 0 || tp + fp == 0 ? Double.NaN : hausdorff95(reference, predicted, nx, ny, nz, sx, sy, sz);
        double voxelMl = sx * sy * sz / 1000;
        return new SegmentationScore(tp, fp, fn, tn, dice, iou, hd95, (tp + fn) * voxelMl, (tp + fp) * voxelMl);
    }

    private static double hausdorff95(boolean[] a, boolean[] b, int nx, int ny, int nz, double sx, double sy, double sz) {
        boolean[] surfaceA = surface(a, nx, ny, nz);
        boolean[] surfaceB = surface(b, nx, ny, nz);
        double[] toB = DistanceTransform.squared(surfaceB, nx, ny, nz, sx, sy, sz);
        double[] toA = DistanceTransform.squared(surfaceA, nx, ny, nz, sx, sy, sz);
        return Math.max(directed95(surfaceA, toB), directed95(surfaceB, toA));
    }

    private static double directed95(boolean[] from, double[] squaredTo) {
        int n = 0;
        for (boolean s : from) {
            n += s ? 1 : 0;
        }
        double[] d = new double[n];
        int i = 0;
        for (int p = 0; p < from.length; p++) {
            if (from[p]) {
                d[i++] = Math.sqrt(squaredTo[p]);
            }
        }
        return Percentiles.of(d, 95);
    }

    static boolean[] surface(boolean[] mask, int nx, int ny, int nz) {
        boolean[] surface = new boolean[mask.length];
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int p = z * plane + y * nx + x;
                    if (!mask[p]) {
                        continue;
                    }
                    surface[p] = x == 0 || x == nx - 1 || y == 0 || y == ny - 1 || (nz > 1 && (z == 0 || z == nz - 1))
                            || !mask[p - 1] || !mask[p + 1] || !mask[p - nx] || !mask[p + nx]
                            || (nz > 1 && (!mask[p - plane] || !mask[p + plane]));
                }
            }
        }
        return surface;
    }
}
