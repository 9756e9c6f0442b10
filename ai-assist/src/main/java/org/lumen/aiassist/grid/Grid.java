// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * A voxel grid in patient space (LPS, mm): voxel (i, j, k) has its centre at
 * {@code origin + i·iStep + j·jStep + k·kStep}. A series' grid, a model's resampled grid and a
 * heatmap's grid are all Grids, so mapping between them is one affine.
 */
public final class Grid {

    private final int nx;
    private final int ny;
    private final int nz;
    private final Vec3 origin;
    private final Vec3 iStep;
    private final Vec3 jStep;
    private final Vec3 kStep;
    /** Rows of the inverse of [iStep jStep kStep]. */
    private final double[] inverse;

    public Grid(int nx, int ny, int nz, Vec3 origin, Vec3 iStep, Vec3 jStep, Vec3 kStep) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.iStep = Objects.requireNonNull(iStep, "iStep");
        this.jStep = Objects.requireNonNull(jStep, "jStep");
        this.kStep = Objects.requireNonNull(kStep, "kStep");
        double det = iStep.dot(jStep.cross(kStep));
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("degenerate grid: its steps are coplanar");
        }
        Vec3 r0 = jStep.cross(kStep).times(1 / det);
        Vec3 r1 = kStep.cross(iStep).times(1 / det);
        Vec3 r2 = iStep.cross(jStep).times(1 / det);
        this.inverse = new double[] {r0.x(), r0.y(), r0.z(), r1.x(), r1.y(), r1.z(), r2.x(), r2.y(), r2.z()};
    }

    /**
     * The grid of a loaded series: its own voxel grid when the slices are evenly spaced; for an
     * irregular stack, the evenly spaced grid over its true extent that models see ({@link VolumeGeometry#uniform()}, ADR 0014).
     */
    public static Grid of(VolumeGeometry g) {
        VolumeGeometry u = g.uniform();
        return new Grid(u.columns(), u.rows(), u.slices(), u.origin(), u.rowDirection().times(u.columnSpacing()),
                u.columnDirection().times(u.rowSpacing()), u.sliceStep());
    }

    /** The grid of a NIfTI image. */
    public static Grid of(NiftiGeometry g) {
        return new Grid(g.nx(), g.ny(), g.nz(), g.origin(), g.iStep(), g.jStep(), g.kStep());
    }

    public NiftiGeometry toNifti() {
        return new NiftiGeometry(nx, ny, nz, origin, iStep, jStep, kStep);
    }

    public int nx() { return nx; }

    public int ny() { return ny; }

    public int nz() { return nz; }

    public Vec3 origin() { return origin; }

    public Vec3 iStep() { return iStep; }

    public Vec3 jStep() { return jStep; }

    public Vec3 kStep() { return kStep; }

    /** Size along axis 0 (i), 1 (j) or 2 (k). */
    public int size(int axis) {
        return switch (axis) {
            case 0 -> nx;
            case 1 -> ny;
            case 2 -> nz;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    public Vec3 step(int axis) {
        return switch (axis) {
            case 0 -> iStep;
            case 1 -> jStep;
            case 2 -> kStep;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    /** Distance between neighbouring voxel centres along an axis, in mm. */
    public double spacing(int axis) {
        return step(axis).length();
    }

    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** Voxel count as an array length; refuses grids too large for one Java array. */
    public int arrayLength() {
        long n = voxelCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a " + nx + "x" + ny + "x" + nz + " grid has more voxels than one array holds");
        }
        return (int) n;
    }

    /** Volume of one voxel in mm³. */
    public double voxelVolume() {
        return Math.abs(iStep.dot(jStep.cross(kStep)));
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public Vec3 toPatient(double i, double j, double k) {
        return new Vec3(origin.x() + i * iStep.x() + j * jStep.x() + k * kStep.x(),
                origin.y() + i * iStep.y() + j * jStep.y() + k * kStep.y(),
                origin.z() + i * iStep.z() + j * jStep.z() + k * kStep.z());
    }

    /** The continuous voxel index {i, j, k} of a patient-space point. */
    public double[] toVoxel(Vec3 p) {
        double dx = p.x() - origin.x();
        double dy = p.y() - origin.y();
        double dz = p.z() - origin.z();
        return new double[] {
            inverse[0] * dx + inverse[1] * dy + inverse[2] * dz,
            inverse[3] * dx + inverse[4] * dy + inverse[5] * dz,
            inverse[6] * dx + inverse[7] * dy + inverse[8] * dz,
        };
    }

    /**
     * The affine from this grid's voxel indices to {@code other}'s: 12 numbers, row-major 3×4, so
     * that {@code other (i', j', k') = A · (i, j, k, 1)}.
     */
    public double[] voxelAffineTo(Grid other) {
        double[] a = new double[12];
        Vec3[] columns = {iStep, jStep, kStep};
        for (int c = 0; c < 3; c++) {
            double[] d = other.direction(columns[c]);
            a[c] = d[0];
            a[4 + c] = d[1];
            a[8 + c] = d[2];
        }
        double[] t = other.toVoxel(origin);
        a[3] = t[0];
        a[7] = t[1];
        a[11] = t[2];
        return a;
    }

    /** A direction (not a point) in this grid's voxel units. */
    private double[] direction(Vec3 v) {
        return new double[] {
            inverse[0] * v.x() + inverse[1] * v.y() + inverse[2] * v.z(),
            inverse[3] * v.x() + inverse[4] * v.y() + inverse[5] * v.z(),
            inverse[6] * v.x() + inverse[7] * v.y() + inverse[8] * v.z(),
        };
    }

    /** True when both grids put the same voxels at the same places (within a micrometre). */
    public boolean sameAs(Grid o) {
        return nx == o.nx && ny == o.ny && nz == o.nz && close(origin, o.origin) && close(iStep, o.iStep)
                && close(jStep, o.jStep) && close(kStep, o.kStep);
    }

    private static boolean close(Vec3 a, Vec3 b) {
        return a.distance(b) < 1e-3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && nx == g.nx && ny == g.ny && nz == g.nz && origin.equals(g.origin)
                && iStep.equals(g.iStep) && jStep.equals(g.jStep) && kStep.equals(g.kStep);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nx, ny, nz, origin, iStep, jStep, kStep);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%dx%dx%d grid, %.3gx%.3gx%.3g mm", nx, ny, nz, spacing(0), spacing(1), spacing(2));
    }
}
