// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

/**
 * Count, mean, sample variance, min and max in one pass. The variance uses Welford's update (no sum
 * of squares, so a large offset does not cancel it); the reported mean is the plain sum over the
 * count, which is exact for integer data such as HU (a region of 100s reads 100.0, not 99.99999).
 */
final class RunningStats {

    private long count;
    private double mean;
    private double sum;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        sum += value;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    long count() { return count; }

    /** NaN when empty. */
    double mean() { return count == 0 ? Double.NaN : sum / count; }

    /** The sample standard deviation (n − 1); NaN below two values, where it is undefined. */
    double sampleSd() { return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1)); }

    double min() { return count == 0 ? Double.NaN : min; }

    double max() { return count == 0 ? Double.NaN : max; }
}
