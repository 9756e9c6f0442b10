// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

/**
 * An inclusive range of voxel values — HU for CT, probabilities for a heatmap — that gates
 * threshold paint, flood fill and heatmap masks. NaN (a slice that could not be read) is in no range.
 */
public record ValueRange(double low, double high) {

    /** Every value, NaN excepted. */
    public static final ValueRange ANY = new ValueRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public ValueRange {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("a value range needs low <= high, not " + low + ".." + high);
        }
    }

    /** Values of at least {@code threshold}: a heatmap thresholded at t. */
    public static ValueRange atLeast(double threshold) {
        return new ValueRange(threshold, Double.POSITIVE_INFINITY);
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
