// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskCancelledException;
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
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.index.StudyInfo;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.source.FolderSource;

/** Thumbnails: the middle slice, its opening display, shrunk by area averaging to the physical aspect. */
class ThumbnailerTest {

    private static final WindowPreset WINDOW = new WindowPreset("test", 200, 400);

    private final ExecutorService indexPool = Executors.newFixedThreadPool(2);
    private final ExecutorService decodePool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stopPools() {
        indexPool.shutdownNow();
        decodePool.shutdownNow();
    }

    // ------------------------------------------------------------------ size and filtering

    @Test
    void sizeFitsTheBoxAndKeepsThePhysicalAspect() {
        assertThat(Thumbnailer.fit(512, 512, 0.7, 0.7, 96, 96)).containsExactly(96, 96);
        assertThat(Thumbnailer.fit(200, 100, 1, 1, 96, 96)).containsExactly(96, 48);
        assertThat(Thumbnailer.fit(100, 200, 1, 1, 96, 96)).containsExactly(48, 96);
        // Square matrix, pixels twice as tall as wide: the picture is twice as tall as wide.
        assertThat(Thumbnailer.fit(256, 256, 0.5, 1.0, 96, 96)).containsExactly(48, 96);
        // Wide matrix whose tall pixels make it square.
        assertThat(Thumbnailer.fit(64, 32, 0.5, 1.0, 24, 24)).containsExactly(24, 24);
        // A non-square box.
        assertThat(Thumbnailer.fit(512, 512, 1, 1, 128, 64)).containsExactly(64, 64);
    }

    @Test
    void smallImagesAreNotBlownUpAndExtremeShapesKeepOnePixel() {
        assertThat(Thumbnailer.fit(32, 32, 1, 1, 96, 96)).containsExactly(32, 32);
        assertThat(Thumbnailer.fit(4000, 2, 1, 1, 96, 96)).containsExactly(96, 1);
        // Unknown or nonsense spacing counts as square pixels.
        assertThat(Thumbnailer.fit(200, 100, 0, Double.NaN, 96, 96)).containsExactly(96, 48);
    }

