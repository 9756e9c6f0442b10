// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.aiassist.testing.PhantomInput;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;

/**
 * Not a test (no timed unit tests): a measurement to run by hand, and the recipe for the benchmark.
 * On the default 512x512x300 chest phantom (in memory, so DICOM decoding is not counted) it times,
 * in one JVM and one run: the demo model end to end (preprocess, inference, postprocess and findings;
 * the model load reported apart), and bare {@code OrtSession.run} over exactly the same input tiles,
 * prepared beforehand. Pipeline overhead = end-to-end / bare − 1.
 *
 * <pre>java -cp … org.lumen.aiassist.pipeline.PipelineOverheadMeasurement [repeats]</pre>
 */
public final class PipelineOverheadMeasurement {

    private PipelineOverheadMeasurement() { }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("lumen-overhead");
        ModelPackage demo = new ModelPackageReader(dir.resolve("unpacked")).read(DemoModel.ensure(dir.resolve("demo")));
        ChestCtSpec spec = ChestCtSpec.defaults();
        PhantomInput input = PhantomInput.render(spec);
        int slices = input.grid().nz();
        try (Pools pools = new Pools()) {
            InferenceEngine engine = new InferenceEngine(null, pools.decode());
            InferenceRequest request = InferenceRequest.defaults().withDevice(DeviceRequest.CPU).withCache(false);
            engine.run(input, demo, request, TaskContext.none()); // warm-up: JIT, ONNX Runtime's first-run allocations
            List<double[]> rows = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                InferenceResult result = engine.run(input, demo, request, TaskContext.none());
                double wall = (System.nanoTime() - t0) / 1e6;
                StageTimings t = result.timings();
                double endToEnd = wall - t.loadMs();
                double bare = bareRuns(input, demo, pools);
                rows.add(new double[] {endToEnd, bare, t.preprocessMs(), t.inferenceMs(), t.postprocessMs(), t.loadMs(),
                        result.tiles(), result.findings().size()});
            }
            System.out.printf(Locale.ROOT, "demo model on the %dx%dx%d phantom, CPU (%d cores), ONNX Runtime CPU build%n",
                    input.grid().nx(), input.grid().ny(), slices, Runtime.getRuntime().availableProcessors());
            System.out.println("run  end-to-end ms  bare run ms  overhead  pre ms  inference ms  post ms  load ms  tiles  findings  ms/slice");
            for (int r = 0; r < rows.size(); r++) {
                double[] x = rows.get(r);
                System.out.printf(Locale.ROOT, "%3d  %13.0f  %11.0f  %7.1f%%  %6.0f  %12.0f  %7.0f  %7.0f  %5.0f  %8.0f  %8.2f%n", r + 1,
                        x[0], x[1], 100 * (x[0] / x[1] - 1), x[2], x[3], x[4], x[5], x[6], x[7], x[0] / slices);
            }
        }
    }

    /** Every batch of tiles the pipeline would run, prepared first; then only {@code OrtSession.run} is timed. */
    static double bareRuns(PhantomInput input, ModelPackage pkg, Pools pools) throws Exception {
        InputContract in = pkg.card().input();
        Grid model = ModelGridPlanner.plan(input.grid(), in);
        TensorLayout layout = InferencePipeline.inputLayout(in);
        TilePlan plan = TilePlan.of(model, new int[] {layout.pi(), layout.pj(), layout.pk()}, in.overlap());
        Normaliser normaliser = Normaliser.of(in.normalisation(), input, TaskContext.none());
        PatchSampler sampler = new PatchSampler(model, input, normaliser, layout, in.dimensionality(), -1024, pools.decode(),
                TaskContext.none());
        List<TilePlan.Tile> tiles = plan.tiles();
        int batch = pkg.batchSize();
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            List<float[]> inputs = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            FloatBuffer scratch = java.nio.ByteBuffer.allocateDirect(batch * layout.itemSize() * 4)
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            for (int first = 0; first < tiles.size(); first += batch) {
                int n = Math.min(batch, tiles.size() - first);
                for (int b = 0; b < n; b++) {
                    sampler.fill(tiles.get(first + b), scratch, b * layout.itemSize());
                }
                float[] copy = new float[n * layout.itemSize()];
                scratch.get(0, copy);
                inputs.add(copy);
                sizes.add(n);
            }
            java.util.Map<Integer, TensorRunner> runners = new java.util.HashMap<>();
            long total = 0;
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    int n = sizes.get(i);
                    TensorRunner runner = runners.get(n);
                    if (runner == null) {
                        runner = session.runner(in.tensor(), layout.shape(n, 5), pkg.card().output().tensor(),
                                new long[] {n, 1, layout.pk(), layout.pj(), layout.pi()});
                        runners.put(n, runner);
                    }
                    runner.input().put(0, inputs.get(i));
                    total += runner.run();
                }
            } finally {
                runners.values().forEach(TensorRunner::close);
            }
            return total / 1e6;
        }
    }
}
