// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.VolumeGeometry;

/** Millimetres only where the file gives them: measurement labels and scale bars of real radiographs and US. */
class MeasurementUnitsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void mammogramWithoutSpacingMeasuresInPixels() throws Exception {
        StackPlan plan = plan("cr_dx_mg/MG1_JPLY.dcm");
        MeasurementUnits units = MeasurementUnits.of(plan.calibration(), plan.geometry());
        LengthMeasurement length = LengthMeasurement.of(null, plan.seriesUid(), pixel(plan, 100, 200), pixel(plan, 844, 200));
        assertThat(MeasurementText.describe(length, null, "", units)).isEqualTo("744.0 px");
        RectangleRoi box = RectangleRoi.of(null, plan.seriesUid(), pixel(plan, 0, 0), pixel(plan, 10, 20),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0));
        assertThat(MeasurementText.describe(box, null, "", units)).isEqualTo("area 200.0 px²");
        assertThat(units.scale()).as("no scale bar in millimetres the file does not give").isEmpty();
    }

    @Test
    void radiographMeasuresAtTheDetector() throws Exception {
        StackPlan plan = plan("cr_dx_mg/DX_canon_chest_966_fixed.dcm");
        MeasurementUnits units = MeasurementUnits.of(plan.calibration(), plan.geometry());
        LengthMeasurement length = LengthMeasurement.of(null, plan.seriesUid(), pixel(plan, 0, 0), pixel(plan, 1000, 0));
        assertThat(MeasurementText.describe(length, null, "", units)).isEqualTo("160.0 mm (detector)");
        assertThat(units.scale()).get().extracting(MeasurementUnits.Scale::unit).isEqualTo("mm (detector)");
    }

    @Test
    void computedRadiographWithPixelSpacingMeasuresInMillimetres() throws Exception {
        StackPlan plan = plan("cr_dx_mg/RG2_JPLL.dcm");
        MeasurementUnits units = MeasurementUnits.of(plan.calibration(), plan.geometry());
        LengthMeasurement length = LengthMeasurement.of(null, plan.seriesUid(), pixel(plan, 0, 0), pixel(plan, 0, 100));
        assertThat(MeasurementText.describe(length, null, "", units)).isEqualTo("20.0 mm");
    }

    @Test
    void ultrasoundMeasuresInMillimetresInsideItsImageRegionOnly() throws Exception {
        StackPlan plan = plan("us/no-pixel-spacing.dcm");
        MeasurementUnits units = MeasurementUnits.of(plan.calibration(), plan.geometry());
        double mmPerPixel = 0.33054208902600268;
        LengthMeasurement inside = LengthMeasurement.of(null, plan.seriesUid(), pixel(plan, 200, 100), pixel(plan, 500, 500));
        assertThat(units.length(inside.a(), inside.b()).value()).isCloseTo(500 * mmPerPixel, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(MeasurementText.describe(inside, null, "", units)).isEqualTo("165.3 mm");
        LengthMeasurement intoDoppler = LengthMeasurement.of(null, plan.seriesUid(), pixel(plan, 200, 100), pixel(plan, 200, 550));
        assertThat(MeasurementText.describe(intoDoppler, null, "", units)).as("leaves the B-mode region").isEqualTo("450.0 px");
        EllipseRoi roi = EllipseRoi.of(null, plan.seriesUid(), pixel(plan, 300, 200), pixel(plan, 400, 300),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0));
        assertThat(MeasurementText.describe(roi, null, "", units))
                .isEqualTo(String.format(java.util.Locale.ROOT, "area %.1f mm²", Math.PI * 50 * 50 * mmPerPixel * mmPerPixel));
        assertThat(units.scale()).get().satisfies(s -> {
            assertThat(s.unit()).isEqualTo("mm");
            assertThat(s.perGeometryUnit()).isCloseTo(mmPerPixel, org.assertj.core.api.Assertions.within(1e-12));
        });
    }

    private static Vec3 pixel(StackPlan plan, double column, double row) {
        VolumeGeometry g = plan.geometry();
        return g.toPatient(column, row, 0);
    }

    private StackPlan plan(String relative) throws Exception {
        Path file = Samples.file(relative);
        DicomIndex index = new Indexer(pool, 2).index(new FileSource(java.util.List.of(file)), TaskContext.none());
        assertThat(index.allSeries()).hasSize(1);
        return new StackPlanner().plan(index.allSeries().getFirst());
    }
}
