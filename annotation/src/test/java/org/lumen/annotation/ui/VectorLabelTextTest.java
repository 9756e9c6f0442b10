// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.PixelCalibration;
import org.lumen.viewer.index.SpacingSource;
import org.lumen.viewer.measure.MeasurementUnits;
import org.lumen.viewer.volume.VolumeGeometry;

/** Box and line labels say their size in the units the series' file gives, like measurements do. */
class VectorLabelTextTest {

    private static final VolumeGeometry PIXELS = new VolumeGeometry(1000, 800, 1, Vec3.ZERO, new Vec3(1, 0, 0),
            new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 1));

    @Test
    void linesAndBoxesOnAnImageWithoutSpacingAreInPixels() {
        MeasurementUnits px = MeasurementUnits.of(PixelCalibration.NONE, PIXELS);
        assertThat(VectorLabelPainter.describe(LineLabel.of(null, "1.2", "Other", new Vec3(100, 10, 0), new Vec3(844, 10, 0)), px))
                .isEqualTo("Other 744.0 px");
        assertThat(VectorLabelPainter.describe(BoxLabel.around(null, "1.2", "Mass", new Vec3(50, 50, 0), new Vec3(30, 20, 0)), px))
                .startsWith("Mass 30.0 × 20.0 px");
    }

    @Test
    void linesOnARadiographAreAtTheDetector() {
        MeasurementUnits detector = MeasurementUnits.of(
                new PixelCalibration(SpacingSource.DETECTOR, 0.16, 0.16, null, List.of()), PIXELS);
        assertThat(VectorLabelPainter.describe(LineLabel.of(null, "1.2", "Other", Vec3.ZERO, new Vec3(31.2, 0, 0)), detector))
                .isEqualTo("Other 31.2 mm (detector)");
        assertThat(VectorLabelPainter.describe(LineLabel.of(null, "1.2", "Other", Vec3.ZERO, new Vec3(31.2, 0, 0)),
                MeasurementUnits.PATIENT_MM)).isEqualTo("Other 31.2 mm");
    }
}