    @Test
    void areaAveragingMeansTheCoveredSourcePixels() {
        // A 1-pixel checkerboard halves to flat mid-grey, not to one of its colours (which point sampling gives).
        int[] checker = new int[8 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                checker[y * 8 + x] = (x + y) % 2 == 0 ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        Thumbnail half = Thumbnailer.downsample(checker, 8, 8, 1, 1, 4, 4);
        assertThat(half.width()).isEqualTo(4);
        assertThat(half.height()).isEqualTo(4);
        assertThat(Arrays.stream(half.argb()).distinct()).containsExactly(0xFF808080);

        // Three columns into two: each target covers one and a half source columns.
        int[] stripes = {0xFF000000, 0xFFFFFFFF, 0xFF000000};
        Thumbnail two = Thumbnailer.downsample(stripes, 3, 1, 1, 1, 2, 2);
        assertThat(two.width()).isEqualTo(2);
        assertThat(two.height()).isEqualTo(1);
        assertThat(two.pixel(0, 0) & 0xFF).isEqualTo(85);
        assertThat(two.pixel(1, 0) & 0xFF).isEqualTo(85);

        // Colour channels average separately.
        int[] colours = {0xFFFF0000, 0xFF0000FF};
        assertThat(Thumbnailer.downsample(colours, 2, 1, 1, 1, 1, 1).pixel(0, 0)).isEqualTo(0xFF800080);
    }

    @Test
    void tallPixelsAreStretchedNotSquashed() {
        // 4 columns × 2 rows of pixels twice as tall as wide: a square picture, so 2 source rows fill 4 target rows.
        int[] argb = {0xFF000000, 0xFF000000, 0xFF000000, 0xFF000000, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
        Thumbnail t = Thumbnailer.downsample(argb, 4, 2, 1, 2, 96, 96);
        assertThat(t.width()).isEqualTo(4);
        assertThat(t.height()).isEqualTo(4);
        assertThat(t.pixel(0, 0)).isEqualTo(0xFF000000);
        assertThat(t.pixel(0, 1)).isEqualTo(0xFF000000);
        assertThat(t.pixel(0, 2)).isEqualTo(0xFFFFFFFF);
        assertThat(t.pixel(3, 3)).isEqualTo(0xFFFFFFFF);
    }

    // ------------------------------------------------------------------ series

    @Test
    void thumbnailOfASeriesKeepsItsAspectFromThePixelSpacing() throws Exception {
        // 64 columns of 0.5 mm × 32 rows of 1 mm: a 32 mm square.
        Series series = onlySeries(writeSeries(folder.resolve("aspect"), "1.2.826.0.1.77.1", 1, 5, 64, 32, 1.0, 0.5));
        Thumbnail t = new Thumbnailer(24, 24).thumbnail(series).orElseThrow();
        assertThat(t.width()).isEqualTo(24);
        assertThat(t.height()).isEqualTo(24);
        assertThat(t.argb()).hasSize(24 * 24);
        assertThat(Arrays.stream(t.argb()).allMatch(p -> p >>> 24 == 0xFF)).as("opaque").isTrue();
    }

    @Test
    void theMiddleSliceAlongTheNormalIsChosenNotTheMiddleFile() throws Exception {
        // Slice k (in position order) is filled with the value 100·k; instance numbers run the other way.
        Series series = onlySeries(writeSeries(folder.resolve("middle"), "1.2.826.0.1.77.2", 1, 5, 16, 16, 1, 1));
        Thumbnail t = new Thumbnailer().thumbnail(series).orElseThrow();

        DisplaySettings display = DisplaySettings.window(WINDOW, false);
        int expected = SliceRenderer.intensity(200, display);
        assertThat(t.width()).isEqualTo(16);
        assertThat(Arrays.stream(t.argb()).distinct()).containsExactly(0xFF000000 | expected << 16 | expected << 8 | expected);
        for (int other : new int[] {0, 100, 300, 400}) {
            assertThat(SliceRenderer.intensity(other, display)).isNotEqualTo(expected);
        }
    }

    @Test
    void aRealCtSeriesGivesAFullSizeThumbnailWithContrast() throws Exception {
        Series series = onlySeries(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        Thumbnail t = new Thumbnailer().thumbnail(series).orElseThrow();
        assertThat(t.width()).isEqualTo(96);
        assertThat(t.height()).isEqualTo(96);
        assertThat(Arrays.stream(t.argb()).distinct().count()).isGreaterThan(10);
    }

    @Test
    void colourImagesKeepTheirColour() throws Exception {
        DicomIndex index = new Indexer(indexPool, 2).index(
                new FileSource(List.of(Samples.file("transfer_syntaxes/pydicom/SC_rgb_rle.dcm"))), TaskContext.none());
        Thumbnail t = new Thumbnailer().thumbnail(index.allSeries().getFirst()).orElseThrow();
        assertThat(Arrays.stream(t.argb()).anyMatch(p -> (p >> 16 & 0xFF) != (p & 0xFF))).isTrue();
    }

    @Test
    void aNonImageSeriesGetsNoThumbnail() throws Exception {
        DicomIndex index = new Indexer(indexPool, 2).index(
                new FileSource(List.of(Samples.file("seg_sr_rt/test-SR.dcm"))), TaskContext.none());
        Series report = index.allSeries().getFirst();
        assertThat(report.hasImages()).isFalse();
        assertThat(new Thumbnailer().thumbnail(report)).isEmpty();

        Recorder recorder = new Recorder();
        Map<String, Thumbnail> made = new Thumbnailer().task(List.of(report), recorder).run(recorder);
        assertThat(made).isEmpty();
        assertThat(recorder.ready).isEmpty();
        assertThat(recorder.failed).isEmpty();
        assertThat(recorder.lastDone.get()).isEqualTo(1);
    }

    @Test
    void theBatchPublishesEachThumbnailAndCountsProgress() throws Exception {
        List<Series> series = threeSeries();
        for (Thumbnailer thumbnailer : List.of(new Thumbnailer(), new Thumbnailer(decodePool, 2, 96, 96))) {
            Recorder recorder = new Recorder();
            Map<String, Thumbnail> made = thumbnailer.task(series, recorder).run(recorder);
            assertThat(made.keySet()).containsExactlyElementsOf(series.stream().map(Series::uid).toList());
            assertThat(recorder.ready).containsExactlyInAnyOrderElementsOf(series.stream().map(Series::uid).toList());
            assertThat(recorder.lastDone.get()).isEqualTo(3);
            assertThat(recorder.lastTotal.get()).isEqualTo(3);
        }
    }

    @Test
    void cancellingStopsBetweenSeries() throws Exception {
        List<Series> series = threeSeries();
        for (Thumbnailer thumbnailer : List.of(new Thumbnailer(), new Thumbnailer(decodePool, 1, 96, 96))) {
            Recorder recorder = new Recorder();
            recorder.cancelAfterFirst = true;
            assertThatThrownBy(() -> thumbnailer.task(series, recorder).run(recorder))
                    .isInstanceOf(TaskCancelledException.class);
            assertThat(recorder.ready).hasSize(1);
            assertThat(recorder.lastDone.get()).isLessThan(3);
        }
    }

    @Test
    void aBrokenSeriesGetsAMessageAndTheBatchGoesOn() throws Exception {
        List<Series> series = threeSeries();
        Series broken = series.get(1);
        // Cut every file of the second series short after indexing: its pixels are gone.
        for (var instance : broken.instances()) {
            byte[] bytes = Files.readAllBytes(instance.file());
            Files.write(instance.file(), Arrays.copyOf(bytes, 400));
        }
        assertThatThrownBy(() -> new Thumbnailer().thumbnail(broken)).isNotNull();

        for (Thumbnailer thumbnailer : List.of(new Thumbnailer(), new Thumbnailer(decodePool, 2, 96, 96))) {
            Recorder recorder = new Recorder();
            Map<String, Thumbnail> made = thumbnailer.task(series, recorder).run(recorder);
            assertThat(made.keySet()).containsExactly(series.get(0).uid(), series.get(2).uid());
            assertThat(recorder.failed).containsExactly(broken.uid());
            assertThat(recorder.messages).anyMatch(m -> m.startsWith("No thumbnail for series #2 CT"));
            assertThat(recorder.lastDone.get()).isEqualTo(3);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Three 5-slice CT series (numbers 1, 2, 3) in one study. */
    private List<Series> threeSeries() throws Exception {
        Path root = Files.createDirectories(folder.resolve("three"));
        for (int n = 1; n <= 3; n++) {
            writeSeries(root.resolve("s" + n), "1.2.826.0.1.77.3" + n, n, 5, 16, 16, 1, 1);
        }
        DicomIndex index = new Indexer(indexPool, 2).index(new FolderSource(root), TaskContext.none());
        List<Series> all = new ArrayList<>(index.allSeries());
        all.sort((a, b) -> Integer.compare(a.info().number(), b.info().number()));
        assertThat(all).hasSize(3);
        return all;
    }

    /**
     * Writes {@code slices} axial CT slices, slice k (from the lowest position) filled with 100·k;
     * instance numbers and file names count down, so neither gives the position order.
     */
    private static Path writeSeries(Path dir, String seriesUid, int number, int slices, int columns, int rows,
                                    double rowSpacing, double columnSpacing) throws IOException {
        Files.createDirectories(dir);
        SeriesDescriptor descriptor = new SeriesDescriptor(
                new PatientInfo("Test^Thumb", "T-1", "19700101", "O"),
                new StudyInfo("1.2.826.0.1.77", "20240101", "120000", "Thumbnails", "A-1", "S1"),
                seriesUid, number, "Series " + number, ImageModality.CT, "1.2.826.0.1.77.9", "CHEST",
                new SliceGeometry(rows, columns, new Vec3(1, 0, 0), new Vec3(0, 1, 0), rowSpacing, columnSpacing, 2.0,
                        OptionalDouble.of(2.0)),
                PixelEncoding.rescaled(16, true, 0, 1, "HU"), List.of(WINDOW));
        DicomImageWriter writer = new DicomImageWriter();
        for (int k = 0; k < slices; k++) {
            short[] pixels = new short[rows * columns];
            Arrays.fill(pixels, (short) (100 * k));
            int instance = slices - k;
            writer.writeSlice(dir.resolve(String.format("IM%03d.dcm", instance)), descriptor,
                    new SliceDescriptor(seriesUid + "." + instance, instance, new Vec3(0, 0, 2.0 * k)), pixels);
        }
        return dir;
    }

    private Series onlySeries(Path dir) throws Exception {
        DicomIndex index = new Indexer(indexPool, 2).index(new FolderSource(dir), TaskContext.none());
        assertThat(index.allSeries()).hasSize(1);
        return index.allSeries().getFirst();
    }

    /** A task context and listener that records what the batch reported, and can cancel it. */
    private static final class Recorder implements TaskContext, Thumbnailer.Listener {
        final List<String> ready = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong lastDone = new AtomicLong();
        final AtomicLong lastTotal = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        boolean cancelAfterFirst;

        @Override
        public void ready(Series series, Thumbnail thumbnail) {
            ready.add(series.uid());
            if (cancelAfterFirst) {
                cancelled.set(true);
            }
        }

        @Override
        public void failed(Series series, String reason) {
            failed.add(series.uid());
        }

        @Override
        public synchronized void progress(long done, long total) {
            lastDone.accumulateAndGet(done, Math::max);
            lastTotal.set(total);
        }

        @Override
        public void message(String message) {
            messages.add(message);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
