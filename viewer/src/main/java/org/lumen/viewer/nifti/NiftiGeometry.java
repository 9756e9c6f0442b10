// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.nifti;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Where a voxel grid lies in DICOM patient space (LPS, mm): voxel (i, j, k) has its centre at
 * {@code origin + i·iStep + j·jStep + k·kStep}. For a DICOM series, i is the column index (iStep is
 * ImageOrientationPatient's row direction × column spacing), j the row index and k the slice index.
 */
public record NiftiGeometry(int nx, int ny, int nz, Vec3 origin, Vec3 iStep, Vec3 jStep, Vec3 kStep) {

    /** NIfTI-1 stores dimensions as signed 16-bit numbers. */
    public static final int MAX_DIMENSION = Short.MAX_VALUE;

    public NiftiGeometry {
        if (nx < 1 || ny < 1 || nz < 1 || nx > MAX_DIMENSION || ny > MAX_DIMENSION || nz > MAX_DIMENSION) {
            throw new IllegalArgumentException("NIfTI-1 dimensions must be between 1 and " + MAX_DIMENSION
                    + ", were " + nx + "×" + ny + "×" + nz);
        }
        Objects.requireNonNull(origin, "origin");
        requireStep("iStep", iStep);
        requireStep("jStep", jStep);
        requireStep("kStep", kStep);
        if (Math.abs(iStep.cross(jStep).dot(kStep)) < 1e-9) {
            throw new IllegalArgumentException("voxel steps must not be coplanar: " + iStep + ", " + jStep + ", " + kStep);
        }
    }

    /**
     * The grid of a series volume as it is stored: column i, row j, slice k, with the slice step as
     * the third axis (a gantry tilt's shear kept).
     *
     * @throws IllegalArgumentException when the slices are unevenly spaced: an affine cannot hold them
     */
    public static NiftiGeometry of(VolumeGeometry g) {
        if (!g.isRegular()) {
            throw new IllegalArgumentException("the slices are not evenly spaced (" + g.describeSpacing()
                    + "): a NIfTI affine cannot hold them");
        }
        return new NiftiGeometry(g.columns(), g.rows(), g.slices(), g.origin(), g.rowDirection().times(g.columnSpacing()),
                g.columnDirection().times(g.rowSpacing()), g.sliceStep());
    }

    public long voxelCount() { return (long) nx * ny * nz; }

    /** Centre of voxel (i, j, k) in patient coordinates (LPS). */
    public Vec3 voxelCentre(double i, double j, double k) {
        return origin.plus(iStep.times(i)).plus(jStep.times(j)).plus(kStep.times(k));
    }

    /** The continuous voxel index (i, j, k) of a patient point: the inverse of {@link #voxelCentre}. */
    public double[] toVoxel(Vec3 point) {
        return point.minus(origin).in(iStep, jStep, kStep);
    }

    private static void requireStep(String name, Vec3 step) {
        Objects.requireNonNull(step, name);
        double length = step.length();
        if (!(length > 0) || Double.isInfinite(length)) {
            throw new IllegalArgumentException(name + " must be a finite, non-zero vector, was " + step);
        }
    }
}
