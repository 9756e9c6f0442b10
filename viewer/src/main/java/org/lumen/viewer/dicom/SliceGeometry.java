// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.Objects;
import java.util.OptionalDouble;
import org.lumen.viewer.geometry.Vec3;

/**
 * The image matrix, orientation and spacing shared by every slice (or frame) of a series to write.
 *
 * @param rowDirection           ImageOrientationPatient's first triplet: the way column index grows
 * @param columnDirection        ImageOrientationPatient's second triplet: the way row index grows
 * @param rowSpacingMm           mm between adjacent rows (first value of PixelSpacing)
 * @param columnSpacingMm        mm between adjacent columns (second value of PixelSpacing)
 * @param spacingBetweenSlicesMm written as SpacingBetweenSlices when present
 */
public record SliceGeometry(int rows, int columns, Vec3 rowDirection, Vec3 columnDirection,
                            double rowSpacingMm, double columnSpacingMm, double sliceThicknessMm,
                            OptionalDouble spacingBetweenSlicesMm) {

    private static final double TOLERANCE = 1e-4;

    public SliceGeometry {
        if (rows < 1 || rows > 0xFFFF || columns < 1 || columns > 0xFFFF) {
            throw new IllegalArgumentException("rows and columns must be between 1 and 65535, were "
                    + rows + " and " + columns);
        }
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        if (Math.abs(rowDirection.length() - 1) > TOLERANCE || Math.abs(columnDirection.length() - 1) > TOLERANCE
                || Math.abs(rowDirection.dot(columnDirection)) > TOLERANCE) {
            throw new IllegalArgumentException("row and column directions must be orthogonal unit vectors, were "
                    + rowDirection + " and " + columnDirection);
        }
        requirePositive("row spacing", rowSpacingMm);
        requirePositive("column spacing", columnSpacingMm);
        requirePositive("slice thickness", sliceThicknessMm);
        Objects.requireNonNull(spacingBetweenSlicesMm, "spacingBetweenSlicesMm");
        spacingBetweenSlicesMm.ifPresent(s -> requirePositive("spacing between slices", s));
    }

    /** Pixels in one slice. */
    public int pixelCount() { return rows * columns; }

    private static void requirePositive(String what, double mm) {
        if (!(mm > 0) || Double.isInfinite(mm)) {
            throw new IllegalArgumentException(what + " must be a positive number of mm, was " + mm);
        }
    }
}
