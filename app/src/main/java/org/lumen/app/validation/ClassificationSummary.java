// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.List;
import org.lumen.aiassist.evaluation.BinaryCase;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.evaluation.Calibration;
import org.lumen.aiassist.evaluation.Classification;
import org.lumen.aiassist.evaluation.OperatingPoint;
import org.lumen.aiassist.evaluation.RocResult;

/**
 * The classification figures of a validation: the ROC with its AUC (bootstrap interval over cases), sensitivity,
 * specificity and the confusion matrix at the threshold (the card's default), and calibration as the expected
 * calibration error over ten equal bins with the reliability diagram's bins.
 */
public record ClassificationSummary(String label, RocResult roc, OperatingPoint atThreshold, Calibration calibration) {

    /** Reliability bins of equal width over [0, 1]. */
    public static final int BINS = 10;

    /** Null when no case was scored as a classification (no class score or no series classification in the truth). */
    static ClassificationSummary of(List<ValidationCase> cases, double threshold, Bootstrap bootstrap) {
        List<ClassificationCase> scored = cases.stream().map(ValidationCase::classification).filter(java.util.Objects::nonNull).toList();
        if (scored.isEmpty()) {
            return null;
        }
        List<BinaryCase> binary = scored.stream().map(c -> new BinaryCase(c.score(), c.positive())).toList();
        return new ClassificationSummary(scored.getFirst().label(), Classification.roc(binary, bootstrap),
                Classification.at(binary, threshold, bootstrap), Classification.calibration(binary, BINS));
    }
}
