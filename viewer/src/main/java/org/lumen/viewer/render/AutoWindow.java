// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Windows from the values themselves: "auto" spans the 0.5th to 99.5th percentile (robust to a
 * few outliers such as metal), "full range" the smallest to the largest value; padding is left
 * out of both (see {@link ValueStatistics}).
 */
public final class AutoWindow {

    public static final String AUTO = "auto";
    public static final String FULL_RANGE = "full range";

    private AutoWindow() { }

    public static WindowPreset of(VoxelSlice slice) {
        return of(ValueStatistics.of(slice));
    }

    public static WindowPreset of(ValueStatistics values) {
        return between(AUTO, values.low(), values.high());
    }

    public static WindowPreset fullRange(ValueStatistics values) {
        return between(FULL_RANGE, values.min(), values.max());
    }

    /**
     * For real values (Float Pixel Data, parametric maps): the same percentiles, or the whole range where they
     * coincide (a small blob in a map of zeros), without the one-unit minimum width that suits stored integers,
     * so a map of probabilities (0–1) or diffusion coefficients (about 0.001 mm2/s) is not a flat rectangle.
     */
    public static WindowPreset ofReal(ValueStatistics values) {
        double low = values.low();
        double high = values.high();
        if (!(high > low)) {
            low = values.min();
            high = values.max();
        }
        double width = high > low ? high - low : Math.max(Math.abs(high) * 1e-3, Double.MIN_NORMAL);
        return new WindowPreset(AUTO, low + width / 2, width);
    }

    /** For real values: from the smallest to the largest value, without the one-unit minimum width. */
    public static WindowPreset fullRangeReal(ValueStatistics values) {
        double low = values.min();
        double high = values.max();
        double width = high > low ? high - low : Math.max(Math.abs(high) * 1e-3, Double.MIN_NORMAL);
        return new WindowPreset(FULL_RANGE, low + width / 2, width);
    }

    private static WindowPreset between(String name, double low, double high) {
        double width = Math.max(1, high - low);
        return new WindowPreset(name, low + width / 2, width);
    }
}
