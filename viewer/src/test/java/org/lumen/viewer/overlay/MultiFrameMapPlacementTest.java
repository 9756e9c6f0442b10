// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;

/**
 * A parametric map placed by reference on an enhanced multi-frame series: the real Siemens XA10 Enhanced MR (four
 * instances of six frames, one per time point), and a Float32 map written by pydicom ({@code map_on_frames.py}) in its
 * own frame of reference whose frames each name a frame of the first instance by Referenced Frame Number, in reverse
 * order. Every MR slice must show the map frame that names it; references to a frame that does not exist, to the
 * multi-frame image without a frame number, or to two frames, are said and not placed.
 */
class MultiFrameMapPlacementTest {

    private static final Path MR = Samples.file("multiframe/siemens_xa10_enhanced_mr");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private record Written(Series mr, Series map, DicomIndex index, float[] values, Map<String, Integer> frameNamed, Path file) { }

    /** Writes the variant beside a copy of the MR series; {@code frameNamed} maps "uid/frame number" to the map frame naming it. */
    private Written write(String variant) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 with Debian's python3-pydicom is not installed");
        Path study = Files.createDirectories(folder.resolve(variant));
        try (var files = Files.list(MR)) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        Path script = ParametricMapSample.script(folder, "map_on_frames.py");
        Path map = study.resolve("map.dcm");
        Path raw = folder.resolve(variant + ".raw");
        Path references = folder.resolve(variant + ".txt");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), MR.resolve("6_1.dcm").toString(), MR.resolve("6_2.dcm").toString(),
                map.toString(), raw.toString(), references.toString(), variant).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        Map<String, Integer> named = new HashMap<>();
        for (String line : Files.readAllLines(references)) {
            String[] parts = line.split(" ", -1);
            if (!parts[2].isEmpty() && !parts[2].contains(",")) {
                named.put(parts[1] + "/" + parts[2], Integer.parseInt(parts[0]));
            }
        }
        DicomIndex index = new Indexer(pool, 2).index(new FolderSource(study), TaskContext.none());
        Series mr = index.allSeries().stream().filter(s -> s.hasImages() && !ParametricMaps.isMap(s)).findFirst().orElseThrow();
        Series mapSeries = index.allSeries().stream().filter(ParametricMaps::isMap).findFirst().orElseThrow();
        return new Written(mr, mapSeries, index, values, named, map);
    }

    @Test
    void eachSliceOfTheMultiFrameSeriesShowsTheMapFrameThatNamesItsFrame() throws Exception {
        Written w = write("good");
        if (onPath("dciodvfy")) {
            Process p = new ProcessBuilder("dciodvfy", w.file().toString()).redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        }
        assertThat(ParametricMaps.over(w.index(), w.mr())).containsExactly(w.map());
        assertThat(ParametricMaps.how(w.map(), w.mr())).isEqualTo("referenced by the map");
        StackPlan mr = new StackPlanner().plan(w.mr());
        assertThat(mr.frames().stream().map(f -> f.instance().frames()).distinct().toList()).as("multi-frame instances").containsExactly(6);
        ResampledHeatmap heatmap = ResampledHeatmap.place(new StackPlanner().plan(w.map()), mr, false);

        int placed = assertPlaced(heatmap, mr, w);
        assertThat(placed).as("MR slices that show a map frame").isEqualTo(mr.sliceCount());
        assertThat(heatmap.note()).contains("(6 of 6 frames name a slice of this series)").doesNotContain("ambiguous")
                .doesNotContain("does not have");
    }

    @Test
    void referencesToMissingOrSeveralFramesAreSaidAndNotPlaced() throws Exception {
        Written w = write("problems");
        StackPlan mr = new StackPlanner().plan(w.mr());
        ResampledHeatmap heatmap = ResampledHeatmap.place(new StackPlanner().plan(w.map()), mr, false);

        assertPlaced(heatmap, mr, w);
        // Frames 5 and 6 name frames of the stacked instance; frame 4 names a frame of another time point's instance.
        assertThat(heatmap.note()).contains("(2 of 6 frames name a slice of this series)")
                .contains("1 frame names a frame its image does not have, not placed (map frame 1: frame 9 of an image with 6 frames)")
                .contains("1 frame names a multi-frame image without a Referenced Frame Number (ambiguous), not placed"
                        + " (map frame 2: an image of 6 frames)")
                .contains("1 frame names frames on more than one slice of this series (ambiguous), not placed (map frame 3: 2 slices)");
    }

    /**
     * Every pixel of every MR slice reads the map frame that names the slice's frame (same grid), or NaN where no frame
     * validly names it; returns how many slices show a map frame.
     */
    private static int assertPlaced(ResampledHeatmap heatmap, StackPlan mr, Written w) {
        int columns = mr.geometry().columns();
        int rows = mr.geometry().rows();
        int placed = 0;
        for (int k = 0; k < mr.sliceCount(); k++) {
            FrameRef f = mr.frames().get(k);
            Integer m = w.frameNamed().get(f.instance().sopInstanceUid() + "/" + (f.frame() + 1));
            placed += m == null ? 0 : 1;
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < columns; i++) {
                    float value = heatmap.valueAt(i, j, k);
                    if (m == null) {
                        assertThat(value).as("MR slice %d pixel %d,%d (no map frame names it)", k, i, j).isNaN();
                    } else {
                        assertThat(value).as("MR slice %d pixel %d,%d from map frame %d", k, i, j, m)
                                .isEqualTo(w.values()[(m * rows + j) * columns + i]);
                    }
                }
            }
        }
        return placed;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

}
