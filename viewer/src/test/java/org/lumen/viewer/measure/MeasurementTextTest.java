// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

/** Labels are short, carry their unit, and read the same in every locale. */
class MeasurementTextTest {

    private static final String FOR = "1.2.3";
    private static final String SERIES = "1.2.3.4";
    private static final Vec3 RIGHT = new Vec3(1, 0, 0);
    private static final Vec3 DOWN = new Vec3(0, 1, 0);

    private final EllipseRoi roi = EllipseRoi.of(FOR, SERIES, Vec3.ZERO, new Vec3(14, 14, 0), RIGHT, DOWN);

    @Test
    void lengthsAndAngles() {
        assertThat(MeasurementText.describe(LengthMeasurement.of(FOR, SERIES, Vec3.ZERO, new Vec3(42.26, 0, 0)), null, "HU"))
                .isEqualTo("42.3 mm");
        AngleMeasurement angle = AngleMeasurement.of(FOR, SERIES, new Vec3(1, 0, 0), Vec3.ZERO,
                new Vec3(Math.cos(Math.toRadians(87.5)), Math.sin(Math.toRadians(87.5)), 0));
        assertThat(MeasurementText.describe(angle, null, null)).isEqualTo("87.5°");
    }

    @Test
    void roiWithStatistics() {
        RoiStats stats = new RoiStats(154, 38.21, 4.07, 20, 61, roi.areaMm2());
        assertThat(MeasurementText.describe(roi, stats, "HU"))
                .isEqualTo("mean 38.2 ± 4.1 HU, min 20, max 61, area 153.9 mm²");
        assertThat(MeasurementText.describe(roi, stats, null))
                .isEqualTo("mean 38.2 ± 4.1, min 20, max 61, area 153.9 mm²");
    }

    @Test
    void roiWithoutStatisticsOrWithoutPixels() {
        assertThat(MeasurementText.describe(roi, null, "HU")).isEqualTo("area 153.9 mm²");
        assertThat(MeasurementText.describe(roi, RoiStats.empty(roi.areaMm2()), "HU"))
                .isEqualTo("no pixels inside, area 153.9 mm²");
        assertThat(MeasurementText.describe(roi, new RoiStats(1, -5, Double.NaN, -5, -5, roi.areaMm2()), "HU"))
                .as("one pixel: no spread to show")
                .isEqualTo("mean -5.0 HU, min -5, max -5, area 153.9 mm²");
    }

    @Test
    void smallValuesKeepTheirDigits() {
        RoiStats probabilities = new RoiStats(10, 0.3712, 0.0456, 0.125, 0.75, roi.areaMm2());
        assertThat(MeasurementText.describe(roi, probabilities, ""))
                .isEqualTo("mean 0.371 ± 0.0456, min 0.125, max 0.75, area 153.9 mm²");
    }

    @Test
    void theDefaultLocaleDoesNotChangeTheDecimalPoint() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(MeasurementText.describe(LengthMeasurement.of(FOR, SERIES, Vec3.ZERO, new Vec3(1.25, 0, 0)), null, null))
                    .isEqualTo("1.3 mm");
        } finally {
            Locale.setDefault(before);
        }
    }
}
