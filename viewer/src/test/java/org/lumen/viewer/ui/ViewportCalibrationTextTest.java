// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * What a viewport says about size on single images and volumes: no slice thickness or spacing
 * made up for a radiograph, no millimetre scale bar without millimetres, and measurements drawn
 * on images that have no frame of reference.
 */
class ViewportCalibrationTextTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void singleImagesShowNoThicknessOrSpacing() throws Exception {
        for (String file : List.of("cr_dx_mg/MG1_JPLY.dcm", "cr_dx_mg/DX_canon_chest_966_fixed.dcm", "us/no-pixel-spacing.dcm")) {
            try (Volume volume = open(new FileSource(List.of(Samples.file(file))))) {
                assertThat(ViewportOverlay.thicknessAndSpacing(state(volume))).as(file).isEmpty();
            }
        }
    }

    @Test
    void volumesShowThicknessAndSpacing() throws Exception {
        try (Volume volume = open(new FolderSource(Samples.file("ct_series/philips_phantom_std_brain_1mm")))) {
            assertThat(ViewportOverlay.thicknessAndSpacing(state(volume))).isEqualTo("Thk 1.00 mm\nSp 1.00 mm");
        }
    }

    @Test
    void scaleBarOnlyWhereTheFileGivesMillimetres() throws Exception {
        try (Volume mammogram = open(new FileSource(List.of(Samples.file("cr_dx_mg/MG1_JPLY.dcm"))));
             Volume radiograph = open(new FileSource(List.of(Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm"))))) {
            assertThat(ViewportContext.unitsOf(mammogram).scale()).isEmpty();
            var scale = ViewportContext.unitsOf(radiograph).scale().orElseThrow();
            assertThat(ViewportGraphics.scaleBarLabel(50, scale.unit())).isEqualTo("50 mm (detector)");
            assertThat(ViewportGraphics.scaleBarLabel(0.5, "mm")).isEqualTo("0.5 mm");
        }
    }

    @Test
    void aMeasurementOnAnImageWithoutFrameOfReferenceIsDrawnOnIt() throws Exception {
        try (Volume mammogram = open(new FileSource(List.of(Samples.file("cr_dx_mg/MG1_JPLY.dcm"))))) {
            ViewportState state = state(mammogram);
            assertThat(mammogram.frame(0).instance().series().frameOfReferenceUid()).isNull();
            MeasurementSet set = new MeasurementSet();
            var g = mammogram.geometry();
            LengthMeasurement length = LengthMeasurement.of(null, mammogram.plan().seriesUid(), g.toPatient(100, 200, 0),
                    g.toPatient(844, 200, 0));
            set.add(length);
            assertThat(ViewportGraphics.shownOn(set, state)).containsExactly(length);
        }
    }

    @Test
    void theReadoutGivesNoPatientPositionWithoutMillimetres() throws Exception {
        try (Volume mammogram = open(new FileSource(List.of(Samples.file("cr_dx_mg/MG1_JPLY.dcm"))))) {
            var reading = PixelProbe.read(state(mammogram), 100, 200).orElseThrow();
            assertThat(reading.patient()).isNull();
            assertThat(reading.describe()).doesNotContain("mm").contains("[100, 200]");
        }
    }

    private Volume open(DicomSource source) throws Exception {
        var index = new Indexer(pool, 2).index(source, TaskContext.none());
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        return new SeriesLoader(pool, 2, new PixelCache(1L << 26)).open(plan);
    }

    private static ViewportState state(Volume volume) {
        return new ViewportState(volume, DisplaySettings.window(new WindowPreset("w", 40, 80), false), 0);
    }
}
