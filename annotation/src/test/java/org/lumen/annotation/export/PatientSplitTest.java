// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatientSplitTest {

    /** 200 patients with 1 to 4 cases each. */
    private static Map<String, Integer> patients() {
        Random random = new Random(11);
        Map<String, Integer> patients = new LinkedHashMap<>();
        for (int p = 0; p < 200; p++) {
            patients.put("ANON-" + p, 1 + random.nextInt(4));
        }
        return patients;
    }

    @Test
    void sharesOfCasesFollowTheFractionsWithEveryPatientInOneSplit() {
        Map<String, Integer> patients = patients();
        int total = patients.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Split> split = PatientSplit.assign(patients, new SplitFractions(0.6, 0.2, 0.2), 5);
        assertThat(split.keySet()).isEqualTo(patients.keySet());
        Map<Split, Integer> cases = new EnumMap<>(Split.class);
        split.forEach((patient, s) -> cases.merge(s, patients.get(patient), Integer::sum));
        // Whole patients of up to 4 cases: each target is met to within one patient.
        assertThat(cases.get(Split.TEST)).isBetween((int) Math.round(0.2 * total) - 4, (int) Math.round(0.2 * total) + 4);
        assertThat(cases.get(Split.VALIDATION)).isBetween((int) Math.round(0.2 * total) - 4, (int) Math.round(0.2 * total) + 4);
        assertThat(cases.get(Split.TRAIN)).isEqualTo(total - cases.get(Split.TEST) - cases.get(Split.VALIDATION));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Map<String, Integer> patients = patients();
        Map<String, Split> a = PatientSplit.assign(patients, SplitFractions.defaults(), 42);
        // The order the patients come in does not matter, only who they are.
        Map<String, Integer> reversed = new LinkedHashMap<>();
        new java.util.ArrayList<>(patients.keySet()).reversed().forEach(p -> reversed.put(p, patients.get(p)));
        assertThat(PatientSplit.assign(reversed, SplitFractions.defaults(), 42)).isEqualTo(a);
        assertThat(PatientSplit.assign(patients, SplitFractions.defaults(), 43)).isNotEqualTo(a);
    }

    @Test
    void aLonePatientTrains() {
        assertThat(PatientSplit.assign(Map.of("ANON-1", 3), SplitFractions.defaults(), 1)).containsEntry("ANON-1", Split.TRAIN);
    }

    @Test
    void fractionsAreCheckedWithSentences() {
        assertThat(SplitFractions.parse("0.8, 0.1, 0.1")).isEqualTo(new SplitFractions(0.8, 0.1, 0.1));
        assertThatThrownBy(() -> SplitFractions.parse("0.8,0.1")).hasMessageContaining("three fractions");
        assertThatThrownBy(() -> SplitFractions.parse("0.8,0.3,0.1")).hasMessageContaining("must add up to 1");
        assertThatThrownBy(() -> SplitFractions.parse("0,0.5,0.5")).hasMessageContaining("training above 0");
        assertThatThrownBy(() -> SplitFractions.parse("0.7,x,0.3")).hasMessageContaining("'x' in split '0.7,x,0.3' is not a number");
    }
}
