// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.ModelPractice;
import org.lumen.annotation.catalog.OperatingPoint;

/** The Model in practice view's sentences and bars, from figures worked out by hand. */
class PracticeFiguresTest {

    private static final ModelPractice PRACTICE = new ModelPractice("demo", null, 4, 3, 10, 8,
            Map.of(DecisionKind.ACCEPT, 5, DecisionKind.EDIT, 1, DecisionKind.REJECT, 2), List.of(
                    new ModelPractice.ScoreBand(0.5, 0.6, 0, 0, 0, 0, 0),
                    new ModelPractice.ScoreBand(0.8, 0.9, 4, 2, 0, 2, 0),
                    new ModelPractice.ScoreBand(0.9, 1.0, 6, 3, 1, 0, 0)),
            150.0, 5, 2, 10, List.of(new ModelPractice.Week(LocalDate.of(2026, 11, 30), 8, 6, 2, 0)));

    @Test
    void theSentencesSayTheRatesTimeMissedLesionsAndTheOperatingPoint() {
        OperatingPoint site = new OperatingPoint(1, "demo", "1.0.0", "ab", 0.947, 1.0, 0.82, "site cases",
                Instant.parse("2026-12-07T10:00:00Z"), "ana");
        List<String> lines = PracticeFigures.lines(PRACTICE, site);
        assertThat(lines.get(0)).isEqualTo("demo: 4 run(s) on 3 series, 10 finding(s), 8 decided.");
        // (5 accepted + 1 edited) of 8; 2 of 8 rejected; 150 minutes is shown in hours.
        assertThat(lines.get(1)).isEqualTo("Accepted 75 % (edited 1), rejected 25 %, uncertain 0 %; median time to decision 2.5 h.");
        assertThat(lines.get(2)).isEqualTo("Lesions people drew on these series: 5, of which the model had not found 2 (no finding within 10 mm).");
        assertThat(lines.get(3)).startsWith("Site operating point: score ≥ 0.947, chosen 2026-12-07 by ana from the validation on site cases"
                + " at 1.0 FP/scan (sensitivity 0.82) for version 1.0.0");
        assertThat(PracticeFigures.lines(PRACTICE, null).get(3)).isEqualTo("Site operating point: none chosen; the card's default threshold applies.");
    }

    @Test
    void onlyBandsThatHoldFindingsAreDrawn() {
        assertThat(PracticeFigures.shownBands(PRACTICE)).extracting(PracticeFigures::bandLabel).containsExactly("0.8–0.9", "0.9–1.0");
    }
}
