// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.ImagePlane;

/** Tolerant value access on a PixelMed attribute list: missing or malformed values read as absent. */
final class Attributes {

    private Attributes() { }

    /** The first value, trimmed, or null when absent or empty. */
    static String string(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        if (a == null) {
            return null;
        }
        String value = a.getSingleStringValueOrNull();
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    /** All values joined with backslashes, or null. */
    static String strings(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        if (a == null) {
            return null;
        }
        String value = a.getDelimitedStringValuesOrNull();
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Integer integer(AttributeList list, AttributeTag tag) {
        String value = string(list, tag);
        if (value == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int intOr(AttributeList list, AttributeTag tag, int fallback) {
        Attribute a = list.get(tag);
        if (a == null || a.getVL() == 0) {
            return fallback;
        }
        try {
            int[] values = a.getIntegerValues();
            return values == null || values.length == 0 ? fallback : values[0];
        } catch (DicomException | RuntimeException e) {
            Integer parsed = integer(list, tag);
            return parsed == null ? fallback : parsed;
        }
    }

    static Double decimal(AttributeList list, AttributeTag tag) {
        double[] values = doubles(list, tag);
        return values.length == 0 ? null : values[0];
    }

    /** All numeric values; an empty array when absent or not numbers. */
    static double[] doubles(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        if (a == null || a.getVL() == 0) {
            return new double[0];
        }
        try {
            double[] values = a.getDoubleValues();
            return values == null ? new double[0] : values;
        } catch (DicomException | RuntimeException e) {
            return new double[0];
        }
    }

    static ImagePlane plane(double[] position, double[] orientation, double[] spacing, Double thickness) {
        // Damaged numbers (NaN, infinities, 1e308) count as absent: fuzzing found a 1e308 orientation whose
        // length overflows to infinity, normalises to a zero vector and failed the whole folder's listing.
        Vec3 pos = position.length >= 3 && finite(position, 3) ? Vec3.of(position) : null;
        Vec3 row = null;
        Vec3 column = null;
        if (orientation.length >= 6 && finite(orientation, 6)) {
            Vec3 r = new Vec3(orientation[0], orientation[1], orientation[2]);
            Vec3 c = new Vec3(orientation[3], orientation[4], orientation[5]);
            if (usableDirection(r) && usableDirection(c) && Math.abs(r.normalized().dot(c.normalized())) < 0.01) {
                row = r.normalized();
                column = c.normalized();
            }
        }
        boolean spacingFinite = spacing.length >= 2 && finite(spacing, 2);
        Double rowSpacing = spacingFinite && spacing[0] > 0 ? spacing[0] : null;
        Double columnSpacing = spacingFinite && spacing[1] > 0 ? spacing[1] : null;
        if (pos == null && row == null && rowSpacing == null && thickness == null) {
            return null;
        }
        return new ImagePlane(pos, row, column, rowSpacing, columnSpacing, thickness);
    }

    private static boolean finite(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** A direction cosine vector: close to unit length (DICOM's are unit vectors), so it normalises to one. */
    private static boolean usableDirection(Vec3 v) {
        double length = v.length();
        return Double.isFinite(length) && length > 0.5 && length < 2;
    }
}
