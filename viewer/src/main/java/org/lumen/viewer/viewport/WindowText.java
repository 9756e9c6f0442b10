// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Window numbers in real-world values (a parametric map's, ADR 0039): whole numbers as such, others to three
 * significant digits without exponent where that stays short, so a diffusion window reads "W 0.0015  L 0.00075"
 * and a probability window "W 1  L 0.5", not "W 0  L 0".
 */
public final class WindowText {

    private WindowText() { }

    /** "C 0.00075, W 0.0015 mm2/s" for {@code lumen render} and {@code lumen snapshot}; units may be empty. */
    public static String centerWidth(double center, double width, String units) {
        return "C " + number(center) + ", W " + number(width) + (units == null || units.isEmpty() ? "" : " " + units);
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-5 || magnitude >= 1e9) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
