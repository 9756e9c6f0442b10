// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.pipeline.BareInference;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.Size;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The AI pipeline's overhead (docs/performance.md, "AI assist"; issue 4): the bundled demo model run
 * end to end on the CPU over a generated chest CT opened as the viewer opens it (whole series in
 * memory before the clock starts, so DICOM decoding is not counted), against bare
 * {@code OrtSession.run} over exactly the tiles and batches the pipeline makes, prepared beforehand
 * by {@link BareInference}, in the same JVM and the same run. Target: end to end ≤ 1.15 × bare.
 *
 * <p>One warm-up of each (JIT, ONNX Runtime's first-run allocations), then {@code repeat} rounds, each
 * an end-to-end run followed by a bare pass with a fresh session (the engine opens a fresh one each
 * run too; its load time is reported apart and not counted end to end). A full collection comes
 * before each timed part, so that neither pays for collecting the other's garbage (an end-to-end
 * run leaves a few hundred MB: heatmaps on the series grid, resampled slices).
 */
final class AiFigures {

    /** The target: pipeline overhead over bare inference. */
    static final double TARGET_OVERHEAD = 0.15;

    private AiFigures() { }

    /** One round: the engine end to end, then the bare runs; ms. */
    private record Round(double endToEndMs, double loadMs, double preMs, double inferMs, double postMs, double endCpuMs,
                         double bareMs, double bareCpuMs) {

        double overhead() {
            return endToEndMs / bareMs - 1;
        }

        /** Everything but {@code OrtSession.run}, against the inference stage of the same run. */
        double ownOverhead() {
            return endToEndMs / inferMs - 1;
        }
    }

