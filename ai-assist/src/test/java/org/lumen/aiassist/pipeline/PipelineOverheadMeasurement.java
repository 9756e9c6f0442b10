// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
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
            List<double[]> cpu = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                InferenceResult result = engine.run(input, demo, request, TaskContext.none());
                double wall = (System.nanoTime() - t0) / 1e6;
                double endCpu = (processCpuNanos() - c0) / 1e6;
                StageTimings t = result.timings();
                double endToEnd = wall - t.loadMs();
                double[] bareRun = bareRuns(input, demo, pools);
                double bare = bareRun[0];
                double bareCpuTotal = bareRun[1];
                rows.add(new double[] {endToEnd, bare, t.preprocessMs(), t.inferenceMs(), t.postprocessMs(), t.loadMs(),
                        result.tiles(), result.findings().size()});
                cpu.add(new double[] {endCpu, bareCpuTotal});
            }
            System.out.printf(Locale.ROOT, "demo model on the %dx%dx%d phantom, CPU (%d cores), ONNX Runtime CPU build%n",
                    input.grid().nx(), input.grid().ny(), slices, Runtime.getRuntime().availableProcessors());
            System.out.println("run  end-to-end ms  bare run ms  overhead  pre ms  inference ms  post ms  load ms  tiles  findings  ms/slice");
            for (int r = 0; r < rows.size(); r++) {
                double[] x = rows.get(r);
                System.out.printf(Locale.ROOT, "%3d  %13.0f  %11.0f  %7.1f%%  %6.0f  %12.0f  %7.0f  %7.0f  %5.0f  %8.0f  %8.2f%n", r + 1,
                        x[0], x[1], 100 * (x[0] / x[1] - 1), x[2], x[3], x[4], x[5], x[6], x[7], x[0] / slices);
            }
            // Other processes only ever add time: the fastest of each is the least disturbed figure.
            double bestEnd = rows.stream().mapToDouble(x -> x[0]).min().orElseThrow();
            double bestBare = rows.stream().mapToDouble(x -> x[1]).min().orElseThrow();
            System.out.printf(Locale.ROOT, "min  %13.0f  %11.0f  %7.1f%%  (fastest of each; %.2f ms per slice end to end)%n",
                    bestEnd, bestBare, 100 * (bestEnd / bestBare - 1), bestEnd / slices);
            // CPU time of the whole process (ONNX Runtime's threads included) is less disturbed by other
            // processes than wall time.
            double endCpuMin = cpu.stream().mapToDouble(x -> x[0]).min().orElseThrow();
            double bareCpuMin = cpu.stream().mapToDouble(x -> x[1]).min().orElseThrow();
            System.out.printf(Locale.ROOT, "process CPU (fastest of each): end-to-end %.0f ms, bare runs %.0f ms, overhead %.1f%%%n",
                    endCpuMin, bareCpuMin, 100 * (endCpuMin / bareCpuMin - 1));
            System.out.printf(Locale.ROOT, "load average after: %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Every batch of tiles the pipeline would run, prepared first; then only {@code OrtSession.run} is timed. */
    /** @return wall ms (inside OrtSession.run) and process CPU ms of the runs alone */
    static double[] bareRuns(PhantomInput input, ModelPackage pkg, Pools pools) throws Exception {
        BareInference.Prepared prepared = BareInference.prepare(input, pkg, pools.decode());
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            long cpu0 = processCpuNanos();
            long nanos = BareInference.run(session, pkg, prepared);
            return new double[] {nanos / 1e6, (processCpuNanos() - cpu0) / 1e6};
        }
    }
}
