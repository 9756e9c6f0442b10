// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.ModelRefusedException;
import org.lumen.aiassist.model.Refusal;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.DeviceUnavailableException;
import org.lumen.aiassist.runtime.NonFiniteOutputException;
import org.lumen.aiassist.testing.ArrayInput;
import org.lumen.aiassist.testing.PhantomInput;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.task.TaskHandle;
import org.lumen.task.TaskListener;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;

/** The inference task end to end: device choice, findings with provenance, the result cache, refusals. */
class InferenceEngineTest {

    @TempDir
    static Path tmp;

    private static ModelPackage demo;
    private static PhantomInput phantom;

    @BeforeAll
    static void setUp() throws Exception {
        demo = new ModelPackageReader(tmp.resolve("unpacked")).read(DemoModel.ensure(tmp.resolve("demo")));
        phantom = PhantomInput.render(ChestCtSpec.builder().seed(2).size(Size.of(128, 128, 60)).sliceSpacingMm(2.5)
                .noduleCount(3).noduleDiameterMm(8, 12).build());
    }

    @Test
    void aTaskReportsProgressAndItsResultCarriesProvenanceAndTimings() throws Exception {
        List<String> messages = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        TaskListener listener = new TaskListener() {
            @Override public void progress(String task, long done, long total) { progress.add(done); }

            @Override public void message(String task, String message) { messages.add(message); }
        };
        InferenceEngine engine = new InferenceEngine(null, null);

        TaskHandle<InferenceResult> handle = new SyncTaskRunner(listener)
                .submit(engine.task(phantom, demo, InferenceRequest.defaults().withCache(false)));
        InferenceResult result = handle.join();

        assertThat(handle.name()).isEqualTo("AI: " + demo.card().name() + " on series " + phantom.seriesUid());
        assertThat(result.device().id()).isEqualTo("cpu");
        assertThat(result.device().note()).startsWith("CUDA is not usable");
        assertThat(messages).contains(result.device().summary());
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(result.findings()).hasSize(3);
        assertThat(result.findings()).extracting(Finding::rank).containsExactly(1, 2, 3);
        assertThat(result.findings()).extracting(Finding::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        Finding top = result.findings().getFirst();
        assertThat(top.provenance().modelId()).isEqualTo(DemoModel.ID);
        assertThat(top.provenance().modelVersion()).isEqualTo(DemoModel.VERSION);
        assertThat(top.provenance().modelSha256()).isEqualTo(demo.sha256());
        assertThat(top.provenance().device()).isEqualTo("cpu");
        assertThat(top.provenance().seriesUid()).isEqualTo(phantom.seriesUid());
        assertThat(result.heatmaps()).singleElement().satisfies(h -> {
            assertThat(h.volume().grid()).isSameAs(phantom.grid());
            assertThat(h.label()).isEqualTo("nodule");
        });
        assertThat(result.timings().loadNanos()).isPositive();
        assertThat(result.timings().inferenceNanos()).isPositive();
        assertThat(result.fromCache()).isFalse();
    }

    @Test
    void aSecondRunOfTheSameModelOnTheSameSeriesComesFromTheCache() throws Exception {
        ResultCache cache = new ResultCache(tmp.resolve("cache"));
        InferenceEngine engine = new InferenceEngine(cache, null);
        InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU);

        InferenceResult first = engine.run(phantom, demo, request, TaskContext.none());
        InferenceResult second = engine.run(phantom, demo, request, TaskContext.none());

        assertThat(first.fromCache()).isFalse();
        assertThat(first.timings().writeNanos()).isPositive();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.timings().inferenceNanos()).isZero();
        assertThat(second.timings().readNanos()).isPositive();
        assertThat(first.timings().readNanos()).isZero();
        assertThat(second.provenance()).isEqualTo(first.provenance());
        assertThat(second.findings()).hasSameSizeAs(first.findings());
        for (int n = 0; n < first.findings().size(); n++) {
            Finding a = first.findings().get(n);
            Finding b = second.findings().get(n);
            assertThat(b.centerMm().distance(a.centerMm())).isLessThan(1e-3);
            assertThat(b.score()).isCloseTo(a.score(), within(1e-9));
            assertThat(b.volumeMm3()).isCloseTo(a.volumeMm3(), within(1e-9));
            assertThat(b.extentMm()).containsExactly(a.extentMm(), within(1e-3));
        }
        FloatVolume x = first.heatmaps().getFirst().volume();
        FloatVolume y = second.heatmaps().getFirst().volume();
        assertThat(y.grid().sameAs(x.grid())).isTrue();
        assertThat(y.storedSlices()).isEqualTo(x.storedSlices());
        for (int k = 0; k < x.grid().nz(); k++) {
            assertThat(y.slice(k)).isEqualTo(x.slice(k));
        }
    }

    @Test
    void aSeriesOutsideTheIntendedUseIsRefusedUnlessTheReaderInsistsAndThenEveryResultIsMarked() throws Exception {
        InferenceEngine engine = new InferenceEngine(new ResultCache(tmp.resolve("cache-intended")), null);
        var head = new org.lumen.aiassist.model.SeriesFacts("CT", "HEAD", "CT HEAD", "Brain 2.5", 2.5, 2.5, true, null, 230.0, null);
        InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU).withFacts(head);

        assertThatThrownBy(() -> engine.run(phantom, demo, request, TaskContext.none()))
                .isInstanceOf(org.lumen.aiassist.model.OutsideIntendedUseException.class)
                .hasMessageStartingWith(demo.card().name() + " (" + DemoModel.ID + ") is not meant for series " + phantom.seriesUid() + ": ")
                .hasMessageContaining("its Body Part Examined is HEAD (the head); the model is for the chest");

        InferenceResult insisted = engine.run(phantom, demo, request.withRunOutsideIntendedUse(true), TaskContext.none());
        InferenceResult again = engine.run(phantom, demo, request.withRunOutsideIntendedUse(true), TaskContext.none());
        InferenceResult unchecked = engine.run(phantom, demo, request.withFacts(null), TaskContext.none());

        assertThat(insisted.outsideIntendedUse()).isTrue();
        assertThat(insisted.intendedUse().reasons()).hasSize(4);
        assertThat(again.fromCache()).isTrue();
        assertThat(again.outsideIntendedUse()).as("a saved result is marked too").isTrue();
        assertThat(unchecked.fromCache()).isTrue();
        assertThat(unchecked.intendedUse()).as("the mark belongs to the run, not to the saved result").isNull();
        var json = org.lumen.aiassist.cache.ResultJson.write(insisted);
        assertThat(json.get("outsideIntendedUse").asBoolean()).isTrue();
        assertThat(json.get("intendedUse").get("verdict").asText()).isEqualTo("outside");
        assertThat(json.get("findings")).allSatisfy(f -> assertThat(f.get("outsideIntendedUse").asBoolean()).isTrue());
    }

    @Test
    void anotherModelVersionIsNotAnsweredFromTheCache() throws Exception {
        ResultCache cache = new ResultCache(tmp.resolve("cache2"));
        InferenceEngine engine = new InferenceEngine(cache, null);
        ArrayInput input = ArrayInput.of("small", new Grid(20, 20, 20, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, 1)), (i, j, k) -> i * 10);
        ObjectNode card = TestModels.card("versions", 16, 16, 16);
        ModelPackage v1 = new ModelPackageReader(tmp.resolve("u")).read(TestModels.writePackage(tmp.resolve("v1"), TestModels.identity3d(), card));
        card.put("version", "2.0.0");
        ModelPackage v2 = new ModelPackageReader(tmp.resolve("u")).read(TestModels.writePackage(tmp.resolve("v2"), TestModels.identity3d(), card));
        InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU);

        assertThat(engine.run(input, v1, request, TaskContext.none()).fromCache()).isFalse();
        assertThat(engine.run(input, v2, request, TaskContext.none()).fromCache()).isFalse();
        assertThat(engine.run(input, v1, request, TaskContext.none()).fromCache()).isTrue();
        assertThat(engine.run(input, v1, request.withCache(false), TaskContext.none()).fromCache()).isFalse();
        assertThat(InferenceEngine.key(input, v1, request)).isNotEqualTo(InferenceEngine.key(input, v2, request));
    }

    @Test
    void aDamagedCacheEntryIsRecomputed() throws Exception {
        Path folder = tmp.resolve("cache3");
        InferenceEngine engine = new InferenceEngine(new ResultCache(folder), null);
        ArrayInput input = ArrayInput.of("damaged", new Grid(16, 16, 16, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, 1)), (i, j, k) -> 300);
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("dmg"), TestModels.identity3d(), TestModels.card("dmg", 16, 16, 16)));
        InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU);
        engine.run(input, pkg, request, TaskContext.none());
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lhm")).toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }

        InferenceResult again = engine.run(input, pkg, request, TaskContext.none());

        assertThat(again.fromCache()).isFalse();
        assertThat(again.heatmaps().getFirst().volume().value(3, 3, 3)).isCloseTo(0.65f, within(1e-5f));
    }

    @Test
    void cudaRequestedWithoutAGpuFailsTheTaskWithTheReasonEvenWhenTheResultIsCached() throws Exception {
        InferenceEngine engine = new InferenceEngine(new ResultCache(tmp.resolve("cache4")), null);
        engine.run(phantom, demo, InferenceRequest.defaults(), TaskContext.none());

        assertThatThrownBy(() -> engine.run(phantom, demo, InferenceRequest.defaults().withDevice(DeviceRequest.cuda(0)),
                TaskContext.none()))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("cuda:0 was requested but CUDA cannot be used");
    }

    @Test
    void aHeatmapOfNaNIsRefusedNamingTheModelTheOutputAndTheCountAndNothingIsCached() throws Exception {
        Path folder = tmp.resolve("cache-nan");
        InferenceEngine engine = new InferenceEngine(new ResultCache(folder), null);
        // One 16³ tile, so one run: its whole output is NaN.
        ArrayInput input = ArrayInput.of("nan", new Grid(16, 16, 16, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, 1)), (i, j, k) -> 100);
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("nan"), TestModels.nanMap3d(), TestModels.card("nan", 16, 16, 16)));

        assertThatThrownBy(() -> engine.run(input, pkg, InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none()))
                .isInstanceOf(NonFiniteOutputException.class)
                .hasMessage("the model Test model nan 1.0.0 returned 4,096 non-finite values (NaN) of 4,096 in its output \"y\", so its"
                        + " result was refused: nothing was drawn, written or recorded as a run");
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                assertThat(files.filter(Files::isRegularFile)).as("nothing cached").isEmpty();
            }
        }
        // The same engine with a finite model caches its result there: the cache was in use, and the NaN run left nothing.
        ModelPackage finite = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("finite"), TestModels.identity3d(), TestModels.card("finite", 16, 16, 16)));
        engine.run(input, finite, InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());
        try (var files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
        }
    }

    @Test
    void aDetectorsInfiniteBoxCoordinateIsRefused() throws Exception {
        ObjectNode card = TestModels.card("inf-detector", 16, 16, 16);
        ((ObjectNode) card.get("output")).put("tensor", "boxes").put("kind", "detection");
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("infdet"), TestModels.infiniteBoxDetector(16), card));
        ArrayInput input = ArrayInput.of("inf", new Grid(16, 16, 16, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, 1)), (i, j, k) -> 100);

        assertThatThrownBy(() -> new InferenceEngine(null, null).run(input, pkg, InferenceRequest.defaults().withDevice(DeviceRequest.CPU),
                TaskContext.none()))
                .isInstanceOf(NonFiniteOutputException.class)
                .hasMessage("the model Test model inf-detector 1.0.0 returned 1 non-finite value (infinite) of 8 in its output \"boxes\","
                        + " so its result was refused: nothing was drawn, written or recorded as a run");
    }

    @Test
    void aModelOnnxRuntimeCannotRunIsRefusedWhenTheTaskStarts() throws Exception {
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("op"), TestModels.unknownOperator(), TestModels.card("op", 8, 8, 8)));

        assertThatThrownBy(() -> new InferenceEngine(null, null).run(phantom, pkg, InferenceRequest.defaults(), TaskContext.none()))
                .isInstanceOf(ModelRefusedException.class)
                .satisfies(e -> assertThat(((ModelRefusedException) e).reason()).isEqualTo(Refusal.UNSUPPORTED_OPERATOR));
    }

    @Test
    void detectionBoxesBecomeFindingsAndAreDrawnAsHeatmaps() throws Exception {
        ObjectNode card = TestModels.card("detector", 16, 16, 16);
        ((ObjectNode) card.get("output")).put("tensor", "boxes").put("kind", "detection");
        card.putArray("classes").addObject().put("name", "spot").put("colour", "#FFFF00");
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u")).read(
                TestModels.writePackage(tmp.resolve("det"), TestModels.brightestVoxelDetector(16), card));
        Grid grid = new Grid(32, 32, 32, new Vec3(-16, -16, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        ArrayInput input = ArrayInput.of("spot", grid, (i, j, k) -> i == 20 && j == 10 && k == 25 ? 1000 : -1000);

        InferenceResult result = new InferenceEngine(null, null).run(input, pkg,
                InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());

        // Several overlapping tiles see the spot; suppression keeps one finding.
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo("spot");
            assertThat(f.score()).isCloseTo(1.0, within(1e-6));
            assertThat(f.centerMm().distance(grid.toPatient(20, 10, 25))).isLessThan(1e-6);
            assertThat(f.extentMm()).containsExactly(new double[] {4, 4, 4}, within(1e-6));
        });
        Heatmap h = result.heatmaps().getFirst();
        assertThat(h.volume().value(20, 10, 25)).isEqualTo(1f);
        assertThat(h.volume().value(20, 10, 20)).isZero();
    }
}
