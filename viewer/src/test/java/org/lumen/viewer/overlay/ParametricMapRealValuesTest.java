// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.RealWorldValues;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.Thumbnail;
import org.lumen.viewer.render.Thumbnailer;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.render.WindowPresets;
import org.lumen.viewer.viewport.ViewportState;
import org.lumen.viewer.viewport.WindowText;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * Parametric maps over the real head phantom CT, rewritten by pydicom ({@code map_variant.py}) with Real World
 * Value Mappings (per-frame slope and intercept in mm2/s; a LUT in {probability}; 16-bit integers at slope 0.001), in another frame of reference
 * with frames derived from other slices than their positions say, without positions, and with positions moved
 * 20 mm. The real-world values must be those pydicom's stored values imply, with their units; a map that cannot
 * be placed by position is placed by the CT slices its frames name; disagreements are said.
 */
class ParametricMapRealValuesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private record Variant(DicomIndex index, Series ct, Series map, float[] expected, Path file) { }

    private Variant variant(String name) throws Exception {
        Path study = Files.createDirectories(folder.resolve(name));
        try (var files = Files.list(ParametricMapSample.CT)) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        Path file = study.resolve("map.dcm");
        float[] values = ParametricMapSample.variant(folder, name, file).values();
        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(study), TaskContext.none());
        Series ct = index.allSeries().stream().filter(s -> !ParametricMaps.isMap(s)).findFirst().orElseThrow();
        Series map = index.allSeries().stream().filter(ParametricMaps::isMap).findFirst().orElseThrow();
        return new Variant(index, ct, map, values, file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linear, mm2/s", "lut, {probability}", "integer, {probability}"})
    void valuesAreRealWorldValuesWithTheirUnits(String name, String units) throws Exception {
        Variant v = variant(name);
        if (onPath("dciodvfy")) {
            Process p = new ProcessBuilder("dciodvfy", v.file().toString()).redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        }
        StackPlan plan = new StackPlanner().plan(v.map());
        MapValues values = MapValues.decode(plan);
        assertThat(values.units()).isEqualTo(units);
        VolumeGeometry g = plan.geometry();
        int size = g.columns() * g.rows();
        float largest = 0;
        for (int k = 0; k < plan.sliceCount(); k++) {
            int frame = plan.frames().get(k).frame();
            for (int i = 0; i < size; i++) {
                float expected = v.expected()[frame * size + i];
                assertThat(values.values()[k * size + i]).as("slice %d (frame %d) pixel %d", k, frame, i)
                        .isCloseTo(expected, within(Math.max(1e-7f, Math.abs(expected) * 1e-6f)));
                largest = Math.max(largest, expected);
            }
        }
        assertThat(values.high()).isEqualTo(largest);
        ResampledHeatmap heatmap = ResampledHeatmap.place(plan, new StackPlanner().plan(v.ct()), true);
        assertThat(heatmap.units()).isEqualTo(units);
        assertThat(heatmap.note()).isEmpty();
        assertThat(heatmap.high()).isEqualTo(largest);
    }

    /**
     * The map's own series (its Modality copied from the CT): the thumbnail is not one flat grey, the view opens
     * with a window over its values (not the CT preset), and the cursor reads real-world values in mm2/s, not HU.
     */
    @Test
    void theMapsOwnThumbnailAndViewShowItsRealValues() throws Exception {
        Variant v = variant("linear");
        assertThat(v.map().info().modality()).isEqualTo("CT");
        Thumbnail thumbnail = new Thumbnailer().thumbnail(v.map()).orElseThrow();
        long greys = Arrays.stream(thumbnail.argb()).map(argb -> argb & 0xFF).distinct().count();
        assertThat(greys).as("grey levels in the map's thumbnail").isGreaterThan(20);

        StackPlan plan = new StackPlanner().plan(v.map());
        MapValues real = MapValues.decode(plan);
        try (Volume volume = new SeriesLoader(pool, 2, new PixelCache(1L << 26)).open(plan)) {
            int middle = plan.sliceCount() / 2;
            VoxelSlice slice = volume.slice(middle);
            DisplaySettings display = DisplayDefaults.initial(volume.frame(middle).instance(), slice);
            // Real-world values 0.0001 to 0.0051 mm2/s (stored 0..1 at slope 0.0025 or 0.005): the window is over those.
            assertThat(display.window().width()).as("window over the real-world values").isLessThan(0.0051).isGreaterThan(0.0001);
            ViewportState view = new ViewportState(volume, display, middle);
            int size = plan.geometry().columns() * plan.geometry().rows();
            int x = 128;
            int y = 100; // the blob's centre on the map's half-resolution grid
            float expected = real.values()[middle * size + y * plan.geometry().columns() + x];
            PixelProbe.Reading reading = PixelProbe.read(view, x, y).orElseThrow();
            assertThat(reading.unit()).isEqualTo("mm2/s");
            assertThat(reading.value()).isCloseTo(expected, within(1e-9));
            assertThat(reading.describe()).startsWith(String.format(java.util.Locale.ROOT, "%.3g mm2/s", expected));
        }
    }

    /**
     * The map's own view holds its real-world values (ADR 0039): every voxel is the value pydicom's stored value
     * implies (per-frame slopes; a LUT's entries), and the window a reader sees and sets is in those values and
     * their units: the initial window, the corner text, the automatic and full-range keys (no CT preset although
     * the map copied the CT's Modality), a drag, and a window the file gives in stored values.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"linear, mm2/s", "lut, {probability}", "integer, {probability}"})
    void theMapsOwnWindowIsInRealWorldValuesAndUnits(String name, String units) throws Exception {
        Variant v = variant(name);
        StackPlan plan = new StackPlanner().plan(v.map());
        VolumeGeometry g = plan.geometry();
        int size = g.columns() * g.rows();
        try (Volume volume = new SeriesLoader(pool, 2, new PixelCache(1L << 28)).open(plan)) {
            assertThat(volume.holdsRealWorldValues()).isTrue();
            assertThat(volume.voxelType()).as("real-world values, whatever the stored type").isEqualTo(org.lumen.viewer.volume.VoxelType.FLOAT32);
            float low = Float.POSITIVE_INFINITY;
            float high = Float.NEGATIVE_INFINITY;
            String firstMismatch = null;
            for (int k = 0; k < plan.sliceCount(); k++) {
                VoxelSlice slice = volume.slice(k);
                int frame = plan.frames().get(k).frame();
                for (int i = 0; i < size; i++) {
                    float expected = v.expected()[frame * size + i];
                    double actual = slice.value(i % g.columns(), i / g.columns());
                    if (firstMismatch == null && Math.abs(actual - expected) > Math.max(1e-7, Math.abs(expected) * 1e-6)) {
                        firstMismatch = "slice " + k + " (frame " + frame + ") pixel " + i + ": " + actual + " instead of " + expected;
                    }
                    low = Math.min(low, expected);
                    high = Math.max(high, expected);
                }
            }
            assertThat(firstMismatch).as("the first voxel that is not pydicom's real-world value").isNull();
            int middle = plan.sliceCount() / 2;
            DisplaySettings display = DisplayDefaults.initial(volume.frame(middle).instance(), volume.slice(middle));
            assertThat(display.window().lower()).isGreaterThanOrEqualTo(low - 1e-6);
            assertThat(display.window().upper()).isLessThanOrEqualTo(high + 1e-6);
            ViewportState view = new ViewportState(volume, display, middle);
            assertThat(view.realWorldValues()).isTrue();
            assertThat(view.windowUnits()).isEqualTo(units);
            assertThat(view.valueUnits()).as("an ROI's values on the map").isEqualTo(units);
            assertThat(view.windowText()).isEqualTo("W " + WindowText.number(display.window().width()) + "  L "
                    + WindowText.number(display.window().center()) + " " + units);

            assertThat(view.presetKeys()).as("no Hounsfield presets on a map").containsExactly(null, null, null, null, null, null, null,
                    "auto", "full range");
            assertThat(view.applyPreset(1)).as("the CT lung key on a map").isFalse();
            assertThat(view.applyPreset(WindowPresets.FULL_RANGE_KEY)).isTrue();
            assertThat(view.display().window().lower()).isEqualTo(view.values().min());
            assertThat(view.display().window().upper()).isCloseTo(view.values().max(), within(1e-9));
            assertThat(view.applyPreset(WindowPresets.AUTO_KEY)).isTrue();
            WindowPreset auto = view.display().window();
            assertThat(auto.width()).isLessThanOrEqualTo(high - low + 1e-6);

            // A drag across a tenth of the view widens by a tenth of the sweep: at most the values' span, never a unit.
            view.adjustWindow(100, 0, 1000, 1000);
            double widened = view.display().window().width() - auto.width();
            assertThat(widened).isGreaterThan(0).isLessThanOrEqualTo((high - low) / 10 + 1e-9);
            assertThat(view.windowText()).endsWith(" " + units);

            // A window the file gives applies to stored values: its ends are carried through frame 0's mapping.
            RealWorldValues mapping = RealWorldValues.known(v.file());
            double storedTop = switch (name) {
                case "lut" -> 255;
                case "integer" -> 1000;
                default -> 1;
            };
            WindowPreset stored = new WindowPreset("file", storedTop / 2, storedTop / 2);
            WindowPreset carried = mapping.window(stored);
            double a = mapping.apply(0, stored.lower());
            double b = mapping.apply(0, stored.upper());
            assertThat(carried.lower()).isCloseTo(Math.min(a, b), within(1e-12));
            assertThat(carried.upper()).isCloseTo(Math.max(a, b), within(1e-12));
            assertThat(mapping.isTable(0)).isEqualTo(name.equals("lut"));
        }
    }

    /**
     * The Enhanced CT sample carries a Real World Value Mapping (ml/100ml/s) beside its rescale: it is a CT, not a map,
     * so its view keeps Hounsfield units and whole-number windows.
     */
    @Test
    void aCtWithARealWorldValueMappingKeepsItsModalityValues() throws Exception {
        Path ct = Files.createDirectories(folder.resolve("ect"));
        Files.copy(org.lumen.viewer.Samples.file("multiframe/eCT_Supplemental.dcm"), ct.resolve("eCT_Supplemental.dcm"));
        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(ct), TaskContext.none());
        Series series = index.allSeries().stream().filter(Series::hasImages).findFirst().orElseThrow();
        assertThat(ParametricMaps.isMap(series)).isFalse();
        StackPlan plan = new StackPlanner().plan(series);
        try (Volume volume = new SeriesLoader(pool, 2, new PixelCache(1L << 26)).open(plan)) {
            assertThat(volume.holdsRealWorldValues()).isFalse();
            VoxelSlice slice = volume.slice(0);
            assertThat(slice.value(256, 256)).isEqualTo(org.lumen.viewer.volume.InstanceValues.decode(plan.frames().getFirst().instance())
                    .get(plan.frames().getFirst().frame()).value(256, 256));
            ViewportState view = new ViewportState(volume, DisplayDefaults.initial(volume.frame(0).instance(), slice), 0);
            assertThat(view.windowText()).matches("W -?\\d+  L -?\\d+");
            assertThat(view.presetKeys()).contains("lung");
            assertThat(view.valueUnits()).isEqualTo("HU");
            assertThat(PixelProbe.read(view, 256, 256).orElseThrow().unit()).isEqualTo("HU");
        }
    }

    @Test
    void aMapInAnotherFrameOfReferenceIsPlacedByTheSlicesItsFramesName() throws Exception {
        Variant v = variant("referenced");
        assertThat(ParametricMaps.over(v.index(), v.ct())).containsExactly(v.map());
        assertThat(ParametricMaps.how(v.map(), v.ct())).isEqualTo("referenced by the map");
        StackPlan ct = new StackPlanner().plan(v.ct());
        ResampledHeatmap heatmap = ResampledHeatmap.place(new StackPlanner().plan(v.map()), ct, false);
        int[] rank = zRanks(ct);
        int n = rank.length;
        // Frame f was derived from the CT slice of z rank n-1-f (the script reversed the references).
        assertPlaced(heatmap, ct, v.expected(), k -> n - 1 - rank[k]);
        assertThat(heatmap.note()).contains("placed slice by slice by the images its frames were derived from")
                .contains("disagree by more than half a slice at " + (n % 2 == 0 ? n : n - 1) + " frames");
    }

    @Test
    void aMapWithoutPositionsIsPlacedByItsReferences() throws Exception {
        Variant v = variant("noposition");
        StackPlan ct = new StackPlanner().plan(v.ct());
        StackPlan plan = new StackPlanner().plan(v.map());
        assertThat(plan.isVolume()).isFalse();
        ResampledHeatmap heatmap = ResampledHeatmap.place(plan, ct, false);
        int[] rank = zRanks(ct);
        assertPlaced(heatmap, ct, v.expected(), k -> rank[k]);
        assertThat(heatmap.note()).contains("(" + rank.length + " of " + rank.length + " frames name a slice of this series)")
                .doesNotContain("disagree");
    }

    @Test
    void positionsAndReferencesThatDisagreeAreSaid() throws Exception {
        Variant v = variant("shifted");
        assertThat(ParametricMaps.how(v.map(), v.ct())).isEqualTo(ParametricMaps.SAME_FRAME);
        ResampledHeatmap heatmap = ResampledHeatmap.place(new StackPlanner().plan(v.map()), new StackPlanner().plan(v.ct()), true);
        assertThat(heatmap.note()).startsWith("placed by its positions in the shared frame of reference, although its positions and "
                + "its source images disagree by more than half a slice").contains("(up to 20.0 mm)");
    }

    /** Each CT slice's rank by z (pydicom's frame order in the sample). */
    private static int[] zRanks(StackPlan ct) {
        double[] zs = new double[ct.sliceCount()];
        for (int k = 0; k < zs.length; k++) {
            zs[k] = ct.geometry().slicePosition(k).z();
        }
        double[] sorted = zs.clone();
        Arrays.sort(sorted);
        int[] rank = new int[zs.length];
        for (int k = 0; k < zs.length; k++) {
            rank[k] = Arrays.binarySearch(sorted, zs[k]);
        }
        return rank;
    }

    /** CT pixel (2u, 2v) of slice k reads map pixel (u, v) of the frame {@code frameOf} names (half resolution, same origin). */
    private static void assertPlaced(ResampledHeatmap heatmap, StackPlan ct, float[] expected, java.util.function.IntUnaryOperator frameOf) {
        VolumeGeometry g = ct.geometry();
        int columns = g.columns() / 2;
        int rows = g.rows() / 2;
        for (int k = 0; k < g.slices(); k++) {
            int base = frameOf.applyAsInt(k) * columns * rows;
            for (int v = 0; v < rows; v += 7) {
                for (int u = 0; u < columns; u += 5) {
                    assertThat(heatmap.valueAt(2 * u, 2 * v, k)).as("CT slice %d pixel %d,%d", k, 2 * u, 2 * v)
                            .isEqualTo(expected[base + v * columns + u]);
                }
            }
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
