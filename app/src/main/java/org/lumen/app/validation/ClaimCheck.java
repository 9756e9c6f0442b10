// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.Interval;
import org.lumen.aiassist.model.ValidationFigure;

/**
 * A figure the model's card claims beside what the site measured at the card's own threshold. Claims are free
 * text; those about sensitivity and false positives per scan are compared, the others are listed as not compared.
 */
public record ClaimCheck(String metric, double claimed, String dataset, Interval measured, String verdict) {

    static final String CONSISTENT = "consistent";
    static final String WORSE = "worse than claimed";
    static final String BETTER = "better than claimed";
    static final String NOT_COMPARED = "not compared";

    static List<ClaimCheck> of(List<ValidationFigure> claims, DetectionAtThreshold atCardThreshold) {
        List<ClaimCheck> checks = new ArrayList<>();
        for (ValidationFigure claim : claims) {
            String metric = claim.metric().toLowerCase(Locale.ROOT);
            if (metric.startsWith("sensitivity")) {
                checks.add(compare(claim, atCardThreshold.sensitivity(), true));
            } else if (metric.contains("false positives per scan") || metric.contains("fp/scan")) {
                checks.add(compare(claim, atCardThreshold.falsePositivesPerScan(), false));
            } else {
                checks.add(new ClaimCheck(claim.metric(), claim.value(), claim.dataset(), null, NOT_COMPARED));
            }
        }
        return checks;
    }

    /** Flagged where the claim lies outside the site's 95 % interval. */
    private static ClaimCheck compare(ValidationFigure claim, Interval measured, boolean higherIsBetter) {
        String verdict;
        if (!measured.hasBounds() || measured.contains(claim.value())) {
            verdict = CONSISTENT;
        } else {
            boolean measuredHigher = measured.low() > claim.value();
            verdict = measuredHigher == higherIsBetter ? BETTER : WORSE;
        }
        return new ClaimCheck(claim.metric(), claim.value(), claim.dataset(), measured, verdict);
    }
}
