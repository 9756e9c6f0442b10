// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;

/**
 * 2D results are written into the result cache after the run has them (decision 0041): the run does not wait for the
 * write, a result still being written answers from memory, the map read back later is the freshly computed map bit for
 * bit (the mammography demo's dense map at the image's resolution), and a write that fails or is refused costs only the
 * saved copy.
 */
class ImageResultWritesTest {

    @TempDir
    Path tmp;

    /** A lane that holds its work until the test lets it run: "the write has not happened yet", deterministically. */
    static final class HeldLane implements java.util.concurrent.Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable work) {
            held.add(work);
        }

        synchronized void runAll() {
            while (!held.isEmpty()) {
                held.removeFirst().run();
            }
        }
    }

    @Test
    void theMammogramsDenseMapIsWrittenAfterTheResultAndReadsBackPixelIdentical() throws Exception {
        ModelPackage pkg = new ModelRegistry(tmp.resolve("models"), tmp.resolve("unpacked")).resolve("demo-mammo");
        int w = 1400;
        int h = 1100;
        float[] pixels = Synthetic.grey(w, h, 5, 20, new double[] {300, 400, 1.5, 250}, new double[] {900, 700, 2, 250});
        ImageInput input = new ImageInput(new ArrayImage(w, h, pixels), Synthetic.facts("mg-writes", "MG", w, h, false, "R", "MLO"));
        StudyResult fresh = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none());
        Heatmap2D freshMap = fresh.images().getFirst().heatmaps().getFirst();
        // A native-resolution map with a value in every pixel: the case whose write was on the first run's path.
        assertThat(freshMap.step()).isEqualTo(1);
        assertThat(freshMap.values()).hasSize(w * h);
        int nonZero = 0;
        for (float v : freshMap.values()) {
            nonZero += v != 0 ? 1 : 0;
        }
        assertThat(nonZero).isGreaterThan(w * h * 9 / 10);

        Path folder = tmp.resolve("cache");
        HeldLane lane = new HeldLane();
        ImageInferenceEngine engine = new ImageInferenceEngine(new ResultCache(folder), lane);
        StudyResult computed = engine.run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none());
        assertThat(computed.images().getFirst().fromCache()).isFalse();
        // The run is over; its entry is not written yet.
        assertThat(lane.held).hasSize(1);
        assertThat(entries(folder)).isEmpty();
        assertThat(engine.writeStats().written()).isZero();
        assertThat(engine.awaitStored(Duration.ofMillis(50))).isFalse();

        // Asked again meanwhile: answered from memory, the model not loaded.
        ImageResultCacheTest.Messages meanwhile = new ImageResultCacheTest.Messages();
        StudyResult pending = engine.run(List.of(input), pkg, ImageRequest.defaults(), meanwhile);
        assertThat(meanwhile.loadedTheModel()).isFalse();
        assertThat(pending.images().getFirst().fromCache()).isTrue();
        ImageResultCacheTest.assertSame(pending, computed);

        lane.runAll();
        assertThat(engine.awaitStored(Duration.ZERO)).isTrue();
        assertThat(engine.writeStats()).satisfies(s -> {
            assertThat(s.written()).isEqualTo(1);
            assertThat(s.failed()).isZero();
            assertThat(s.nanos()).isPositive();
        });
        assertThat(entries(folder)).hasSize(1);
        Path mapFile = entries(folder).getFirst().resolve("map-0.lhm");
        assertThat(Files.size(mapFile)).as("smaller than the floats").isLessThan(4L * w * h);

        // Reopened from disk by another engine: the map the uncached run showed, every value bit for bit.
        ImageResultCacheTest.Messages reopening = new ImageResultCacheTest.Messages();
        StudyResult reopened = new ImageInferenceEngine(new ResultCache(folder)).run(List.of(input), pkg, ImageRequest.defaults(), reopening);
        assertThat(reopening.loadedTheModel()).isFalse();
        assertThat(reopened.images().getFirst().fromCache()).isTrue();
        float[] read = reopened.images().getFirst().heatmaps().getFirst().values();
        float[] expected = freshMap.values();
        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(read[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError("map pixel (" + i % w + ", " + i / w + "): " + read[i] + " read back, " + expected[i] + " computed");
            }
        }
        ImageResultCacheTest.assertSame(reopened, fresh);
    }

    @Test
    void aWriteThatFailsCostsOnlyTheSavedCopy() throws Exception {
        TestModels.writePackage(tmp.resolve("cls"), ImagePipelineTest.greenSpotClassifier(), ImagePipelineTest.classifierCard());
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("cls"));
        ImageInput spot = ImagePipelineTest.spotPhoto("1.2.9", "L", true);
        // The cache folder is a file: every write fails, on the pool's thread, after the result was given.
        Path notAFolder = Files.writeString(tmp.resolve("cache"), "a file where the cache folder should be");
        try (Pools pools = new Pools(2)) {
            ImageInferenceEngine engine = new ImageInferenceEngine(new ResultCache(notAFolder), pools.io());
            StudyResult first = engine.run(List.of(spot), pkg, ImageRequest.defaults(), TaskContext.none());
            assertThat(first.images().getFirst().topClass().orElseThrow().label()).isEqualTo("lesion");
            assertThat(engine.awaitStored(Duration.ofSeconds(30))).isTrue();
            assertThat(engine.writeStats().failed()).isEqualTo(1);
            assertThat(engine.writeStats().written()).isZero();

            // Nothing was saved and nothing is held: the next run computes it again, with the same result.
            ImageResultCacheTest.Messages again = new ImageResultCacheTest.Messages();
            StudyResult second = engine.run(List.of(spot), pkg, ImageRequest.defaults(), again);
            assertThat(again.loadedTheModel()).isTrue();
            assertThat(second.images().getFirst().fromCache()).isFalse();
            ImageResultCacheTest.assertSame(second, first);
            assertThat(Files.readString(notAFolder)).isEqualTo("a file where the cache folder should be");
        }
    }

    @Test
    void aWriteTheLaneRefusesIsCountedAndNotAwaited() throws Exception {
        TestModels.writePackage(tmp.resolve("cls"), ImagePipelineTest.greenSpotClassifier(), ImagePipelineTest.classifierCard());
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("cls"));
        Pools closed = new Pools(1);
        closed.close();
        Path folder = tmp.resolve("cache");
        ImageInferenceEngine engine = new ImageInferenceEngine(new ResultCache(folder), closed.io());
        StudyResult result = engine.run(List.of(ImagePipelineTest.spotPhoto("1.2.10", "R", true)), pkg, ImageRequest.defaults(),
                TaskContext.none());
        assertThat(result.images()).hasSize(1);
        assertThat(engine.awaitStored(Duration.ZERO)).isTrue();
        assertThat(engine.writeStats().failed()).isEqualTo(1);
        assertThat(entries(folder)).isEmpty();
    }

    private static List<Path> entries(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().equals("result.json")).map(Path::getParent)
                    .sorted().toList();
        }
    }
}
