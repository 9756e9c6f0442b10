// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.List;

/**
 * A binary classifier's ROC: the curve from the highest threshold down (false positive rate, true positive
 * rate at scores of the threshold and above), the AUC with its bootstrap interval, and the case counts.
 */
public record RocResult(List<Point> curve, Interval auc, int positives, int negatives) {

    public record Point(double threshold, double falsePositiveRate, double truePositiveRate) { }

    public RocResult {
        curve = List.copyOf(curve);
    }
}
