// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import org.lumen.viewer.geometry.Vec3;

/**
 * Maps voxel indices to patient coordinates (LPS, mm) and back. Voxel (i, j, k) is column i,
 * row j of slice k; its centre lies at origin + i·columnSpacing·rowDirection +
 * j·rowSpacing·columnDirection + k·sliceStep. The slice step need not be along the normal:
 * a gantry-tilted stack keeps its shear here instead of being resampled or mis-stacked.
 */
public record VolumeGeometry(int columns, int rows, int slices, Vec3 origin, Vec3 rowDirection, Vec3 columnDirection,
                             double columnSpacing, double rowSpacing, Vec3 sliceStep) {

    public VolumeGeometry {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + columns + "x" + rows + "x" + slices);
        }
    }

    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }

    /** Distance between adjacent slices along the normal, in mm. */
    public double sliceSpacing() {
        return Math.abs(sliceStep.dot(normal()));
    }

    /** Angle between the slice step and the slice normal: the gantry tilt of a sheared stack, 0 otherwise. */
    public double shearDegrees() {
        double length = sliceStep.length();
        if (length == 0) {
            return 0;
        }
        double cos = Math.min(1, Math.abs(sliceStep.dot(normal())) / length);
        return Math.toDegrees(Math.acos(cos));
    }

    public Vec3 toPatient(double i, double j, double k) {
        return origin.plus(rowDirection.times(i * columnSpacing))
                .plus(columnDirection.times(j * rowSpacing))
                .plus(sliceStep.times(k));
    }

    /** The continuous voxel index (i, j, k) of a patient-space point. */
    public double[] toVoxel(Vec3 point) {
        Vec3 a = rowDirection.times(columnSpacing);
        Vec3 b = columnDirection.times(rowSpacing);
        Vec3 c = sliceStep;
        Vec3 d = point.minus(origin);
        double det = a.dot(b.cross(c));
        if (det == 0) {
            throw new IllegalStateException("degenerate geometry: the slice step lies in the image plane");
        }
        return new double[] {d.dot(b.cross(c)) / det, a.dot(d.cross(c)) / det, a.dot(b.cross(d)) / det};
    }

    /** The centre of slice {@code k}'s first voxel. */
    public Vec3 slicePosition(int k) {
        return origin.plus(sliceStep.times(k));
    }
}
