// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.Comparator;
import java.util.List;
import org.lumen.aiassist.evaluation.ScanDetections;

/** One case at the operating point, for the table that sorts cases by how wrong the model was on them. */
public record CaseRow(String name, String seriesUid, int lesions, int found, int falsePositives, boolean fromCache) {

    public int errors() {
        return lesions - found + falsePositives;
    }

    /** Every case, worst first (misses plus false positives), then in dataset order. */
    public static List<CaseRow> of(ValidationResult r) {
        double t = r.operatingPoint().threshold();
        return r.cases().stream().map(c -> {
            ScanDetections.Matched m = c.detections().match();
            int found = 0;
            for (double s : m.lesionScores()) {
                found += s >= t ? 1 : 0;
            }
            int fp = 0;
            for (double s : m.falsePositiveScores()) {
                fp += s >= t ? 1 : 0;
            }
            return new CaseRow(c.name(), c.seriesUid(), m.lesionScores().length, found, fp, c.fromCache());
        }).sorted(Comparator.comparingInt(CaseRow::errors).reversed()).toList();
    }
}
