// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Objects;
import java.util.OptionalDouble;
import org.lumen.viewer.dicom.SliceGeometry;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;

/**
 * Where a phantom's voxels lie in patient space (LPS, mm): voxel (i, j, k) — column, row, slice —
 * has its centre at {@code origin + i·columnSpacing·rowDirection + j·rowSpacing·columnDirection + k·sliceSpacing·normal}.
 *
 * @param columnSpacingMm mm between adjacent columns (along the row direction)
 * @param rowSpacingMm    mm between adjacent rows (along the column direction)
 * @param origin          centre of the first voxel of the first slice (ImagePositionPatient of slice 0)
 */
public record VoxelGrid(Size size, double columnSpacingMm, double rowSpacingMm, double sliceSpacingMm,
                        SliceOrientation orientation, Vec3 origin) {

    public VoxelGrid {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(origin, "origin");
        requirePositive("column spacing", columnSpacingMm);
        requirePositive("row spacing", rowSpacingMm);
        requirePositive("slice spacing", sliceSpacingMm);
    }

    /** The grid whose middle lies on {@code centre}. */
    public static VoxelGrid centredOn(Vec3 centre, Size size, double columnSpacingMm, double rowSpacingMm,
                                      double sliceSpacingMm, SliceOrientation orientation) {
        Vec3 halfDiagonal = orientation.rowDirection().times(columnSpacingMm * (size.columns() - 1) / 2)
                .plus(orientation.columnDirection().times(rowSpacingMm * (size.rows() - 1) / 2))
                .plus(orientation.normal().times(sliceSpacingMm * (size.slices() - 1) / 2));
        return new VoxelGrid(size, columnSpacingMm, rowSpacingMm, sliceSpacingMm, orientation, centre.minus(halfDiagonal));
    }

    /** Step in patient space from one column to the next. */
    public Vec3 columnStep() { return orientation.rowDirection().times(columnSpacingMm); }

    /** Step in patient space from one row to the next. */
    public Vec3 rowStep() { return orientation.columnDirection().times(rowSpacingMm); }

    /** Step in patient space from one slice to the next. */
    public Vec3 sliceStep() { return orientation.normal().times(sliceSpacingMm); }

    /** ImagePositionPatient of slice {@code k}. */
    public Vec3 slicePosition(int k) { return origin.plus(sliceStep().times(k)); }

    /** Centre of voxel (i, j, k); indices may be fractional. */
    public Vec3 voxelCentre(double i, double j, double k) {
        return origin.plus(columnStep().times(i)).plus(rowStep().times(j)).plus(sliceStep().times(k));
    }

    /** The (fractional) voxel index {i, j, k} of a patient-space point. */
    public double[] voxelIndex(Vec3 point) {
        Vec3 d = point.minus(origin);
        return new double[] {
            d.dot(orientation.rowDirection()) / columnSpacingMm,
            d.dot(orientation.columnDirection()) / rowSpacingMm,
            d.dot(orientation.normal()) / sliceSpacingMm,
        };
    }

    /** Index of voxel (i, j, k) in slice-by-slice, row-by-row arrays. */
    public int index(int i, int j, int k) {
        return i + size.columns() * (j + size.rows() * k);
    }

    /** The smallest box of patient coordinates {min, max} holding every voxel centre. */
    public Vec3[] boundingBox() {
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int corner = 0; corner < 8; corner++) {
            Vec3 p = voxelCentre((corner & 1) == 0 ? 0 : size.columns() - 1,
                    (corner & 2) == 0 ? 0 : size.rows() - 1,
                    (corner & 4) == 0 ? 0 : size.slices() - 1);
            double[] xyz = p.toArray();
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], xyz[a]);
                max[a] = Math.max(max[a], xyz[a]);
            }
        }
        return new Vec3[] {Vec3.of(min), Vec3.of(max)};
    }

    /** The largest of the three spacings. */
    public double coarsestSpacingMm() {
        return Math.max(columnSpacingMm, Math.max(rowSpacingMm, sliceSpacingMm));
    }

    /** This grid as the writer's per-slice geometry. */
    public SliceGeometry toSliceGeometry(double sliceThicknessMm) {
        return new SliceGeometry(size.rows(), size.columns(), orientation.rowDirection(), orientation.columnDirection(),
                rowSpacingMm, columnSpacingMm, sliceThicknessMm, OptionalDouble.of(sliceSpacingMm));
    }

    /** This grid as a NIfTI voxel-to-patient mapping. */
    public NiftiGeometry toNiftiGeometry() {
        return new NiftiGeometry(size.columns(), size.rows(), size.slices(), origin, columnStep(), rowStep(), sliceStep());
    }

    private static void requirePositive(String what, double mm) {
        if (!(mm > 0) || Double.isInfinite(mm)) {
            throw new IllegalArgumentException(what + " must be a positive number of mm, was " + mm);
        }
    }
}