    static List<Measurement> run(Path root, Size size, IoBenchmarks io, Pools pools, int repeat) throws Exception {
        Path ct = BenchData.uncompressedCt(root, size);
        ModelPackage demo = new ModelPackageReader(root.resolve("ai-models")).read(DemoModel.ensure(root.resolve("ai-demo-model")));
        StackPlan plan = new StackPlanner().plan(io.index(BenchData.dicomFiles(ct)).index().allSeries().getFirst());
        PixelCache cache = PixelCache.withDefaultBudget();
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        try (Volume volume = loader.open(plan)) {
            int slices = volume.sliceCount();
            new SyncTaskRunner().submit(loader.loadTask(volume, slices / 2)).join();
            if (!volume.failures().isEmpty() || volume.loadedCount() != slices || cache.evictions() > 0) {
                throw new IllegalStateException("the ai benchmark needs the whole series in memory (" + volume.loadedCount() + " of "
                        + slices + " slices loaded, " + cache.evictions() + " evicted, " + volume.failures().size()
                        + " failed); raise -Xmx");
            }
            SeriesInput input = new VolumeSeriesInput(volume);
            InferenceEngine engine = new InferenceEngine(null, pools.decode());
            InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU).withCache(false);

            System.err.printf("ai: warming up (the demo model on the %s CT, CPU) ...%n", size);
            InferenceResult first = engine.run(input, demo, request, TaskContext.none());
            BareInference.Prepared prepared = BareInference.prepare(input, demo, pools.decode());
            if (prepared.tiles() != first.tiles()) {
                throw new IllegalStateException("the bare baseline made " + prepared.tiles() + " tiles, the pipeline " + first.tiles());
            }
            bare(demo, prepared);

            List<Round> rounds = new ArrayList<>();
            InferenceResult last = first;
            for (int r = 0; r < repeat; r++) {
                System.gc();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                last = engine.run(input, demo, request, TaskContext.none());
                double wall = (System.nanoTime() - t0) / 1e6;
                double endCpu = (processCpuNanos() - c0) / 1e6;
                StageTimings t = last.timings();
                System.gc();
                double[] b = bare(demo, prepared);
                rounds.add(new Round(wall - t.loadMs(), t.loadMs(), t.preprocessMs(), t.inferenceMs(), t.postprocessMs(), endCpu,
                        b[0], b[1]));
                System.err.printf(Locale.ROOT, "ai: round %d of %d: end to end %.0f ms (pre %.0f, inference %.0f, post %.0f),"
                        + " bare %.0f ms (%+.1f%%)%n", r + 1, repeat, wall - t.loadMs(), t.preprocessMs(), t.inferenceMs(),
                        t.postprocessMs(), b[0], 100 * (wall - t.loadMs()) / b[0] - 100);
            }
            if (cache.evictions() > 0) {
                throw new IllegalStateException("slices were evicted during the ai benchmark, so decoding was timed; raise -Xmx");
            }
            return figures(size, slices, rounds, last);
        }
    }

    private static List<Measurement> figures(Size size, int slices, List<Round> rounds, InferenceResult result) {
        int n = rounds.size();
        double bestEnd = min(rounds, Round::endToEndMs);
        double bestBare = min(rounds, Round::bareMs);
        double medEnd = median(rounds, Round::endToEndMs);
        double medBare = median(rounds, Round::bareMs);
        long met = rounds.stream().filter(r -> r.overhead() <= TARGET_OVERHEAD).count();
        long ownMet = rounds.stream().filter(r -> r.ownOverhead() <= TARGET_OVERHEAD).count();
        StringBuilder perRound = new StringBuilder();
        StringBuilder ownPerRound = new StringBuilder();
        for (Round r : rounds) {
            perRound.append(perRound.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%+.1f", 100 * r.overhead()));
            ownPerRound.append(ownPerRound.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%+.1f", 100 * r.ownOverhead()));
        }
        String what = "AI demo model, " + size + " CT, CPU";
        String bare = "bare OrtSession.run, same tiles";
        String shape = String.format(Locale.ROOT, "%d tiles in %d batches, %s; %d findings; device %s", result.tiles(),
                result.batches(), result.modelGrid(), result.findings().size(), result.device().id());
        double medPre = median(rounds, Round::preMs);
        double medInfer = median(rounds, Round::inferMs);
        double medPost = median(rounds, Round::postMs);
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(what + ": end to end, fastest", bestEnd, "ms", bare + ", fastest", bestBare,
                String.format(Locale.ROOT, "overhead %+.1f%% (target <= %.0f%%); fastest of %d each; model load apart; %s",
                        100 * (bestEnd / bestBare - 1), 100 * TARGET_OVERHEAD, n, shape)));
        m.add(new Measurement(what + ": end to end, median", medEnd, "ms", bare + ", median", medBare,
                String.format(Locale.ROOT, "overhead %+.1f%%; per round %s%%: <= %.0f%% in %d of %d", 100 * (medEnd / medBare - 1),
                        perRound, 100 * TARGET_OVERHEAD, met, n)));
        // Both sides of this one come from the same run, so load that changes between the halves of a round cancels.
        m.add(new Measurement(what + ": end to end, in-run (median)", median(rounds, Round::endToEndMs), "ms",
                "its own inference stage (OrtSession.run), same runs", medInfer,
                String.format(Locale.ROOT, "overhead per run over its own inference %s%%: <= %.0f%% in %d of %d", ownPerRound,
                        100 * TARGET_OVERHEAD, ownMet, n)));
        m.add(new Measurement(what + ": stage preprocess, median", medPre, "ms", bare + ", median", medBare,
                "resample, normalise and fill the input tiles (plus setup)"));
        m.add(new Measurement(what + ": stage inference, median", medInfer, "ms", bare + ", median", medBare,
                "OrtSession.run inside the pipeline"));
        m.add(new Measurement(what + ": stage postprocess, median", medPost, "ms", bare + ", median", medBare,
                String.format(Locale.ROOT, "blend tiles, heatmap on the series grid, findings; wall minus the stages %.0f ms (median;"
                        + " below 0 where tile filling and blending ran beside inference)",
                        median(rounds, r -> r.endToEndMs() - r.preMs() - r.inferMs() - r.postMs()))));
        m.add(new Measurement(what + ": model load (session)", median(rounds, Round::loadMs), "ms", null, null,
                "median; not counted end to end"));
        m.add(new Measurement(what + ": end to end per slice", bestEnd / slices, "ms", bare + ", per slice", bestBare / slices,
                String.format(Locale.ROOT, "fastest; %d slices; median %.2f ms per slice", slices, medEnd / slices)));
        double cpuEnd = min(rounds, Round::endCpuMs);
        double cpuBare = min(rounds, Round::bareCpuMs);
        m.add(new Measurement(what + ": process CPU time, end to end", cpuEnd, "ms", bare + ", process CPU time", cpuBare,
                String.format(Locale.ROOT, "overhead %+.1f%%; fastest of each; all threads (ONNX Runtime's included), model load"
                        + " included end to end", 100 * (cpuEnd / cpuBare - 1))));
        return m;
    }

    /** One bare pass with a fresh session; returns its wall ms inside {@code OrtSession.run} and the process CPU ms of the runs. */
    private static double[] bare(ModelPackage pkg, BareInference.Prepared prepared) throws Exception {
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            long c0 = processCpuNanos();
            long nanos = BareInference.run(session, pkg, prepared);
            return new double[] {nanos / 1e6, (processCpuNanos() - c0) / 1e6};
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // Other processes only ever add time: the fastest of each is the least disturbed figure.
    private static double min(List<Round> rounds, ToDoubleFunction<Round> f) {
        return rounds.stream().mapToDouble(f).min().orElseThrow();
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
        return BenchMain.median(rounds.stream().mapToDouble(f).toArray());
    }
}
