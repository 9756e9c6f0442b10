// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.evaluation.SegmentationScore;

/**
 * How a validation's cases add up: the segmentation means with nnU-Net's empty-case rule, and the classification
 * figures from the cases' scores and truths, against values worked out by hand.
 */
class ValidationSummariesTest {

    private static final CaseFacts FACTS = new CaseFacts("ACME CT", "1.5–3 mm", "120", "F", "60–74");

    @Test
    void segmentationMeansLeaveEmptyCasesOutOfDiceAndEitherEmptyOutOfHd95() {
        // Class 1: Dice 0.5, 1.0 and NaN (both empty); HD95 2 and 4 mm, NaN where either is empty. Class 2: one case, Dice 0.2.
        List<ValidationCase> cases = List.of(
                seg("a", Map.of(1, score(0.5, 2.0, 1.0, 1.5), 2, score(0.2, 6.0, 2.0, 1.0))),
                seg("b", Map.of(1, score(1.0, 4.0, 3.0, 3.0))),
                seg("c", Map.of(1, score(Double.NaN, Double.NaN, 0.0, 0.0))),
                new ValidationCase("d", "case d", List.of(), List.of(), FACTS, false, null));
        SegmentationSummary s = SegmentationSummary.of(cases);

        var one = s.perClass().get(1);
        assertThat(one.cases()).isEqualTo(3);
        assertThat(one.diceCases()).isEqualTo(2);
        assertThat(one.meanDice()).isCloseTo(0.75, within(1e-12));
        assertThat(one.hd95Cases()).isEqualTo(2);
        assertThat(one.hd95Mm()).isCloseTo(3.0, within(1e-12));
        // Volume errors (predicted − reference): +0.5, 0, 0 ml: every case counts.
        assertThat(one.volumeErrorMl()).isCloseTo(0.5 / 3, within(1e-12));
        assertThat(s.perClass().get(2).meanDice()).isCloseTo(0.2, within(1e-12));
        // The means over classes, as nnU-Net's foreground mean: (0.75 + 0.2) / 2.
        assertThat(s.meanDice()).isCloseTo(0.475, within(1e-12));
        assertThat(s.hd95Mm()).isCloseTo(4.5, within(1e-12));
        assertThat(s.volumeErrorMl()).isCloseTo((0.5 / 3 - 1.0) / 2, within(1e-12));
    }

    @Test
    void noCaseWithSegmentationFiguresGivesNone() {
        assertThat(SegmentationSummary.of(List.of(new ValidationCase("d", "case d", List.of(), List.of(), FACTS, false, null)))).isNull();
    }

    @Test
    void classificationFromScoresAndTruths() {
        // Scores 0.9+, 0.8+, 0.6−, 0.4+, 0.3−, 0.1−: one positive (0.4) ranks below one negative (0.6): AUC 8/9.
        double[] scores = {0.9, 0.8, 0.6, 0.4, 0.3, 0.1};
        boolean[] truth = {true, true, false, true, false, false};
        List<ValidationCase> cases = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            cases.add(new ValidationCase("s" + i, "case " + i, List.of(), List.of(), FACTS, false, null, null,
                    new ClassificationCase("nodules", scores[i], truth[i])));
        }
        cases.add(new ValidationCase("x", "unclassified", List.of(), List.of(), FACTS, false, null));
        ClassificationSummary c = ClassificationSummary.of(cases, 0.5, new Bootstrap(200, 7));

        assertThat(c.label()).isEqualTo("nodules");
        assertThat(c.roc().positives()).isEqualTo(3);
        assertThat(c.roc().negatives()).isEqualTo(3);
        assertThat(c.roc().auc().value()).isCloseTo(8.0 / 9, within(1e-12));
        // At 0.5: 0.9, 0.8 are true positives, 0.6 a false positive, 0.4 a false negative, 0.3 and 0.1 true negatives.
        assertThat(c.atThreshold().truePositives()).isEqualTo(2);
        assertThat(c.atThreshold().falsePositives()).isEqualTo(1);
        assertThat(c.atThreshold().falseNegatives()).isEqualTo(1);
        assertThat(c.atThreshold().trueNegatives()).isEqualTo(2);
        assertThat(c.atThreshold().sensitivity().value()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.atThreshold().specificity().value()).isCloseTo(2.0 / 3, within(1e-12));
        // Ten bins, one case each in [0.1,0.2), [0.3,0.4), [0.4,0.5), [0.6,0.7), [0.8,0.9), [0.9,1]: ECE = mean |score − truth|.
        double ece = (0.1 + 0.3 + 0.6 + 0.6 + 0.2 + 0.1) / 6;
        assertThat(c.calibration().expectedCalibrationError()).isCloseTo(ece, within(1e-12));
        assertThat(c.calibration().bins()).hasSize(ClassificationSummary.BINS);
    }

    private static ValidationCase seg(String name, Map<Integer, SegmentationScore> scores) {
        return new ValidationCase(name, "case " + name, List.of(), List.of(), FACTS, false, null, new SegmentationCase(new TreeMap<>(scores)), null);
    }

    /** A score with the given Dice and HD95 and volumes (ml); the voxel counts do not enter the means. */
    private static SegmentationScore score(double dice, double hd95, double referenceMl, double predictedMl) {
        return new SegmentationScore(0, 0, 0, 0, dice, Double.NaN, hd95, referenceMl, predictedMl);
    }
}
