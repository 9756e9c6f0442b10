// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassificationTest {

    /** scikit-learn's roc_auc_score example: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8], AUC 0.75. */
    private static final List<BinaryCase> EXAMPLE = List.of(new BinaryCase(0.1, false), new BinaryCase(0.4, false),
            new BinaryCase(0.35, true), new BinaryCase(0.8, true));

    @Test
    void aucAndCurveMatchTheTextbookExample() {
        RocResult roc = Classification.roc(EXAMPLE, new Bootstrap(200, 3));

        assertThat(roc.auc().value()).isCloseTo(0.75, within(1e-12));
        assertThat(roc.positives()).isEqualTo(2);
        assertThat(roc.curve()).extracting(RocResult.Point::falsePositiveRate).containsExactly(0.0, 0.0, 0.5, 0.5, 1.0);
        assertThat(roc.curve()).extracting(RocResult.Point::truePositiveRate).containsExactly(0.0, 0.5, 0.5, 1.0, 1.0);
    }

    @Test
    void tiesCountHalfAndOneClassAloneHasNoAuc() {
        assertThat(Classification.auc(List.of(new BinaryCase(0.5, true), new BinaryCase(0.5, false)))).isEqualTo(0.5);
        assertThat(Classification.auc(List.of(new BinaryCase(0.5, true), new BinaryCase(0.7, true)))).isNaN();
    }

    @Test
    void aucEqualsTheShareOfCorrectlyOrderedPairsOnRandomData() {
        SplittableRandom random = new SplittableRandom(8);
        List<BinaryCase> cases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean positive = random.nextBoolean();
            // Scores rounded to tenths, so ties are common.
            cases.add(new BinaryCase(Math.round((random.nextDouble() + (positive ? 0.3 : 0)) * 10) / 10.0, positive));
        }
        double pairs = 0;
        double ordered = 0;
        for (BinaryCase p : cases) {
            for (BinaryCase n : cases) {
                if (p.positive() && !n.positive()) {
                    pairs++;
                    ordered += p.score() > n.score() ? 1 : p.score() == n.score() ? 0.5 : 0;
                }
            }
        }
        RocResult roc = Classification.roc(cases, Bootstrap.DEFAULT);
        assertThat(roc.auc().value()).isCloseTo(ordered / pairs, within(1e-12));
        assertThat(roc.auc().low()).isLessThan(roc.auc().value());
        assertThat(roc.auc().high()).isGreaterThan(roc.auc().value());
        assertThat(roc.auc().high() - roc.auc().low()).isLessThan(0.2);
    }

    @Test
    void sensitivityAndSpecificityAtAThreshold() {
        OperatingPoint point = Classification.at(EXAMPLE, 0.35, new Bootstrap(100, 1));

        assertThat(point.truePositives()).isEqualTo(2);
        assertThat(point.falsePositives()).isEqualTo(1);
        assertThat(point.trueNegatives()).isEqualTo(1);
        assertThat(point.falseNegatives()).isZero();
        assertThat(point.sensitivity().value()).isEqualTo(1.0);
        assertThat(point.specificity().value()).isEqualTo(0.5);
    }

    @Test
    void expectedCalibrationErrorWeighsEachBinByItsCases() {
        List<BinaryCase> cases = List.of(new BinaryCase(0.2, false), new BinaryCase(0.3, true),
                new BinaryCase(0.8, true), new BinaryCase(0.9, true));

        Calibration calibration = Classification.calibration(cases, 2);

        // Bin [0, 0.5): mean score 0.25, observed 0.5; bin [0.5, 1]: mean 0.85, observed 1. ECE = ½·0.25 + ½·0.15.
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.2, within(1e-12));
        assertThat(calibration.bins()).extracting(Calibration.Bin::cases).containsExactly(2, 2);
        assertThat(calibration.bins().get(1).meanScore()).isCloseTo(0.85, within(1e-12));
        assertThatThrownBy(() -> Classification.calibration(List.of(new BinaryCase(3.2, true)), 10))
                .hasMessageContaining("probabilities between 0 and 1");
    }
}
