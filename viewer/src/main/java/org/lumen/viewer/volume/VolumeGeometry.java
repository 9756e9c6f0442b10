// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.Locale;
import org.lumen.viewer.geometry.Vec3;

/**
 * Maps voxel indices to patient coordinates (LPS, mm) and back. Voxel (i, j, k) is column i,
 * row j of slice k; its centre lies at origin + i·columnSpacing·rowDirection +
 * j·rowSpacing·columnDirection + k·sliceStep. The slice step need not be along the normal:
 * a gantry-tilted stack keeps its shear here instead of being resampled or mis-stacked.
 * <p>
 * A stack whose slices are not evenly spaced (two spacings, a missing slice) carries its
 * {@link SlicePositions}: slice k then lies at its own true origin, a fractional k between two
 * slices is interpolated linearly, and {@code sliceStep} is only the mean step from the first slice
 * to the last. {@link #uniform()} is the evenly spaced grid over the same extent that reformats,
 * models and NIfTI files use (ADR 0014).
 *
 * @param slicePositions the true origin of every slice, or null when the step is regular
 */
public record VolumeGeometry(int columns, int rows, int slices, Vec3 origin, Vec3 rowDirection, Vec3 columnDirection,
                             double columnSpacing, double rowSpacing, Vec3 sliceStep, SlicePositions slicePositions) {

    /** At most this many uniform slices per stored slice when resampling an irregular stack. */
    private static final int MAX_UPSAMPLING = 4;

    public VolumeGeometry {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + columns + "x" + rows + "x" + slices);
        }
        if (slicePositions != null && slicePositions.count() != slices) {
            throw new IllegalArgumentException(slicePositions.count() + " slice positions for " + slices + " slices");
        }
    }

    /** A regular grid: every slice one {@code sliceStep} from the one before. */
    public VolumeGeometry(int columns, int rows, int slices, Vec3 origin, Vec3 rowDirection, Vec3 columnDirection,
                          double columnSpacing, double rowSpacing, Vec3 sliceStep) {
        this(columns, rows, slices, origin, rowDirection, columnDirection, columnSpacing, rowSpacing, sliceStep, null);
    }

    /** A stack at its slices' true origins (sorted along the normal); the mean step joins the first to the last. */
    public static VolumeGeometry atPositions(int columns, int rows, Vec3[] origins, Vec3 rowDirection, Vec3 columnDirection,
                                            double columnSpacing, double rowSpacing) {
        int n = origins.length;
        Vec3 mean = origins[n - 1].minus(origins[0]).times(1.0 / (n - 1));
        return new VolumeGeometry(columns, rows, n, origins[0], rowDirection, columnDirection, columnSpacing, rowSpacing, mean,
                new SlicePositions(origins, rowDirection.cross(columnDirection)));
    }

    /** True when every slice is one {@code sliceStep} from the one before. */
    public boolean isRegular() {
        return slicePositions == null;
    }

    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }

    /** Distance between adjacent slices along the normal, in mm (the mean distance when the stack is irregular). */
    public double sliceSpacing() {
        return Math.abs(sliceStep.dot(normal()));
    }

    /** The smallest distance between adjacent slices along the normal (mm). */
    public double minSliceGap() {
        return slicePositions == null ? sliceSpacing() : slicePositions.minGap();
    }

    /** The largest distance between adjacent slices along the normal (mm). */
    public double maxSliceGap() {
        return slicePositions == null ? sliceSpacing() : slicePositions.maxGap();
    }

    /** "4.00 mm", or "4.00–7.00 mm (irregular)" for a stack at true positions. */
    public String describeSpacing() {
        if (slicePositions == null) {
            return String.format(Locale.ROOT, "%.2f mm", sliceSpacing());
        }
        return String.format(Locale.ROOT, "%.2f–%.2f mm (irregular)", minSliceGap(), maxSliceGap());
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
        if (slicePositions != null) {
            return slicePositions.originAt(k).plus(rowDirection.times(i * columnSpacing)).plus(columnDirection.times(j * rowSpacing));
        }
        return origin.plus(rowDirection.times(i * columnSpacing))
                .plus(columnDirection.times(j * rowSpacing))
                .plus(sliceStep.times(k));
    }

    /** The continuous voxel index (i, j, k) of a patient-space point. */
    public double[] toVoxel(Vec3 point) {
        Vec3 a = rowDirection.times(columnSpacing);
        Vec3 b = columnDirection.times(rowSpacing);
        if (slicePositions != null) {
            // The distance along the normal picks the slice; the in-plane rest is measured from its origin.
            double k = slicePositions.sliceAt(point.minus(origin).dot(normal()));
            double[] inPlane = point.minus(slicePositions.originAt(k)).in(a, b, normal());
            return new double[] {inPlane[0], inPlane[1], k};
        }
        return point.minus(origin).in(a, b, sliceStep);
    }

    /** The centre of slice {@code k}'s first voxel. */
    public Vec3 slicePosition(int k) {
        return slicePositions != null ? slicePositions.origin(k) : origin.plus(sliceStep.times(k));
    }

    /**
     * The evenly spaced grid over this stack's true extent: this geometry when it is regular; else
     * slices from the first to the last true position, along the straight line between them (the
     * tilt's shear kept), no farther apart than the smallest gap (and at most four per stored slice).
     */
    public VolumeGeometry uniform() {
        if (slicePositions == null) {
            return this;
        }
        return new VolumeGeometry(columns, rows, uniformSlices(), origin, rowDirection, columnDirection, columnSpacing, rowSpacing,
                sliceStep.times(uniformSpacing() / sliceSpacing()));
    }

    /** Distance between the uniform grid's slices along the normal (mm). */
    public double uniformSpacing() {
        return slicePositions == null ? sliceSpacing() : slicePositions.extent() / (uniformSlices() - 1);
    }

    private int uniformSlices() {
        double extent = slicePositions.extent();
        int intervals = (int) Math.ceil(extent / slicePositions.minGap() - 1e-6);
        return Math.clamp(intervals, slices - 1, MAX_UPSAMPLING * (slices - 1)) + 1;
    }

    /** The fractional stored slice at uniform slice {@code m} (the identity when the stack is regular). */
    public double storedSliceAtUniform(double m) {
        return slicePositions == null ? m : slicePositions.sliceAt(m * uniformSpacing());
    }

    /** The fractional uniform slice at stored slice {@code k} (the identity when the stack is regular). */
    public double uniformSliceAtStored(double k) {
        return slicePositions == null ? k : slicePositions.distanceAt(k) / uniformSpacing();
    }

    /**
     * How far (mm, in the image plane) the true origin at fractional stored slice k lies from the
     * uniform grid's straight line: zero for a regular stack and for an irregular one whose slices
     * lie on one line (a tilted or gapped acquisition); non-zero only where the table moved sideways.
     */
    public Vec3 offsetFromLine(double k) {
        if (slicePositions == null) {
            return Vec3.ZERO;
        }
        Vec3 onLine = origin.plus(sliceStep.times(slicePositions.distanceAt(k) / sliceSpacing()));
        return slicePositions.originAt(k).minus(onLine);
    }
}
