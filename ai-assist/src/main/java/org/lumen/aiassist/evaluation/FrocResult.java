// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.List;

/**
 * A detection model's FROC on a set of scans: the curve, the sensitivity at each of the standard false-positive
 * rates with its bootstrap interval, and the CPM (their mean).
 */
public record FrocResult(int scans, int lesions, int lesionsFound, List<FrocPoint> curve, double[] rates,
                         Interval[] sensitivities, Interval cpm) {

    public FrocResult {
        curve = List.copyOf(curve);
        rates = rates.clone();
        sensitivities = sensitivities.clone();
    }

    @Override
    public double[] rates() { return rates.clone(); }

    @Override
    public Interval[] sensitivities() { return sensitivities.clone(); }

    /**
     * The lowest score threshold whose false positives per scan stay at or below {@code rate}: the operating
     * point a site picks ("1 false positive per scan"). Positive infinity when even the top score exceeds it.
     */
    public double thresholdAt(double rate) {
        double threshold = Double.POSITIVE_INFINITY;
        for (FrocPoint p : curve) {
            if (p.falsePositivesPerScan() <= rate) {
                threshold = Math.min(threshold, p.threshold());
            }
        }
        return threshold;
    }
}
