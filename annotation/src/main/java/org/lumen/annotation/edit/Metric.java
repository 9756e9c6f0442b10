// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.viewer.geometry.Vec3;

/**
 * Distances in patient millimetres between points given in grid coordinates (plane pixels or
 * voxels), through the Gram matrix of the grid's step vectors: exact for anisotropic spacing and for
 * sheared (gantry-tilted) grids, so a brush of radius r mm is round in mm whatever the grid.
 */
final class Metric {

    private final int dims;
    private final double[][] gram;
    private final double[] extent;

    /** A metric over 2 (plane) or 3 (volume) grid axes with these patient steps. */
    Metric(Vec3... steps) {
        dims = steps.length;
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("a metric has 2 or 3 axes");
        }
        gram = new double[dims][dims];
        for (int a = 0; a < dims; a++) {
            for (int b = 0; b < dims; b++) {
                gram[a][b] = steps[a].dot(steps[b]);
            }
        }
        double[][] inverse = invert(gram);
        extent = new double[dims];
        for (int a = 0; a < dims; a++) {
            extent[a] = Math.sqrt(inverse[a][a]);
        }
    }

    /** Half-width, in grid steps along {@code axis}, of the box holding a ball of 1 mm radius. */
    double extentPerMm(int axis) {
        return extent[axis];
    }

    /** Squared length (mm²) of grid vector {@code u}. */
    double norm2(double[] u) {
        double s = 0;
        for (int a = 0; a < dims; a++) {
            for (int b = 0; b < dims; b++) {
                s += u[a] * gram[a][b] * u[b];
            }
        }
        return s;
    }

    double dot(double[] u, double[] v) {
        double s = 0;
        for (int a = 0; a < dims; a++) {
            for (int b = 0; b < dims; b++) {
                s += u[a] * gram[a][b] * v[b];
            }
        }
        return s;
    }

    /**
     * Squared distance (mm²) from point {@code u} (relative to the segment's start) to the segment
     * from the start along {@code d}, whose squared length is {@code dd}; {@code scratch} is reused.
     */
    double distance2ToSegment(double[] u, double[] d, double dd, double[] scratch) {
        double t = dd == 0 ? 0 : Math.clamp(dot(u, d) / dd, 0, 1);
        for (int a = 0; a < dims; a++) {
            scratch[a] = u[a] - t * d[a];
        }
        return norm2(scratch);
    }

    /** Volume (mm³) of one grid cell of three axes, or area (mm²) of one of two. */
    double cellSize() {
        double det = dims == 2 ? gram[0][0] * gram[1][1] - gram[0][1] * gram[1][0] : determinant3(gram);
        return Math.sqrt(Math.max(0, det));
    }

    private static double[][] invert(double[][] m) {
        if (m.length == 2) {
            double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
            requireNonDegenerate(det);
            return new double[][] {{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
        }
        double det = determinant3(m);
        requireNonDegenerate(det);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }

    private static double determinant3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static void requireNonDegenerate(double det) {
        if (!(det > 0) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("degenerate grid: its steps do not span the space");
        }
    }
}
