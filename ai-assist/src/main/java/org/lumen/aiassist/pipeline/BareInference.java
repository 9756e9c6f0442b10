// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.task.TaskContext;

/**
 * The baseline of the pipeline-overhead benchmark: every batch of input tiles a dense model would
 * get from the pipeline for a series, prepared up front exactly as the pipeline prepares them, and
 * then {@code OrtSession.run} alone over them. End-to-end inference time against this, in the same
 * run, is the pipeline's overhead.
 */
public final class BareInference {

    /** The prepared batches, each with its input and output shape. */
    public record Prepared(List<float[]> batches, List<long[]> inputShapes, List<long[]> outputShapes, int tiles) { }

    private BareInference() { }

    /** Prepares the batches of a probability-map or segmentation model with one-hot channels. */
    public static Prepared prepare(SeriesInput input, ModelPackage pkg, ExecutorService cpu) throws Exception {
        if (pkg.card().output().kind() != OutputKind.PROBABILITY_MAP && pkg.card().output().kind() != OutputKind.SEGMENTATION) {
            throw new IllegalArgumentException("the bare baseline covers dense models; " + pkg.id() + " is a "
                    + pkg.card().output().kind().label() + " model");
        }
        InputContract in = pkg.card().input();
        Grid model = ModelGridPlanner.plan(input.grid(), in);
        TensorLayout layout = InferencePipeline.inputLayout(in);
        TilePlan plan = TilePlan.of(model, new int[] {layout.pi(), layout.pj(), layout.pk()}, in.overlap());
        Normaliser normaliser = Normaliser.of(in.normalisation(), input, TaskContext.none());
        double padding = Double.isNaN(in.paddingValue()) ? ("CT".equalsIgnoreCase(input.modality()) ? -1024 : 0) : in.paddingValue();
        PatchSampler sampler = new PatchSampler(model, input, normaliser, layout, in.dimensionality(), padding, cpu, TaskContext.none());
        boolean dynamic = pkg.graph().input(in.tensor()).map(t -> !t.isFixed(0)).orElse(true);
        int batch = Math.max(1, pkg.batchSize());
        int rank = in.dimensionality().tensorRank();
        TensorLayout out = new TensorLayout(in.spatialOrder(), pkg.card().classes().size(), layout.pi(), layout.pj(), layout.pk());
        List<TilePlan.Tile> tiles = plan.tiles();
        FloatBuffer scratch = ByteBuffer.allocateDirect(batch * layout.itemSize() * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        List<float[]> batches = new ArrayList<>();
        List<long[]> inShapes = new ArrayList<>();
        List<long[]> outShapes = new ArrayList<>();
        for (int first = 0; first < tiles.size(); first += batch) {
            int n = Math.min(batch, tiles.size() - first);
            int slots = dynamic ? n : batch;
            for (int v = 0; v < slots * layout.itemSize(); v++) {
                scratch.put(v, 0f);
            }
            for (int b = 0; b < n; b++) {
                sampler.fill(tiles.get(first + b), scratch, b * layout.itemSize());
            }
            float[] copy = new float[slots * layout.itemSize()];
            scratch.get(0, copy);
            batches.add(copy);
            inShapes.add(layout.shape(slots, rank));
            outShapes.add(out.shape(slots, rank));
        }
        return new Prepared(batches, inShapes, outShapes, tiles.size());
    }

    /** Runs every prepared batch once; returns the nanoseconds spent inside {@code OrtSession.run}. */
    public static long run(InferenceSession session, ModelPackage pkg, Prepared prepared) throws OrtException, org.lumen.aiassist.runtime.NonFiniteOutputException {
        Map<Integer, TensorRunner> runners = new HashMap<>();
        long nanos = 0;
        try {
            for (int i = 0; i < prepared.batches().size(); i++) {
                long[] shape = prepared.inputShapes().get(i);
                int slots = (int) shape[0];
                TensorRunner runner = runners.get(slots);
                if (runner == null) {
                    runner = session.runner(pkg.card().input().tensor(), shape, pkg.card().output().tensor(),
                            prepared.outputShapes().get(i));
                    runners.put(slots, runner);
                }
                runner.input().put(0, prepared.batches().get(i));
                nanos += runner.run();
            }
        } finally {
            runners.values().forEach(TensorRunner::close);
        }
        return nanos;
    }
}
