// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.Arrays;

/** Percentiles by linear interpolation between the closest ranks (NumPy's default), so figures match the usual tools. */
final class Percentiles {

    private Percentiles() { }

    /** The {@code p}-th percentile (0–100) of {@code values}; NaN for none. {@code values} is sorted in place. */
    static double of(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        double rank = p / 100 * (values.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, values.length - 1);
        double fraction = rank - below;
        return values[below] + (values[above] - values[below]) * fraction;
    }
}
