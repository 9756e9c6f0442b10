// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The heatmap legend stays between the top-right corner texts and the right orientation letter at
 * every viewport size (it used to sit on the letter, centred on it), and shrinks rather than clips.
 */
class LegendLayoutTest {

    @Test
    void itNeverReachesTheOrientationLetterOrTheCornerTextsAtAnySize() {
        for (int h = 60; h <= 1400; h += 7) {
            for (int w : new int[] {90, 150, 240, 600, 1200}) {
                for (boolean caution : new boolean[] {false, true}) {
                    LegendLayout l = LegendLayout.of(w, h, caution);
                    if (!l.showsName() && !l.showsCaution()) {
                        continue;
                    }
                    assertThat(l.top()).as("%dx%d below the corner texts", w, h).isGreaterThanOrEqualTo(LegendLayout.CORNER_TEXT);
                    assertThat(l.bottom()).as("%dx%d above the letter", w, h).isLessThanOrEqualTo(h / 2.0 - LegendLayout.LETTER_HALF);
                }
            }
        }
    }

    @Test
    void largeViewsGetTheFullBarSmallOnesTextAndTheCautionGoesLast() {
        LegendLayout big = LegendLayout.of(800, 900, true);
        assertThat(big.barHeight()).isEqualTo(LegendLayout.MAX_BAR);
        assertThat(big.showsName()).isTrue();
        assertThat(big.showsCaution()).isTrue();

        LegendLayout quarter = LegendLayout.of(380, 330, true);
        assertThat(quarter.barHeight()).isBetween(LegendLayout.MIN_BAR, LegendLayout.MAX_BAR);

        LegendLayout small = LegendLayout.of(300, 210, true);
        assertThat(small.barHeight()).isZero();
        assertThat(small.showsName()).isTrue();
        assertThat(small.showsCaution()).isTrue();

        LegendLayout smaller = LegendLayout.of(300, 185, true);
        assertThat(smaller.showsName()).isFalse();
        assertThat(smaller.showsCaution()).as("the caution is the last to go").isTrue();

        assertThat(LegendLayout.of(120, 900, false).barHeight()).as("no numbers crowding a narrow view").isZero();
    }
}
