// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.model.IntendedUseAssessment.Verdict;

/** Each rule of the intended-use check on plain facts, one at a time. */
class IntendedUseCheckTest {

    private static final IntendedUse CHEST_CT = new IntendedUse(List.of("CT"), Set.of(BodyRegion.CHEST),
            new IntendedUse.Limits(0.5, 3), new IntendedUse.Limits(0.5, 3), true, new IntendedUse.ValueRange(-1024, 3071, "HU"));

    @Test
    void aChestCtInHuFits() {
        IntendedUseAssessment a = IntendedUseCheck.check(CHEST_CT, chest(air(0.0)));

        assertThat(a.verdict()).isEqualTo(Verdict.WITHIN);
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void storedValuesNeverRescaledToHuDoNotReachAir() {
        float[] raw = new float[1000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i < 300 ? 10 : 1040 + i % 60;
        }

        IntendedUseAssessment a = IntendedUseCheck.check(CHEST_CT, chest(new ValueSample(raw)));

        assertThat(a.reasons()).containsExactly("its values run from 10 to 1099 HU (1st to 99th percentile) and never reach the low "
                + "end of the model's -1024 to 3071 HU: the values may not be in the units the model expects");
    }

    @Test
    void paddingOutsideTheScanCircleIsLeftOutButValuesFarOutsideTheRangeAreNot() {
        assertThat(IntendedUseCheck.check(CHEST_CT, chest(air(0.2))).verdict()).isEqualTo(Verdict.WITHIN);

        float[] hot = new float[1000];
        for (int i = 0; i < hot.length; i++) {
            hot[i] = i < 400 ? -1000 : 20000 + i;
        }
        assertThat(IntendedUseCheck.check(CHEST_CT, chest(new ValueSample(hot))).reasons())
                .containsExactly("its values run from -1000 to 20989 HU (1st to 99th percentile), outside the model's -1024 to 3071 HU");
    }

    @Test
    void thickOrWidelySpacedSlicesAndAnIrregularStackAreRefused() {
        SeriesFacts thick = new SeriesFacts("CT", "CHEST", null, null, 5.0, 7.0, false, "irregular slice spacing (4 to 7 mm)", 400.0,
                air(0));

        assertThat(IntendedUseCheck.check(CHEST_CT, thick).reasons()).containsExactly(
                "its slices are 5 mm thick; the model is for slices 0.5–3 mm thick",
                "its slices are 7 mm apart; the model is for slices 0.5–3 mm apart",
                "its slices do not form a regular volume (irregular slice spacing (4 to 7 mm)); the model needs one");
    }

    @Test
    void aSilentFileIsNotRefusedButTheCheckSaysWhatItCouldNotSee() {
        SeriesFacts silent = new SeriesFacts("CT", null, null, null, null, 2.0, true, null, 350.0, null);

        IntendedUseAssessment a = IntendedUseCheck.check(CHEST_CT, silent);

        assertThat(a.verdict()).isEqualTo(Verdict.WITHIN);
        assertThat(a.notes()).containsExactly(
                "neither Body Part Examined nor the descriptions say the series shows the chest; its 350 mm field of view does not rule it out",
                "the file gives no slice thickness",
                "its values were not read, so their range was not checked");
    }

    @Test
    void aChestAbdomenStudyNamesTheChestAndASmallFieldAloneRefuses() {
        SeriesFacts cap = new SeriesFacts("CT", "CHESTABDPELVIS", "CT CHEST ABDOMEN PELVIS", "Body 2.0", 2.0, 2.0, true, null, 420.0,
                air(0));
        SeriesFacts small = new SeriesFacts("CT", null, null, null, 2.0, 2.0, true, null, 180.0, air(0));

        assertThat(IntendedUseCheck.check(CHEST_CT, cap).verdict()).isEqualTo(Verdict.WITHIN);
        assertThat(IntendedUseCheck.check(CHEST_CT, small).reasons()).singleElement().asString()
                .startsWith("its field of view is 180 mm across, too small to hold the chest");
    }

    @Test
    void aCardWithoutCriteriaChecksNothingAndSaysSo() {
        IntendedUseAssessment a = IntendedUseCheck.check(IntendedUse.UNDECLARED,
                new SeriesFacts("MR", "BRAIN", null, null, 9.0, 9.0, false, null, 200.0, null));

        assertThat(a.verdict()).isEqualTo(Verdict.UNDECLARED);
        assertThat(a.reasons()).isEmpty();
        assertThat(a.notes()).singleElement().asString().contains("declares no checkable intended use");
    }

    private static SeriesFacts chest(ValueSample values) {
        return new SeriesFacts("CT", "CHEST", "Chest CT", "Lung 1.0", 1.0, 1.0, true, null, 360.0, values);
    }

    /** Air, lung and soft tissue in HU, with a share of padding at -3024 outside the scan circle. */
    private static ValueSample air(double padding) {
        float[] v = new float[1000];
        int pad = (int) (padding * v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = i < pad ? -3024 : i % 3 == 0 ? -1000 + i % 7 : i % 3 == 1 ? -850 + i % 11 : 40 + i % 13;
        }
        return new ValueSample(v);
    }
}
