// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How a model fares in use, from the decisions people made on its findings (each finding counted by its latest
 * decision): rates overall and per score band, time from the run to the first decision, lesions people drew that
 * the model had not found, and the trend per week.
 *
 * @param medianMinutesToDecision median time from a run to the first decision on each decided finding; null when none
 * @param missedRadiusMm          a person's lesion counts as missed when no finding of the model on that series lies
 *                                within this distance of its centre, or within the lesion's own radius if larger
 */
public record ModelPractice(String modelId, Instant since, int runs, int series, int findings, int decided,
                            Map<DecisionKind, Integer> decisions, List<ScoreBand> bands, Double medianMinutesToDecision,
                            int humanLesions, int humanLesionsMissed, double missedRadiusMm, List<Week> trend) {

    public ModelPractice {
        decisions = Map.copyOf(decisions);
        bands = List.copyOf(bands);
        trend = List.copyOf(trend);
    }

    /** Share of decided findings accepted as they were or with an edit; NaN when nothing was decided. */
    public double acceptanceRate() {
        return decided == 0 ? Double.NaN
                : (decisions.getOrDefault(DecisionKind.ACCEPT, 0) + decisions.getOrDefault(DecisionKind.EDIT, 0)) / (double) decided;
    }

    public double rate(DecisionKind kind) {
        return decided == 0 ? Double.NaN : decisions.getOrDefault(kind, 0) / (double) decided;
    }

    /** Findings with scores in [from, to) and what became of them. */
    public record ScoreBand(double from, double to, int findings, int accepted, int edited, int rejected, int uncertain) {
        public int decided() {
            return accepted + edited + rejected + uncertain;
        }

        public double acceptanceRate() {
            return decided() == 0 ? Double.NaN : (accepted + edited) / (double) decided();
        }
    }

    /** Decisions made in the week starting {@code start} (Monday, UTC). */
    public record Week(LocalDate start, int decided, int accepted, int rejected, int uncertain) {
        public double acceptanceRate() {
            return decided == 0 ? Double.NaN : accepted / (double) decided;
        }
    }
}
