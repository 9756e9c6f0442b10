// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.image2d.ImageBareInference;
import org.lumen.aiassist.image2d.ImageFactsReader;
import org.lumen.aiassist.image2d.ImageInferenceEngine;
import org.lumen.aiassist.image2d.ImageInput;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.image2d.SliceImage;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.pipeline.BareInference;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.testdata.FundusSpec;
import org.lumen.testdata.MammogramSpec;
import org.lumen.testdata.PlanarPhantomResult;
import org.lumen.testdata.PlanarPhantoms;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The 2D AI pipeline's overhead (docs/performance.md, "2D screening AI"; issue 16): a bundled 2D demo model run end
 * to end on the CPU over one generated image opened as the viewer opens it (decoded before the clock starts) — a
 * 3064 × 4664 mammogram (demo-mammo, native-resolution tiles) and a 2048 × 1536 colour fundus photograph
 * (demo-fundus) — against bare {@code OrtSession.run} over exactly the batches the pipeline makes, filled beforehand
 * by {@link ImageBareInference}, in the same JVM and the same run. Targets: end to end ≤ 1.15 × bare, and under 30 s
 * per image. The model's loading is reported apart (the engine loads it once per study) and not counted end to end.
 * With the result cache (the engine as the window and {@code lumen infer} get it): the first run, the entry's write
 * after it, and reopening the image, against computing it without a cache.
 */
final class Ai2dFigures {

    static final double TARGET_OVERHEAD = 0.15;
    static final double TARGET_SECONDS_PER_IMAGE = 30;

    private Ai2dFigures() { }

    /** One round: the engine end to end, then the bare runs; ms. */
    private record Round(double endToEndMs, double loadMs, double preMs, double inferMs, double postMs, double bareMs) {

        double overhead() {
            return endToEndMs / bareMs - 1;
        }
    }

    static List<Measurement> run(Path root, IoBenchmarks io, Pools pools, int repeat) throws Exception {
        List<Measurement> m = new ArrayList<>();
        Path mammogram = phantom(root.resolve("ai2d-mammogram"), out -> PlanarPhantoms.writeMammogram(out, MammogramSpec.defaults()));
        m.addAll(measure(root, io, pools, repeat, mammogram, ImageDemoModels.MAMMO, "3064x4664 mammogram"));
        Path fundus = phantom(root.resolve("ai2d-fundus"), out -> PlanarPhantoms.writeFundus(out, FundusSpec.defaults().withGrade(2)));
        m.addAll(measure(root, io, pools, repeat, fundus, ImageDemoModels.FUNDUS, "2048x1536 fundus photograph"));
        return m;
    }

    /** Writes a phantom once per folder (its files are the same for the same spec). */
    @FunctionalInterface
    private interface Writer {
        PlanarPhantomResult write(Path out) throws Exception;
    }

