// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

class FrocTest {

    private static Vec3 at(double x) {
        return new Vec3(x, 0, 0);
    }

    /** Two scans, three lesions, four false positives; every figure worked out by hand below. */
    private static List<ScanDetections> twoScans() {
        ScanDetections a = new ScanDetections("A",
                List.of(new Lesion(at(0), 10), new Lesion(at(50), 6)),
                List.of(new Candidate(at(1), 0.9), new Candidate(at(51), 0.4), new Candidate(at(100), 0.8), new Candidate(at(200), 0.5)));
        ScanDetections b = new ScanDetections("B",
                List.of(new Lesion(at(0), 8)),
                List.of(new Candidate(at(-2), 0.7), new Candidate(at(100), 0.95), new Candidate(at(300), 0.2)));
        return List.of(a, b);
    }

    @Test
    void severalHitsOnOneLesionCountOnceAtTheHighestScoreAndTheRadiusIsExclusive() {
        ScanDetections scan = new ScanDetections("S", List.of(new Lesion(at(0), 10)),
                List.of(new Candidate(at(1), 0.9), new Candidate(at(2), 0.5), new Candidate(at(20), 0.8), new Candidate(at(5), 0.7)));

        ScanDetections.Matched matched = scan.match();

        assertThat(matched.lesionScores()).containsExactly(0.9);
        // The candidate 20 mm away, and the one exactly on the 5 mm radius, are false positives.
        assertThat(matched.falsePositiveScores()).containsExactly(0.8, 0.7);
    }

    @Test
    void aMissedLesionEntersAtMinusInfinitySoSensitivityStaysBelowOne() {
        ScanDetections scan = new ScanDetections("S", List.of(new Lesion(at(0), 10), new Lesion(at(100), 10)),
                List.of(new Candidate(at(0), 0.9), new Candidate(at(40), 0.1)));

        FrocResult result = Froc.evaluate(List.of(scan), new Bootstrap(10, 1));

        assertThat(scan.match().lesionScores()).containsExactly(0.9, Double.NEGATIVE_INFINITY);
        assertThat(result.lesionsFound()).isEqualTo(1);
        assertThat(result.curve()).allMatch(p -> p.sensitivity() <= 0.5);
        assertThat(result.sensitivities()[6].value()).isEqualTo(0.5);
    }

    @Test
    void theCurveAndTheSensitivitiesAtTheLuna16RatesMatchTheHandWorkedFigures() {
        FrocResult result = Froc.evaluate(twoScans(), Bootstrap.DEFAULT);

        // Scores in order: 0.95 FP, 0.9 TP, 0.8 FP, 0.7 TP, 0.5 FP, 0.4 TP, 0.2 FP over 2 scans and 3 lesions.
        assertThat(result.curve()).extracting(FrocPoint::falsePositivesPerScan).containsExactly(0.0, 0.5, 0.5, 1.0, 1.0, 1.5, 1.5, 2.0);
        assertThat(result.curve()).extracting(FrocPoint::sensitivity)
                .containsExactly(0.0, 0.0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1.0, 1.0);
        // Interpolated over (0, 0), (0.5, 1/3), (1, 2/3), (1.5, 1), (2, 1).
        double[] expected = {1 / 12.0, 1 / 6.0, 1 / 3.0, 2 / 3.0, 1, 1, 1};
        for (int r = 0; r < expected.length; r++) {
            assertThat(result.sensitivities()[r].value()).as("at %s FP/scan", result.rates()[r]).isCloseTo(expected[r], within(1e-12));
        }
        assertThat(result.cpm().value()).isCloseTo(4.25 / 7, within(1e-12));
        assertThat(result.thresholdAt(1.0)).isEqualTo(0.7);
        assertThat(result.thresholdAt(0.25)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void theBootstrapIntervalHoldsTheEstimateIsReproducibleAndNarrowsToNothingOnIdenticalScans() {
        List<ScanDetections> scans = twoScans();
        FrocResult once = Froc.evaluate(scans, Bootstrap.DEFAULT);
        FrocResult again = Froc.evaluate(scans, Bootstrap.DEFAULT);
        assertThat(once.cpm().hasBounds()).isTrue();
        assertThat(once.cpm().low()).isLessThanOrEqualTo(once.cpm().value());
        assertThat(once.cpm().high()).isGreaterThanOrEqualTo(once.cpm().value());
        assertThat(again.cpm()).isEqualTo(once.cpm());

        List<ScanDetections> identical = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            identical.add(twoScans().getFirst());
        }
        Interval cpm = Froc.evaluate(identical, Bootstrap.DEFAULT).cpm();
        assertThat(cpm.low()).isEqualTo(cpm.value());
        assertThat(cpm.high()).isEqualTo(cpm.value());
    }

    @Test
    void sensitivityAndFalsePositivesPerScanAtAThreshold() {
        DetectionAtThreshold at = Froc.atThreshold(twoScans(), 0.7, Bootstrap.DEFAULT);

        // At 0.7 and above: lesions found at 0.9 and 0.7 (not the one at 0.4); false positives 0.95 and 0.8.
        assertThat(at.lesions()).isEqualTo(3);
        assertThat(at.found()).isEqualTo(2);
        assertThat(at.falsePositives()).isEqualTo(2);
        assertThat(at.sensitivity().value()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(at.falsePositivesPerScan().value()).isEqualTo(1.0);
        assertThat(at.sensitivity().hasBounds()).isTrue();
    }

    @Test
    void sensitivityByLesionSizeAtAThreshold() {
        List<SizeBucket> buckets = Froc.sensitivityBySize(twoScans(), 0.7, new double[] {0, 6, 10});

        assertThat(buckets).extracting(SizeBucket::label).containsExactly("0–6 mm", "6–10 mm", "≥ 10 mm");
        assertThat(buckets).extracting(SizeBucket::lesions).containsExactly(0, 2, 1);
        // The 6 mm lesion was found at 0.4 (below the threshold), the 8 mm one at 0.7, the 10 mm one at 0.9.
        assertThat(buckets).extracting(SizeBucket::found).containsExactly(0, 1, 1);
        assertThat(buckets.get(0).sensitivity()).isNaN();
    }
}
