// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;

/**
 * The short label drawn next to a measurement and listed in the measurement panel, e.g.
 * "42.3 mm", "87.5°" or "mean 38.2 ± 4.1 HU, min 20, max 61, area 153.9 mm²". Formatted with
 * {@link Locale#ROOT} so labels and exported text read the same on every machine.
 */
public final class MeasurementText {

    private MeasurementText() {
    }

    /**
     * @param statsOrNull the ROI's statistics on the shown plane, or null to show only its area
     *                    (ignored for lengths and angles)
     * @param unit        the modality unit ("HU"), or null/blank for none
     */
    public static String describe(Measurement m, RoiStats statsOrNull, String unit) {
        return describe(m, statsOrNull, unit, MeasurementUnits.PATIENT_MM);
    }

    /**
     * As {@link #describe(Measurement, RoiStats, String)}, with lengths and areas in the units of the
     * series the measurement was drawn on ("mm (detector)", "px", …).
     */
    public static String describe(Measurement m, RoiStats statsOrNull, String unit, MeasurementUnits units) {
        Objects.requireNonNull(m, "measurement");
        Objects.requireNonNull(units, "units");
        return switch (m) {
            case LengthMeasurement length -> quantity(units.length(length.a(), length.b()));
            case AngleMeasurement angle -> fixed(angle.degrees()) + "°";
            case ShapeRoi roi -> roi(roi, statsOrNull, unit, units);
        };
    }

    private static String quantity(MeasurementUnits.Quantity q) {
        return fixed(q.value()) + " " + q.unit();
    }

    private static String roi(ShapeRoi roi, RoiStats stats, String unit, MeasurementUnits units) {
        String area = "area " + quantity(units.area(roi));
        if (stats == null) {
            return area;
        }
        if (stats.isEmpty()) {
            return "no pixels inside, " + area;
        }
        String suffix = unit == null || unit.isBlank() ? "" : " " + unit.strip();
        StringBuilder text = new StringBuilder("mean ").append(fixed(stats.mean()));
        if (!Double.isNaN(stats.sd())) {
            text.append(" ± ").append(fixed(stats.sd()));
        }
        return text.append(suffix)
                .append(", min ").append(compact(stats.min()))
                .append(", max ").append(compact(stats.max()))
                .append(", ").append(area)
                .toString();
    }

    /** One decimal, or three significant digits for small magnitudes (probabilities, SUV) so they do not read 0.0. */
    static String fixed(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        if (v == 0 || Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return significant(v);
    }

    /** Whole values without decimals (HU), others as {@link #fixed}. */
    static String compact(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return fixed(v);
    }

    private static String significant(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
