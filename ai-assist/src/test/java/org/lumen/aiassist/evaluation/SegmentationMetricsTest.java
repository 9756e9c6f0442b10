// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentationMetricsTest {

    private static boolean[] box(int nx, int ny, int nz, int x0, int x1, int y0, int y1, int z0, int z1) {
        boolean[] mask = new boolean[nx * ny * nz];
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    mask[(z * ny + y) * nx + x] = true;
                }
            }
        }
        return mask;
    }

    @Test
    void identicalMasksAgreeFully() {
        boolean[] cube = box(20, 20, 20, 5, 15, 5, 15, 5, 15);
        SegmentationScore score = SegmentationMetrics.compare(cube, cube, 20, 20, 20, 0.5, 0.5, 2);
        assertThat(score.dice()).isEqualTo(1.0);
        assertThat(score.hd95Mm()).isEqualTo(0.0);
        // 1,000 voxels of 0.5 mm³.
        assertThat(score.referenceMl()).isCloseTo(0.5, within(1e-12));
        assertThat(score.volumeErrorMl()).isZero();
    }

    @Test
    void aShiftedCubeOverlapsByTheExpectedShare() {
        boolean[] reference = box(20, 20, 20, 5, 15, 5, 15, 5, 15);
        boolean[] predicted = box(20, 20, 20, 7, 17, 5, 15, 5, 15);
        SegmentationScore score = SegmentationMetrics.compare(reference, predicted, 20, 20, 20, 1, 1, 1);
        // 800 of 1,000 voxels shared: Dice 1,600 / 2,000, IoU 800 / 1,200.
        assertThat(score.dice()).isCloseTo(0.8, within(1e-12));
        assertThat(score.iou()).isCloseTo(800 / 1200.0, within(1e-12));
        assertThat(score.truePositives()).isEqualTo(800);
        assertThat(score.falsePositives()).isEqualTo(200);
        // No surface voxel is more than 2 mm from the other surface.
        assertThat(score.hd95Mm()).isLessThanOrEqualTo(2.0).isGreaterThan(0);
    }

    @Test
    void emptyMasksFollowNnUNetsRule() {
        boolean[] empty = new boolean[8 * 8 * 8];
        boolean[] some = box(8, 8, 8, 2, 4, 2, 4, 2, 4);
        SegmentationScore bothEmpty = SegmentationMetrics.compare(empty, empty, 8, 8, 8, 1, 1, 1);
        SegmentationScore missed = SegmentationMetrics.compare(some, empty, 8, 8, 8, 1, 1, 1);
        assertThat(bothEmpty.dice()).isNaN();
        assertThat(bothEmpty.hd95Mm()).isNaN();
        assertThat(missed.dice()).isZero();
        assertThat(missed.hd95Mm()).isNaN();
        assertThat(missed.volumeErrorMl()).isCloseTo(-0.008, within(1e-12));
    }

    @Test
    void hausdorff95MatchesABruteForceOverBothSurfacesOnRandomBlobs() {
        SplittableRandom random = new SplittableRandom(21);
        int nx = 14;
        int ny = 12;
        int nz = 7;
        double sx = 0.7;
        double sy = 0.9;
        double sz = 2.5;
        for (int trial = 0; trial < 6; trial++) {
            boolean[] a = blob(random, nx, ny, nz);
            boolean[] b = blob(random, nx, ny, nz);
            SegmentationScore score = SegmentationMetrics.compare(a, b, nx, ny, nz, sx, sy, sz);
            double expected = Math.max(bruteDirected95(a, b, nx, ny, nz, sx, sy, sz), bruteDirected95(b, a, nx, ny, nz, sx, sy, sz));
            assertThat(score.hd95Mm()).isCloseTo(expected, within(1e-9));
        }
    }

    private static boolean[] blob(SplittableRandom random, int nx, int ny, int nz) {
        double cx = random.nextDouble(3, nx - 3);
        double cy = random.nextDouble(3, ny - 3);
        double cz = random.nextDouble(1, nz - 1);
        double r = random.nextDouble(2, 5);
        boolean[] mask = new boolean[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double d = Math.hypot(Math.hypot(x - cx, y - cy), (z - cz) * 2);
                    mask[(z * ny + y) * nx + x] = d < r + random.nextDouble(-0.7, 0.7);
                }
            }
        }
        mask[(int) cz * nx * ny + (int) cy * nx + (int) cx] = true;
        return mask;
    }

    /** Directed 95th percentile from a's surface to b's surface, by checking every pair. */
    private static double bruteDirected95(boolean[] a, boolean[] b, int nx, int ny, int nz, double sx, double sy, double sz) {
        boolean[] sa = SegmentationMetrics.surface(a, nx, ny, nz);
        boolean[] sb = SegmentationMetrics.surface(b, nx, ny, nz);
        double[] d = new double[a.length];
        int n = 0;
        for (int p = 0; p < a.length; p++) {
            if (!sa[p]) {
                continue;
            }
            double best = Double.MAX_VALUE;
            for (int q = 0; q < b.length; q++) {
                if (sb[q]) {
                    double dx = (p % nx - q % nx) * sx;
                    double dy = (p / nx % ny - q / nx % ny) * sy;
                    double dz = (p / (nx * ny) - q / (nx * ny)) * sz;
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
            }
            d[n++] = Math.sqrt(best);
        }
        return Percentiles.of(java.util.Arrays.copyOf(d, n), 95);
    }
}
