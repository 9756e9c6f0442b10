// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One scan's ground truth and the model's candidates on it. A scan without lesions still counts its false positives. */
public record ScanDetections(String scanId, List<Lesion> lesions, List<Candidate> candidates) {

    public ScanDetections {
        Objects.requireNonNull(scanId, "scanId");
        lesions = List.copyOf(lesions);
        candidates = List.copyOf(candidates);
    }

    /**
     * The LUNA16 matching: each lesion's score is the highest of the candidates that hit it (negative infinity
     * when none does: a miss), so several hits on one lesion count once; a candidate that hits no lesion is a
     * false positive. A candidate hitting two lesions counts for both.
     */
    public Matched match() {
        double[] best = new double[lesions.size()];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        double[] falsePositives = new double[candidates.size()];
        int fp = 0;
        for (Candidate c : candidates) {
            boolean hit = false;
            for (int l = 0; l < lesions.size(); l++) {
                if (lesions.get(l).hitBy(c.centre())) {
                    hit = true;
                    best[l] = Math.max(best[l], c.score());
                }
            }
            if (!hit) {
                falsePositives[fp++] = c.score();
            }
        }
        return new Matched(best, Arrays.copyOf(falsePositives, fp));
    }

    /** Per lesion, the score it was found with (or negative infinity); the scores of the false positives. */
    public record Matched(double[] lesionScores, double[] falsePositiveScores) { }
}
