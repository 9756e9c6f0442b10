// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

/** Screen-edge letters from direction cosines, as radiologists read them. */
class OrientationLabelsTest {

    @Test
    void axialSliceSeenFromTheFeet() {
        // Columns grow to the patient's left, rows to the back: L on the right edge, P at the bottom.
        assertThat(OrientationLabels.of(new Vec3(1, 0, 0))).isEqualTo("L");
        assertThat(OrientationLabels.of(new Vec3(-1, 0, 0))).isEqualTo("R");
        assertThat(OrientationLabels.of(new Vec3(0, 1, 0))).isEqualTo("P");
        assertThat(OrientationLabels.of(new Vec3(0, -1, 0))).isEqualTo("A");
    }

    @Test
    void sagittalAndObliqueDirections() {
        assertThat(OrientationLabels.of(new Vec3(0, 0, -1))).isEqualTo("F");
        assertThat(OrientationLabels.of(new Vec3(0, 0, 1))).isEqualTo("H");
        // Strongest component first; small ones are left out.
        assertThat(OrientationLabels.of(new Vec3(0.1, 0.3, -0.95).normalized())).isEqualTo("FP");
    }
}
