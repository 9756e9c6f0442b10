// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.List;

/**
 * How far predicted probabilities are from observed frequencies: the expected calibration error (bins of equal
 * width over [0, 1], each weighted by its share of cases) and the reliability diagram's bins.
 */
public record Calibration(double expectedCalibrationError, List<Bin> bins) {

    /** Cases with scores in [from, to): how many, their mean score, and the fraction that were positive. */
    public record Bin(double from, double to, int cases, double meanScore, double observedFraction) { }

    public Calibration {
        bins = List.copyOf(bins);
    }
}
