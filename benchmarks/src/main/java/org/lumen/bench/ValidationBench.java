// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.cache.ResultCache;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.grid.VolumeFacts;
import org.lumen.aiassist.grid.VolumeSeriesInput;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetMember;
import org.lumen.annotation.catalog.InstanceRecord;
import org.lumen.app.validation.ValidationResult;
import org.lumen.app.validation.ValidationRun;
import org.lumen.io.Folders;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * Issue 14's validation throughput: {@code lumen validate}'s own run ({@link ValidationRun}: index, load, run the demo
 * model through a fresh result cache, match, score with 1,000 bootstrap draws, audit) over the export group's generated
 * dataset, against bare inference of the same cases in the same run (the engine alone, no cache, on volumes loaded
 * beforehand). Reports cases per minute with the model's inference time subtracted, and a second validation answered
 * from the cache.
 */
final class ValidationBench {

    private ValidationBench() { }

    static List<Measurement> run(Path root, Size size, int cases, Pools pools) throws Exception {
        Path data = ExportFigures.dataset(root, size, cases);
        Path work = Files.createTempDirectory(root, "validation-");
        List<Measurement> m = new ArrayList<>();
        try (Catalog catalog = Catalog.open(work.resolve("catalog.sqlite"))) {
            ExportFigures.register(catalog, data, pools);
            ModelPackage demo = new ModelPackageReader(root.resolve("ai-models")).read(DemoModel.ensure(root.resolve("ai-demo-model")));
            Indexer indexer = new Indexer(pools.io(), pools.decodeThreads());
            SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), PixelCache.withDefaultBudget());
            List<DatasetMember> members = catalog.datasets().members(catalog.datasets().byName("bench").orElseThrow().id());

            // Bare inference: each case loaded first (not timed), then the engine alone, no cache; one warm-up run before.
            InferenceEngine bare = new InferenceEngine(null, pools.decode());
            InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU).withCache(false);
            double bareSeconds = 0;
            double loadSeconds = 0;
            for (int n = -1; n < members.size(); n++) {
                DatasetMember member = members.get(Math.max(0, n));
                System.err.printf(Locale.ROOT, "validation: bare inference, case %d of %d%s ...%n", Math.max(1, n + 1), members.size(),
                        n < 0 ? " (warm-up)" : "");
                List<Path> files = catalog.studies().instances(member.seriesUid()).stream().map(InstanceRecord::file).toList();
                long t0 = System.nanoTime();
                DicomIndex index = indexer.index(new FileSource(files), TaskContext.none());
                try (Volume volume = loader.open(new StackPlanner().plan(index.seriesByUid(member.seriesUid()).orElseThrow()))) {
                    loader.loadTask(volume, volume.sliceCount() / 2).run(TaskContext.none());
                    long t1 = System.nanoTime();
                    VolumeSeriesInput input = new VolumeSeriesInput(volume);
                    bare.run(input, demo, request.withFacts(VolumeFacts.of(volume, input)), TaskContext.none());
                    long t2 = System.nanoTime();
                    if (n >= 0) {
                        loadSeconds += (t1 - t0) / 1e9;
                        bareSeconds += (t2 - t1) / 1e9;
                    }
                }
            }

            InferenceEngine cached = new InferenceEngine(new ResultCache(work.resolve("inference-cache")), pools.decode());
            ValidationRun.Request validate = new ValidationRun.Request(demo, "bench", 1, Bootstrap.DEFAULT, DeviceRequest.CPU);
            System.err.printf(Locale.ROOT, "validation: lumen validate's run over %d cases, the model run through a fresh cache ...%n", cases);
            long v0 = System.nanoTime();
            ValidationResult first = ValidationRun.task(catalog, indexer, loader, cached, validate).run(TaskContext.none());
            double coldSeconds = (System.nanoTime() - v0) / 1e9;
            System.err.println("validation: again, answered from the cache ...");
            long w0 = System.nanoTime();
            ValidationResult second = ValidationRun.task(catalog, indexer, loader, cached, validate).run(TaskContext.none());
            double warmSeconds = (System.nanoTime() - w0) / 1e9;
            if (first.cases().size() != cases || second.cases().stream().anyMatch(c -> !c.fromCache())) {
                throw new IllegalStateException("the validation scored " + first.cases().size() + " of " + cases
                        + " cases, or its second run did not come from the cache: " + first.leftOut());
            }

            // Scoring alone (FROC, subgroups, claims, segmentation, each with its bootstrap) on the same cases.
            long s0 = System.nanoTime();
            ValidationResult.of(demo.card(), demo.card().version(), demo.sha256(), "bench",
                    new org.lumen.app.validation.DetectionValidation.Cases(second.cases(), second.leftOut()), 1, Bootstrap.DEFAULT, first.at());
            double scoringSeconds = (System.nanoTime() - s0) / 1e9;

            double net = coldSeconds - bareSeconds;
            double bareRate = cases / (bareSeconds / 60);
            m.add(new Measurement("validation: " + cases + " cases of " + size + ", cases per minute net of inference", cases / (net / 60),
                    "cases/min", "bare inference of the same cases", bareRate, String.format(Locale.ROOT,
                            "validation %.1f s − bare inference %.1f s = %.1f s of its own; timed apart: index and load %.1f s,"
                                    + " scoring with 1,000 bootstrap draws %.1f s; the rest is the result cache's write, matching and"
                                    + " the audit entry; CPM %.3f", coldSeconds, bareSeconds, net, loadSeconds, scoringSeconds,
                            first.froc().cpm().value())));
            m.add(new Measurement("validation: its own time per case (validation − bare inference)", 1000 * net / cases, "ms/case",
                    "bare inference per case", 1000 * bareSeconds / cases, null));
            m.add(new Measurement("validation: second run, answered from the result cache", cases / (warmSeconds / 60), "cases/min",
                    "bare inference of the same cases", bareRate, String.format(Locale.ROOT, "%.1f s for %d cases", warmSeconds, cases)));
        } finally {
            Folders.deleteTree(work);
        }
        return m;
    }
}
