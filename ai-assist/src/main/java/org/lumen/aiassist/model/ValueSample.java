// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Arrays;

/** A sorted sample of a series' modality values, for percentiles. */
public final class ValueSample {

    private final float[] sorted;

    public ValueSample(float[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a value sample needs at least one value");
        }
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int size() { return sorted.length; }

    public double min() { return sorted[0]; }

    /** The share of the sample equal to its minimum. */
    public double fractionAtMin() {
        int n = 0;
        while (n < sorted.length && sorted[n] == sorted[0]) {
            n++;
        }
        return (double) n / sorted.length;
    }

    /** The q-quantile (0 ≤ q ≤ 1), optionally leaving out every value equal to the minimum. */
    public double percentile(double q, boolean withoutMin) {
        int from = 0;
        if (withoutMin) {
            while (from < sorted.length && sorted[from] == sorted[0]) {
                from++;
            }
            if (from == sorted.length) {
                return sorted[0];
            }
        }
        int n = sorted.length - from;
        int index = (int) Math.min(n - 1, Math.max(0, Math.floor(q * (n - 1) + 0.5)));
        return sorted[from + index];
    }
}
