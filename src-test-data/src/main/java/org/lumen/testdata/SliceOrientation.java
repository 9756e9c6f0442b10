// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.Locale;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * The direction cosines of a phantom's slices in patient coordinates (LPS), as in
 * ImageOrientationPatient: the way column index grows, then the way row index grows.
 */
public record SliceOrientation(Vec3 rowDirection, Vec3 columnDirection) {

    /** Slices seen from the feet: columns run to the patient's left, rows to the back. */
    public static final SliceOrientation AXIAL = new SliceOrientation(new Vec3(1, 0, 0), new Vec3(0, 1, 0));
    /** Slices seen from the front: columns run to the patient's left, rows downwards. */
    public static final SliceOrientation CORONAL = new SliceOrientation(new Vec3(1, 0, 0), new Vec3(0, 0, -1));
    /** Slices seen from the patient's left: columns run to the back, rows downwards. */
    public static final SliceOrientation SAGITTAL = new SliceOrientation(new Vec3(0, 1, 0), new Vec3(0, 0, -1));

    private static final double TOLERANCE = 1e-6;

    public SliceOrientation {
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        if (Math.abs(rowDirection.length() - 1) > TOLERANCE || Math.abs(columnDirection.length() - 1) > TOLERANCE
                || Math.abs(rowDirection.dot(columnDirection)) > TOLERANCE) {
            throw new IllegalArgumentException("row and column directions must be orthogonal unit vectors, were "
                    + rowDirection + " and " + columnDirection + " (use SliceOrientation.oblique to normalise)");
        }
    }

    /**
     * An oblique orientation from any two non-parallel directions: both are normalised and the
     * column direction is made orthogonal to the row direction (Gram–Schmidt).
     */
    public static SliceOrientation oblique(Vec3 rowDirection, Vec3 columnDirection) {
        Vec3 row = rowDirection.normalized();
        Vec3 column = columnDirection.minus(row.times(columnDirection.dot(row)));
        if (column.length() < 1e-9) {
            throw new IllegalArgumentException("row and column directions must not be parallel, were "
                    + rowDirection + " and " + columnDirection);
        }
        return new SliceOrientation(row, column.normalized());
    }

    /**
     * Parses "axial", "coronal", "sagittal" or six comma-separated direction cosines
     * ("rx,ry,rz,cx,cy,cz", normalised as by {@link #oblique}).
     */
    public static SliceOrientation parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "axial": return AXIAL;
            case "coronal": return CORONAL;
            case "sagittal": return SAGITTAL;
            default: break;
        }
        String[] parts = t.split("[,\\\\\\s]+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("orientation must be axial, coronal, sagittal or six direction cosines "
                    + "rx,ry,rz,cx,cy,cz; was \"" + text + "\"");
        }
        double[] v = new double[6];
        try {
            for (int n = 0; n < 6; n++) {
                v[n] = Double.parseDouble(parts[n]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("orientation cosines must be numbers, was \"" + text + "\"", e);
        }
        return oblique(new Vec3(v[0], v[1], v[2]), new Vec3(v[3], v[4], v[5]));
    }

    /** The slice normal, row × column: the way slice index grows. */
    public Vec3 normal() { return rowDirection.cross(columnDirection); }

    /** The six values of ImageOrientationPatient. */
    public double[] toArray() {
        return new double[] {rowDirection.x(), rowDirection.y(), rowDirection.z(),
            columnDirection.x(), columnDirection.y(), columnDirection.z()};
    }
}
