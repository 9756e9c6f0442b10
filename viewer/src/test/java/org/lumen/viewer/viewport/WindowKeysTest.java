// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomImageWriter;
import org.lumen.viewer.dicom.ImageModality;
import org.lumen.viewer.dicom.PixelEncoding;
import org.lumen.viewer.dicom.SeriesDescriptor;
import org.lumen.viewer.dicom.SliceDescriptor;
import org.lumen.viewer.dicom.SliceGeometry;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.StudyInfo;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/** Keys 1–9 and Shift+1–9, the fallback from a file window that misses the image, and the drag scale, on real and generated files. */
class WindowKeysTest {

    private static final double VIEW = 512;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<Volume> open = new ArrayList<>();

    @AfterEach
    void stop() {
        open.forEach(Volume::close);
        pool.shutdownNow();
    }

    @Test
    void aKeyGivesTheSameNamedPresetOnCtSeriesWithDifferentFileWindows() throws Exception {
        ViewportState brain = opened(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        ViewportState chest = opened(Samples.file("transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm"));
        assertThat(brain.fileWindows()).isNotEmpty().isNotEqualTo(chest.fileWindows());

        List<String> expected = List.of("lung", "mediastinum", "soft-tissue", "bone", "brain", "abdomen", "liver", "auto", "full range");
        for (int key = 1; key <= 9; key++) {
            assertThat(brain.applyPreset(key)).isTrue();
            assertThat(chest.applyPreset(key)).isTrue();
            assertThat(brain.display().window().name()).as("key %d", key).isEqualTo(expected.get(key - 1));
            assertThat(chest.display().window().name()).as("key %d", key).isEqualTo(expected.get(key - 1));
        }
        brain.applyPreset(4);
        assertThat(brain.display().window().center()).isEqualTo(400);
        assertThat(brain.presetKeys()).isEqualTo(expected);

        // The file's own windows are on Shift+1.., in the file's order.
        assertThat(brain.applyFileWindow(1)).isTrue();
        assertThat(brain.display().window()).isEqualTo(brain.fileWindows().getFirst());
        assertThat(brain.applyFileWindow(brain.fileWindows().size() + 1)).isFalse();
    }

    @Test
    void mrKeysGiveTheDocumentedPresetsNotTheFilesWindow() throws Exception {
        ViewportState mr = opened(Samples.file("wg04/MR1_J2KI.dcm"));
        WindowPreset fromFile = mr.fileWindows().getFirst();
        assertThat(mr.display().window()).isEqualTo(fromFile);

        for (int key = 1; key <= 7; key++) {
            assertThat(mr.applyPreset(key)).as("key %d: CT windows are in HU, not offered on MR", key).isFalse();
        }
        assertThat(mr.display().window()).isEqualTo(fromFile);

        assertThat(mr.applyPreset(WindowPresets.AUTO_KEY)).isTrue();
        WindowPreset auto = mr.display().window();
        assertThat(auto.name()).isEqualTo("auto");
        assertThat(auto).isNotEqualTo(fromFile);
        assertThat(auto.lower()).isEqualTo(mr.values().low());
        assertThat(auto.upper()).isEqualTo(mr.values().high());

        assertThat(mr.applyPreset(WindowPresets.FULL_RANGE_KEY)).isTrue();
        assertThat(mr.display().window().name()).isEqualTo("full range");
        assertThat(mr.display().window().width()).isGreaterThanOrEqualTo(auto.width());

        assertThat(mr.applyFileWindow(1)).isTrue();
        assertThat(mr.display().window()).isEqualTo(fromFile);
        assertThat(mr.presetKeys()).containsExactly(null, null, null, null, null, null, null, "auto", "full range");
    }

    @Test
    void aSixteenBitImageWhoseWindowMissesItsPixelsOpensInTheAutomaticWindow(@TempDir Path folder) throws Exception {
        // 16-bit values 20000..60000 under a file window of 400..600: every pixel would be white.
        Path file = folder.resolve("missed.dcm");
        int size = 64;
        short[] pixels = new short[size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (20000 + 40000L * i / pixels.length);
        }
        new DicomImageWriter().writeSlice(file, new SeriesDescriptor(
                new PatientInfo("Test^Window", "W-1", null, "O"),
                new StudyInfo("1.2.826.0.1.88", "20240101", "120000", "Window", null, "S1"),
                "1.2.826.0.1.88.1", 1, "missed window", ImageModality.MR, "1.2.826.0.1.88.9", null,
                new SliceGeometry(size, size, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.2, 0.2, 1, OptionalDouble.empty()),
                PixelEncoding.unsigned(16), List.of(new WindowPreset("FILE", 500, 200))),
                new SliceDescriptor("1.2.826.0.1.88.1.1", 1, Vec3.ZERO), pixels);

        ViewportState state = opened(file);
        assertThat(state.display().window().name()).isEqualTo("auto");
        assertThat(distinctGreys(state)).as("rendered, not a blank rectangle").isGreaterThan(100);
        assertThat(state.applyFileWindow(1)).as("the file's window stays on Shift+1").isTrue();
        assertThat(distinctGreys(state)).isEqualTo(1);
    }

    @Test
    void aRealCtWhoseWindowMissesItsValuesFallsBackAndTheRealDxKeepsItsOwn() throws Exception {
        // This DICOMDIR test CT has values 991..1489 under a window of -20..80.
        ViewportState missed = opened(Samples.file("dicomdir/pcir_fileset/77654033/CT2/17166"));
        assertThat(missed.fileWindows().getFirst().upper()).isLessThan(missed.values().min());
        assertThat(missed.display().window().name()).isEqualTo("auto");
        assertThat(distinctGreys(missed)).isGreaterThan(50);

        // The Canon DX's own window (C 2048, W 4096) covers its pixels: it is kept.
        ViewportState dx = opened(Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm"));
        assertThat(dx.display().window()).isEqualTo(dx.fileWindows().getFirst());
        assertThat(DisplayDefaults.misses(dx.fileWindows().getFirst(), dx.values())).isFalse();
    }

    @Test
    void aDragAcrossTheViewSweepsAUsefulPartOfTheDataOnEightAndSixteenBitImagesAndCt() throws Exception {
        // 8-bit: values 0..255; the old scale (one unit per pixel) widened by twice the whole range.
        ViewportState eightBit = opened(Samples.file("transfer_syntaxes/pydicom/JPGLosslessP14SV1_1s_1f_8b.dcm"));
        // 16-bit DX: values 415..4095 under its 4096-wide window.
        ViewportState dx = opened(Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm"));
        // CT brain window, 80 HU wide, over values from -1024 HU.
        ViewportState ct = opened(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        assertThat(ct.display().window()).as("a brain window on a head phantom is no miss").isEqualTo(ct.fileWindows().getFirst());
        for (ViewportState state : List.of(eightBit, dx, ct)) {
            double span = state.values().span();
            double before = state.display().window().width();
            state.adjustWindow(VIEW, 0, VIEW, VIEW);
            double widened = state.display().window().width() - before;
            assertThat(widened).as("%s: span %.0f", state.volume().frame(0).instance().series().modality(), span)
                    .isBetween(span / 4 - 1e-9, span + 1e-9);
            double centre = state.display().window().center();
            state.adjustWindow(0, -VIEW / 2, VIEW, VIEW);
            assertThat(state.display().window().center() - centre).isPositive().isLessThanOrEqualTo(span / 2 + 1e-9);
        }
        assertThat(ct.values().span()).isGreaterThan(1000);
        assertThat(ViewportState.dragSweep(80, ct.values())).as("a brain window moves at a quarter of the span per view")
                .isEqualTo(ct.values().span() / 4);
    }

    @Test
    void aWindowOfWidthOneOnSixteenBitDataStillMovesAtTheDatasPace() throws Exception {
        ViewportState dx = opened(Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm"));
        dx.setDisplay(DisplaySettings.window(new WindowPreset("narrow", 2000, 1), true));
        dx.adjustWindow(VIEW / 2, 0, VIEW, VIEW);
        assertThat(dx.display().window().width()).isGreaterThan(dx.values().span() / 8);
    }

    private int distinctGreys(ViewportState state) {
        VoxelSlice slice = state.volume().sliceIfPresent(state.index()).orElseThrow();
        byte[] grey = new byte[slice.columns() * slice.rows()];
        new SliceRenderer().renderGray(slice, state.display(), grey);
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : grey) {
            if (!seen[b & 0xFF]) {
                seen[b & 0xFF] = true;
                distinct++;
            }
        }
        return distinct;
    }

    /** Opens the first series at {@code path} (a file or a folder) with the display it opens with in the viewer. */
    private ViewportState opened(Path path) throws Exception {
        var source = path.toFile().isDirectory() ? new FolderSource(path) : new FileSource(List.of(path));
        var index = new Indexer(pool, 2).index(source, TaskContext.none());
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        Volume volume = new SeriesLoader(pool, 2, new PixelCache(1L << 28)).open(plan);
        open.add(volume);
        int middle = volume.sliceCount() / 2;
        VoxelSlice slice = volume.slice(middle);
        for (int k = 0; k < volume.sliceCount(); k++) {
            volume.slice(k);
        }
        return new ViewportState(volume, DisplayDefaults.initial(volume.frame(middle).instance(), slice), middle);
    }
}
