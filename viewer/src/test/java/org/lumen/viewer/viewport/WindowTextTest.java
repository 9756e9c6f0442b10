// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Window numbers of real-world values: readable at the scale of diffusion coefficients and of probabilities. */
class WindowTextTest {

    @Test
    void smallValuesKeepThreeSignificantDigitsWithoutExponent() {
        assertThat(WindowText.number(0.0015)).isEqualTo("0.0015");
        assertThat(WindowText.number(0.0051749)).isEqualTo("0.00517");
        assertThat(WindowText.number(-0.00075)).isEqualTo("-0.00075");
        assertThat(WindowText.number(0.5)).isEqualTo("0.5");
    }

    @Test
    void wholeNumbersStayWholeAndTinyOrHugeOnesUseAnExponent() {
        assertThat(WindowText.number(1)).isEqualTo("1");
        assertThat(WindowText.number(400)).isEqualTo("400");
        assertThat(WindowText.number(663.63)).isEqualTo("664");
        assertThat(WindowText.number(3.09e-12)).isEqualTo("3.09e-12");
    }

    @Test
    void centreAndWidthCarryTheUnits() {
        assertThat(WindowText.centerWidth(0.0006, 0.001, "mm2/s")).isEqualTo("C 0.0006, W 0.001 mm2/s");
        assertThat(WindowText.centerWidth(0.5, 1, "")).isEqualTo("C 0.5, W 1");
    }
}