    private static Path phantom(Path folder, Writer writer) throws Exception {
        if (!Files.isDirectory(folder)) {
            Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
            if (Files.exists(partial)) {
                try (var files = Files.list(partial)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
            writer.write(partial);
            Files.move(partial, folder);
        }
        return folder;
    }

    private static List<Measurement> measure(Path root, IoBenchmarks io, Pools pools, int repeat, Path folder, ImageDemoModels.Kind kind, String what)
            throws Exception {
        ModelPackage pkg = new ModelPackageReader(root.resolve("ai-models")).read(
                ImageDemoModels.ensure(kind, root.resolve("ai2d-" + kind.name().toLowerCase(Locale.ROOT))));
        StackPlan plan = new StackPlanner().plan(io.index(BenchData.dicomFiles(folder)).index().allSeries().getFirst());
        PixelCache cache = PixelCache.withDefaultBudget();
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        try (Volume volume = loader.open(plan)) {
            new SyncTaskRunner().submit(loader.loadTask(volume, 0)).join();
            if (!volume.failures().isEmpty() || volume.loadedCount() != 1) {
                throw new IllegalStateException("the ai2d benchmark could not decode " + folder + ": " + volume.failures());
            }
            ImageInput input = new ImageInput(SliceImage.of(volume, 0), ImageFactsReader.read(volume.frame(0).instance(), volume.frame(0).frame()));
            ImageInferenceEngine engine = new ImageInferenceEngine();
            ImageRequest request = ImageRequest.defaults().withDevice(DeviceRequest.CPU);

            System.err.printf("ai2d: warming up (%s on the %s, CPU) ...%n", pkg.id(), what);
            StudyResult first = engine.run(List.of(input), pkg, request, TaskContext.none());
            BareInference.Prepared prepared = ImageBareInference.prepare(input, pkg);
            if (prepared.tiles() != first.images().getFirst().tiles()) {
                throw new IllegalStateException("the bare baseline made " + prepared.tiles() + " tiles, the pipeline "
                        + first.images().getFirst().tiles());
            }
            bare(pkg, prepared);
            List<Round> rounds = new ArrayList<>();
            StudyResult last = first;
            for (int r = 0; r < repeat; r++) {
                System.gc();
                long t0 = System.nanoTime();
                last = engine.run(List.of(input), pkg, request, TaskContext.none());
                double wall = (System.nanoTime() - t0) / 1e6;
                var t = last.timings();
                System.gc();
                double bareMs = bare(pkg, prepared);
                double load = t.loadNanos() / 1e6;
                rounds.add(new Round(wall - load, load, t.preprocessNanos() / 1e6, t.inferenceNanos() / 1e6, t.postprocessNanos() / 1e6,
                        bareMs));
                System.err.printf(Locale.ROOT, "ai2d: %s round %d of %d: end to end %.0f ms (pre %.0f, inference %.0f, post %.0f),"
                        + " bare %.0f ms (%+.1f%%)%n", what, r + 1, repeat, wall - load, t.preprocessNanos() / 1e6,
                        t.inferenceNanos() / 1e6, t.postprocessNanos() / 1e6, bareMs, 100 * ((wall - load) / bareMs - 1));
            }
            List<Measurement> m = figures(what, pkg, rounds, last, prepared);
            m.addAll(cached(root, pools, pkg, input, request, what, repeat, median(rounds, Round::endToEndMs)));
            return m;
        }
    }

    /**
     * The result cache (ADRs 0032, 0041), through an engine made as {@code LumenServices} makes it (the cache, its writes
     * on the I/O pool), per round from an empty cache: the first run end to end (what the reader waits for: the entry is
     * written after the result), the entry's write on its lane (awaited before going on), and reopening (the saved
     * result read back, the model not loaded); against computing it without a cache (the rounds' median).
     */
    private static List<Measurement> cached(Path root, Pools pools, ModelPackage pkg, ImageInput input, ImageRequest request, String what,
                                            int repeat, double computedMs) throws Exception {
        Path folder = root.resolve("ai2d-result-cache");
        ResultCache cache = new ResultCache(folder);
        double[] firstMs = new double[repeat];
        double[] writeMs = new double[repeat];
        double[] reopenMs = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            cache.clear();
            ImageInferenceEngine engine = new ImageInferenceEngine(cache, pools.io());
            System.gc();
            long t0 = System.nanoTime();
            StudyResult first = engine.run(List.of(input), pkg, request, TaskContext.none());
            firstMs[r] = (System.nanoTime() - t0) / 1e6;
            if (!engine.awaitStored(Duration.ofMinutes(2)) || engine.writeStats().written() != 1) {
                throw new IllegalStateException("the ai2d benchmark's result was not written into the result cache: " + engine.writeStats());
            }
            writeMs[r] = engine.writeStats().nanos() / 1e6;
            long t1 = System.nanoTime();
            StudyResult read = engine.run(List.of(input), pkg, request, TaskContext.none());
            reopenMs[r] = (System.nanoTime() - t1) / 1e6;
            if (first.images().getFirst().fromCache() || !read.images().getFirst().fromCache()) {
                throw new IllegalStateException("the ai2d benchmark's second run was not answered from the result cache");
            }
            System.err.printf(Locale.ROOT, "ai2d: %s with the result cache, round %d of %d: first run %.0f ms, entry written in %.0f ms"
                    + " after it, reopened in %.0f ms%n", what, r + 1, repeat, firstMs[r], writeMs[r], reopenMs[r]);
        }
        long bytes;
        try (var files = Files.walk(folder)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        cache.clear();
        String computed = "computed end to end without a cache, median";
        return List.of(
                new Measurement(pkg.id() + ", " + what + ": first run with the result cache, median", BenchMain.median(firstMs), "ms",
                        computed, computedMs, "the result given before its entry is written; per round " + rounds(firstMs)),
                new Measurement(pkg.id() + ", " + what + ": result cache entry written, median", BenchMain.median(writeMs), "ms", computed,
                        computedMs, String.format(Locale.ROOT, "on the I/O pool after the result; %.1f MB; per round %s", bytes / 1e6,
                                rounds(writeMs))),
                new Measurement(pkg.id() + ", " + what + ": reopened (saved result), median", BenchMain.median(reopenMs), "ms", computed,
                        computedMs, "read back from the result cache, pixel fingerprint included; per round " + rounds(reopenMs)));
    }

    private static String rounds(double[] ms) {
        StringBuilder s = new StringBuilder();
        for (double v : ms) {
            s.append(s.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return s + " ms";
    }

    private static List<Measurement> figures(String what, ModelPackage pkg, List<Round> rounds, StudyResult result,
                                             BareInference.Prepared prepared) {
        int n = rounds.size();
        double bestEnd = rounds.stream().mapToDouble(Round::endToEndMs).min().orElseThrow();
        double bestBare = rounds.stream().mapToDouble(Round::bareMs).min().orElseThrow();
        double medEnd = median(rounds, Round::endToEndMs);
        double medBare = median(rounds, Round::bareMs);
        long met = rounds.stream().filter(r -> r.overhead() <= TARGET_OVERHEAD).count();
        StringBuilder perRound = new StringBuilder();
        for (Round r : rounds) {
            perRound.append(perRound.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%+.1f", 100 * r.overhead()));
        }
        var image = result.images().getFirst();
        String name = pkg.id() + ", " + what + ", CPU";
        String bare = "bare OrtSession.run, same batches";
        String shape = String.format(Locale.ROOT, "%d tiles in %d batches (%s); %d findings; %d cores; device %s", image.tiles(),
                prepared.batches().size(), image.transform(), image.findings().size(), Runtime.getRuntime().availableProcessors(),
                image.device());
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(name + ": end to end per image, fastest", bestEnd, "ms", bare + ", fastest", bestBare,
                String.format(Locale.ROOT, "overhead %+.1f%% (target <= %.0f%%); %.1f s per image (target < %.0f s); fastest of %d each;"
                        + " model load apart; %s", 100 * (bestEnd / bestBare - 1), 100 * TARGET_OVERHEAD, bestEnd / 1000,
                        TARGET_SECONDS_PER_IMAGE, n, shape)));
        m.add(new Measurement(name + ": end to end per image, median", medEnd, "ms", bare + ", median", medBare,
                String.format(Locale.ROOT, "overhead %+.1f%%; per round %s%%: <= %.0f%% in %d of %d", 100 * (medEnd / medBare - 1),
                        perRound, 100 * TARGET_OVERHEAD, met, n)));
        m.add(new Measurement(name + ": stage preprocess, median", median(rounds, Round::preMs), "ms", bare + ", median", medBare,
                "plan, sample, normalise and fill the tiles"));
        m.add(new Measurement(name + ": stage inference, median", median(rounds, Round::inferMs), "ms", bare + ", median", medBare,
                "OrtSession.run inside the pipeline"));
        m.add(new Measurement(name + ": stage postprocess, median", median(rounds, Round::postMs), "ms", bare + ", median", medBare,
                "blend tiles, map back to image pixels, findings"));
        m.add(new Measurement(name + ": model load (session)", median(rounds, Round::loadMs), "ms", null, null,
                "median; once per study, not counted per image"));
        return m;
    }

    /** One bare pass with a fresh session; its wall ms inside {@code OrtSession.run}. */
    private static double bare(ModelPackage pkg, BareInference.Prepared prepared) throws Exception {
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            return BareInference.run(session, pkg, prepared) / 1e6;
        }
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        return BenchMain.median(rounds.stream().mapToDouble(f).toArray());
    }
}
