// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.FundusSpec;
import org.lumen.testdata.PlanarPhantoms;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * 2D results in the result cache: a second run of the same model on the same images is answered from it, without
 * loading the model, with every finding, map, grade and the study's result the same as computed; a damaged entry is
 * dropped and recomputed; other pixels under the same UID, another explanation, or a run that asks for no saved
 * result, are computed afresh.
 */
class ImageResultCacheTest {

    @TempDir
    Path tmp;

    /** Records the engine's messages, to tell a run that loaded the model from one that did not. */
    static final class Messages implements TaskContext {
        final List<String> said = new ArrayList<>();

        @Override public void progress(long done, long total) { }

        @Override public void message(String message) { said.add(message); }

        @Override public boolean isCancelled() { return false; }

        boolean loadedTheModel() {
            return said.stream().anyMatch(m -> m.startsWith("Loading "));
        }
    }

    /** Both eyes of a fundus phantom, written as DICOM and read back as the viewer reads them. */
    List<ImageInput> fundusPhantom() throws Exception {
        var phantom = PlanarPhantoms.writeFundus(tmp.resolve("fundus"), FundusSpec.defaults().withSeed(3).withSize(1024, 768).withBothEyes(true));
        try (Pools pools = new Pools(2)) {
            DicomIndex index = new Indexer(pools.io(), 2).index(new FileSource(phantom.dicomFiles()), TaskContext.none());
            SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(1L << 28));
            List<ImageInput> inputs = new ArrayList<>();
            for (var series : index.allSeries()) {
                try (Volume volume = loader.open(new StackPlanner().plan(series))) {
                    new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
                    for (int k = 0; k < volume.sliceCount(); k++) {
                        ImageInput in = ImageInput.of(volume, k);
                        inputs.add(new ImageInput(RealImagesTest.copy(in.image()), in.facts()));
                    }
                }
            }
            return inputs;
        }
    }

    @Test
    void aSecondRunIsAnsweredFromTheCacheWithTheSameResultAndADamagedEntryIsRecomputed() throws Exception {
        ModelPackage pkg = new ModelRegistry(tmp.resolve("models"), tmp.resolve("unpacked")).resolve("demo-fundus");
        List<ImageInput> eyes = fundusPhantom();
        assertThat(eyes).hasSize(2);
        Path folder = tmp.resolve("cache");
        ImageInferenceEngine engine = new ImageInferenceEngine(new ResultCache(folder));

        Messages first = new Messages();
        StudyResult computed = engine.run(eyes, pkg, ImageRequest.defaults(), first);
        assertThat(first.loadedTheModel()).isTrue();
        assertThat(computed.images()).extracting(ImageResult::fromCache).containsExactly(false, false);
        assertThat(engine.writeStats().written()).isEqualTo(2);
        assertThat(engine.writeStats().nanos()).isPositive();
        assertThat(computed.images().stream().mapToInt(r -> r.findings().size()).sum()).isPositive();
        assertThat(entries(folder)).hasSize(2);

        // Reopened: nothing computed, the model not even loaded, and everything as it was.
        Messages second = new Messages();
        StudyResult reopened = new ImageInferenceEngine(new ResultCache(folder)).run(eyes, pkg, ImageRequest.defaults(), second);
        assertThat(second.loadedTheModel()).isFalse();
        assertThat(reopened.images()).extracting(ImageResult::fromCache).containsExactly(true, true);
        assertThat(reopened.loadNanos()).isZero();
        assertThat(reopened.images()).allSatisfy(r -> {
            assertThat(r.timings().readNanos()).isPositive();
            assertThat(r.timings().inferenceNanos()).isZero();
        });
        assertSame(reopened, computed);
        assertSameComputation(reopened, computed);

        // One entry's map cut short, the other's index overwritten with garbage: both dropped and computed again.
        List<Path> stored = entries(folder);
        Path map = stored.getFirst().resolve("map-0.lhm");
        Files.write(map, java.util.Arrays.copyOf(Files.readAllBytes(map), 40));
        Files.writeString(stored.get(1).resolve("result.json"), "{\"dimensions\": 2, \"imageUid\": ");
        Messages third = new Messages();
        StudyResult recomputed = engine.run(eyes, pkg, ImageRequest.defaults(), third);
        assertThat(third.loadedTheModel()).isTrue();
        assertThat(recomputed.images()).extracting(ImageResult::fromCache).containsExactly(false, false);
        assertSame(recomputed, computed);
        StudyResult again = engine.run(eyes, pkg, ImageRequest.defaults(), TaskContext.none());
        assertThat(again.images()).extracting(ImageResult::fromCache).containsExactly(true, true);
        assertSame(again, computed);
        assertSameComputation(again, recomputed);

        // Only the damaged one of two: the other answers from the cache, the damaged one is computed.
        Files.writeString(entries(folder).getFirst().resolve("result.json"), "not json");
        StudyResult half = engine.run(eyes, pkg, ImageRequest.defaults(), TaskContext.none());
        assertThat(half.images().stream().filter(ImageResult::fromCache).count()).isEqualTo(1);
        assertSame(half, computed);

        // Asked not to use saved results: computed, and stored again.
        Path before = entries(folder).getFirst();
        ImageResult fresh = engine.run(List.of(eyes.getFirst()), pkg, ImageRequest.defaults().withCache(false), TaskContext.none())
                .images().getFirst();
        assertThat(fresh.fromCache()).isFalse();
        assertThat(fresh.findings()).usingRecursiveFieldByFieldElementComparator().isEqualTo(computed.images().getFirst().findings());
        assertThat(entries(folder)).hasSize(2).contains(before);
    }

    @Test
    void otherPixelsUnderTheSameUidOrAnotherExplanationAreNotAnsweredByTheSavedResult() throws Exception {
        TestModels.writePackage(tmp.resolve("cls"), ImagePipelineTest.greenSpotClassifier(), ImagePipelineTest.classifierCard());
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).read(tmp.resolve("cls"));
        ImageInferenceEngine engine = new ImageInferenceEngine(new ResultCache(tmp.resolve("cache")));
        ImageRequest rise = ImageRequest.defaults().withExplain(ImageRequest.Explain.RISE);
        ImageInput spot = ImagePipelineTest.spotPhoto("1.2.3", "L", true);

        StudyResult computed = engine.run(List.of(spot), pkg, rise, TaskContext.none());
        ImageResult withRise = computed.images().getFirst();
        assertThat(withRise.explanation().method()).isEqualTo("rise");
        assertThat(withRise.classScores()).hasSize(2);
        StudyResult reopened = engine.run(List.of(spot), pkg, rise, TaskContext.none());
        assertThat(reopened.images().getFirst().fromCache()).isTrue();
        assertSame(reopened, computed);
        assertSameComputation(reopened, computed);

        // Occlusion instead of RISE: another result.
        Messages occlusion = new Messages();
        ImageResult occluded = engine.run(List.of(spot), pkg, ImageRequest.defaults().withExplain(ImageRequest.Explain.OCCLUSION), occlusion)
                .images().getFirst();
        assertThat(occlusion.loadedTheModel()).isTrue();
        assertThat(occluded.fromCache()).isFalse();
        assertThat(occluded.explanation().method()).isEqualTo("occlusion");

        // The same UID over a photograph without the spot (a file written again): computed, and "normal".
        ImageInput other = ImagePipelineTest.spotPhoto("1.2.3", "L", false);
        assertThat(other.facts().imageUid()).isEqualTo(spot.facts().imageUid());
        ImageResult otherResult = engine.run(List.of(other), pkg, rise, TaskContext.none()).images().getFirst();
        assertThat(otherResult.fromCache()).isFalse();
        assertThat(otherResult.topClass().orElseThrow().label()).isEqualTo("normal");
        assertThat(ImageInferenceEngine.key(other, pkg, rise)).isNotEqualTo(ImageInferenceEngine.key(spot, pkg, rise));
    }

    /**
     * Every finding, map value, score, grade and the study's combination exactly as computed (doubles and floats compared
     * bit for bit, not within AssertJ's default tolerance); only timings, the cache mark and the time of computing
     * (checked apart: {@link #assertSameComputation}) differ.
     */
    static void assertSame(StudyResult actual, StudyResult expected) {
        assertThat(actual.images()).hasSameSizeAs(expected.images());
        for (int i = 0; i < expected.images().size(); i++) {
            ImageResult a = actual.images().get(i);
            ImageResult e = expected.images().get(i);
            assertThat(a).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                    .withComparatorForType(Float::compare, Float.class).ignoringFields("timings", "fromCache", "provenance.createdAt")
                    .isEqualTo(e);
        }
        assertThat(actual).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).ignoringFields("images", "loadNanos")
                .isEqualTo(expected);
    }

    /** Results read back carry the time they were computed, not the time they were read. */
    static void assertSameComputation(StudyResult read, StudyResult computed) {
        assertThat(read.images()).extracting(r -> r.provenance().createdAt())
                .containsExactlyElementsOf(computed.images().stream().map(r -> r.provenance().createdAt()).toList());
    }

    private static List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().equals("result.json")).map(Path::getParent)
                    .sorted().toList();
        }
    }
}
