// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.Locale;

/** A figure with its confidence interval (e.g. 95 %, from the bootstrap); bounds are NaN where none could be made. */
public record Interval(double value, double low, double high) {

    /** A figure without an interval. */
    public static Interval of(double value) {
        return new Interval(value, Double.NaN, Double.NaN);
    }

    public boolean hasBounds() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** True when {@code x} lies within the bounds (inclusive); false without bounds. */
    public boolean contains(double x) {
        return hasBounds() && x >= low && x <= high;
    }

    @Override
    public String toString() {
        return hasBounds() ? String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", value, low, high)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
