// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * A phantom transcoded by DCMTK (dcmcjpeg with each lossless predictor and a point transform;
 * dcmcjpls lossless and near-lossless) loads back with the generator's HU: exactly, or within the
 * declared loss. The decoders checked against ground truth, not just against another decoder.
 * CI installs dcmtk; elsewhere the tests are skipped with that reason.
 */
class CompressedPhantomTest {

    private final Pools pools = new Pools(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pools.close();
    }

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().seed(3).size(Size.of(80, 64, 6)).noduleCount(0)
            .noiseSigmaHu(15).build();

    @ParameterizedTest(name = "JPEG lossless, selection value {0}, point transform {1}")
    @CsvSource({"1,0", "2,0", "3,0", "4,0", "5,0", "6,0", "7,0", "1,2"})
    void everyLosslessPredictorRoundTrips(int selectionValue, int pointTransform) throws Exception {
        var plan = transcode("1.2.840.10008.1.2.4.57", "dcmcjpeg", "+el", "+sv", Integer.toString(selectionValue), "+pt",
                Integer.toString(pointTransform));
        // A point transform drops the stored values' low bits (stored = HU + 1024).
        assertLoadsAs(plan, (stored, loaded) -> loaded == ((stored >> pointTransform) << pointTransform));
    }

    @ParameterizedTest(name = "JPEG-LS, NEAR {0}")
    @CsvSource({"0", "2"})
    void jpegLsRoundTrips(int near) throws Exception {
        var plan = near == 0
                ? transcode("1.2.840.10008.1.2.4.80", "dcmcjpls", "+el")
                : transcode("1.2.840.10008.1.2.4.81", "dcmcjpls", "+en", "+md", Integer.toString(near));
        assertLoadsAs(plan, (stored, loaded) -> Math.abs(stored - loaded) <= near);
    }

    /** Transcodes the phantom with a DCMTK tool and plans the result, checking its transfer syntax. */
    private StackPlan transcode(String expectedSyntax, String tool, String... options) throws Exception {
        assumeTrue(onPath(tool), tool + " (Debian package dcmtk) is not installed");
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("plain"), SPEC);
        Path compressed = Files.createDirectories(folder.resolve("compressed"));
        List<Path> files = new ArrayList<>();
        for (Path f : written.dicomFiles()) {
            Path out = compressed.resolve(f.getFileName());
            List<String> command = new ArrayList<>(List.of(tool));
            command.addAll(List.of(options));
            command.addAll(List.of(f.toString(), out.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            files.add(out);
        }
        var index = new Indexer(pools.io(), 2).index(new FileSource(files), TaskContext.none());
        StackPlan plan = new StackPlanner().plan(index.allSeries().getFirst());
        assertThat(plan.frames().getFirst().instance().transferSyntaxUid()).isEqualTo(expectedSyntax);
        return plan;
    }

    private interface Expectation {
        boolean holds(int storedTruth, int storedLoaded);
    }

    private void assertLoadsAs(StackPlan plan, Expectation expectation) throws Exception {
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
        PhantomVolume truth = Phantoms.renderChestCt(SPEC);
        try (Volume volume = loader.open(plan)) {
            new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
            assertThat(volume.failures()).isEmpty();
            for (int k = 0; k < plan.sliceCount(); k++) {
                var slice = volume.slice(k);
                for (int j = 0; j < 64; j++) {
                    for (int i = 0; i < 80; i++) {
                        int stored = truth.value(i, j, k) + 1024;
                        int loaded = (int) slice.value(i, j) + 1024;
                        if (!expectation.holds(stored, loaded)) {
                            throw new AssertionError("voxel (" + i + "," + j + "," + k + ") is " + (loaded - 1024) + " HU, the phantom says "
                                    + (stored - 1024));
                        }
                    }
                }
            }
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
