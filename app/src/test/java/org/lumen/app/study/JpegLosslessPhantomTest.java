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
import org.lumen.viewer.index.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * A phantom transcoded by DCMTK's dcmcjpeg with each lossless predictor (and a point transform)
 * loads back with the generator's exact HU: the decoder checked against ground truth, not just
 * against another decoder. CI installs dcmtk; elsewhere the test is skipped with that reason.
 */
class JpegLosslessPhantomTest {

    private final Pools pools = new Pools(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pools.close();
    }

    @ParameterizedTest(name = "selection value {0}, point transform {1}")
    @CsvSource({"1,0", "2,0", "3,0", "4,0", "5,0", "6,0", "7,0", "1,2"})
    void everyPredictorRoundTrips(int selectionValue, int pointTransform) throws Exception {
        assumeTrue(onPath("dcmcjpeg"), "dcmcjpeg (Debian package dcmtk) is not installed");
        ChestCtSpec spec = ChestCtSpec.builder().seed(3).size(Size.of(80, 64, 6)).noduleCount(0).noiseSigmaHu(15).build();
        PhantomResult written = Phantoms.writeChestCt(folder.resolve("plain"), spec);
        Path jpeg = Files.createDirectories(folder.resolve("jpeg"));
        List<Path> files = new ArrayList<>();
        for (Path f : written.dicomFiles()) {
            Path out = jpeg.resolve(f.getFileName());
            Process p = new ProcessBuilder("dcmcjpeg", "+el", "+sv", Integer.toString(selectionValue), "+pt",
                    Integer.toString(pointTransform), f.toString(), out.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            files.add(out);
        }
        var index = new Indexer(pools.io(), 2).index(new FileSource(files), TaskContext.none());
        var plan = new StackPlanner().plan(index.allSeries().getFirst());
        assertThat(plan.frames().getFirst().instance().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.57");
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
        PhantomVolume truth = Phantoms.renderChestCt(spec);
        int lostBits = pointTransform;
        try (Volume volume = loader.open(plan)) {
            new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
            assertThat(volume.failures()).isEmpty();
            for (int k = 0; k < plan.sliceCount(); k++) {
                var slice = volume.slice(k);
                for (int j = 0; j < 64; j++) {
                    for (int i = 0; i < 80; i++) {
                        // Stored values are HU + 1024; a point transform drops their low bits.
                        int stored = truth.value(i, j, k) + 1024;
                        int expected = ((stored >> lostBits) << lostBits) - 1024;
                        if (slice.value(i, j) != expected) {
                            throw new AssertionError("voxel (" + i + "," + j + "," + k + ") is " + slice.value(i, j) + ", expected " + expected);
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
