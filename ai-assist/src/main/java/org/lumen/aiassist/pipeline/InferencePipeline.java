// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.Activation;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.onnx.TensorSpec;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/**
 * The inference pipeline, following the model card: plan the model grid (target spacing and
 * orientation), tile it with overlap, and per batch of tiles sample and normalise the series into a
 * direct input buffer, run ONNX Runtime, and blend the outputs; then map them back onto the series
 * grid. Dense models give heatmaps, classification models class scores, detection models boxes.
 * Progress is reported per batch of tiles, cancellation is honoured between batches, and the time
 * of each stage is measured on its own.
 */
public final class InferencePipeline {

    /**
     * Blended model output below this (1 %) is set to 0 before it is mapped onto the series:
     * invisible on screen, below any sensible threshold, and the empty rows and slices it leaves cost
     * nothing afterwards (a model's background of 0.2 % would otherwise fill every slice).
     */
    static final float FLOOR = 0.01f;

    private final ExecutorService cpu;

    /** @param cpu the pool for per-slice postprocessing (the decode pool), or null to do it on the calling thread */
    public InferencePipeline(ExecutorService cpu) {
        this.cpu = cpu;
    }

    public PipelineOutput run(SeriesInput input, ModelPackage pkg, InferenceSession session, TaskContext context) throws Exception {
        OutputKind kind = pkg.card().output().kind();
        return switch (kind) {
            case PROBABILITY_MAP, SEGMENTATION -> dense(input, pkg, session, context);
            case CLASSIFICATION -> classify(input, pkg, session, context);
            case DETECTION -> detect(input, pkg, session, context);
        };
    }

    /** The input tensor layout of one batch item. */
    public static TensorLayout inputLayout(InputContract in) {
        return new TensorLayout(in.spatialOrder(), in.channels(), in.patch(0), in.patch(1),
                in.dimensionality() == Dimensionality.THREE_D ? in.patch(2) : 1);
    }

    private PipelineOutput dense(SeriesInput input, ModelPackage pkg, InferenceSession session, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        InputContract in = card.input();
        long t0 = System.nanoTime();
        Grid model = ModelGridPlanner.plan(input.grid(), in);
        TensorLayout inLayout = inputLayout(in);
        TilePlan plan = TilePlan.of(model, new int[] {inLayout.pi(), inLayout.pj(), inLayout.pk()}, in.overlap());
        boolean labelMap = isLabelMap(pkg);
        int outChannels = labelMap ? 1 : card.classes().size();
        TensorLayout outLayout = new TensorLayout(in.spatialOrder(), outChannels, inLayout.pi(), inLayout.pj(), inLayout.pk());
        List<ModelClass> kept = card.foregroundClasses();
        int[] channels = kept.stream().mapToInt(ModelClass::index).toArray();
        Activation activation = labelMap ? Activation.NONE : card.output().activation();
        DenseAccumulator accumulator = new DenseAccumulator(model, outLayout, channels, activation, labelMap, new BlendWindow(plan));
        long setup = System.nanoTime() - t0;

        Loop loop = runTiles(input, pkg, session, model, plan, inLayout, itemShape(outLayout, in), context,
                (tile, out, offset, shape) -> accumulator.add(tile, out, offset, cpu));

        long p0 = System.nanoTime();
        float[][] blended = accumulator.finish(FLOOR, cpu);
        List<Heatmap> heatmaps = new ArrayList<>();
        for (int c = 0; c < kept.size(); c++) {
            FloatVolume onSeries = GridResampler.resample(model, blended[c], input.grid(), cpu);
            blended[c] = null;
            ModelClass cls = kept.get(c);
            heatmaps.add(new Heatmap(cls.name(), cls.index(), cls.colour(), card.threshold(cls), Heatmap.PROBABILITY, onSeries));
        }
        long post = System.nanoTime() - p0;
        return new PipelineOutput(heatmaps, List.of(), List.of(), model, plan.tileCount(), loop.batches,
                new StageTimings(0, setup + loop.preNanos, loop.inferNanos, loop.postNanos + post, 0));
    }

    private PipelineOutput classify(SeriesInput input, ModelPackage pkg, InferenceSession session, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        InputContract in = card.input();
        long t0 = System.nanoTime();
        Grid model = ModelGridPlanner.plan(input.grid(), in, true);
        TensorLayout inLayout = inputLayout(in);
        TilePlan plan = TilePlan.of(model, new int[] {inLayout.pi(), inLayout.pj(), inLayout.pk()}, 0);
        int classes = card.classes().size();
        double[] best = new double[classes];
        int[] bestSlice = new int[classes];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        float[] scores = new float[classes];
        long setup = System.nanoTime() - t0;
        Loop loop = runTiles(input, pkg, session, model, plan, inLayout, new long[] {classes}, context, (tile, out, offset, shape) -> {
            for (int c = 0; c < classes; c++) {
                scores[c] = out.get(offset + c);
            }
            card.output().activation().apply(scores);
            for (int c = 0; c < classes; c++) {
                if (scores[c] > best[c]) {
                    best[c] = scores[c];
                    bestSlice[c] = tile.z();
                }
            }
        });
        boolean sliceWise = in.dimensionality() != Dimensionality.THREE_D;
        List<ClassScore> result = new ArrayList<>();
        for (ModelClass c : card.classes()) {
            result.add(new ClassScore(c.index(), c.name(), best[c.index()], sliceWise ? bestSlice[c.index()] : -1));
        }
        return new PipelineOutput(List.of(), result, List.of(), model, plan.tileCount(), loop.batches,
                new StageTimings(0, setup + loop.preNanos, loop.inferNanos, loop.postNanos, 0));
    }

    private PipelineOutput detect(SeriesInput input, ModelPackage pkg, InferenceSession session, TaskContext context) throws Exception {
        InputContract in = pkg.card().input();
        long t0 = System.nanoTime();
        Grid model = ModelGridPlanner.plan(input.grid(), in);
        TensorLayout inLayout = inputLayout(in);
        TilePlan plan = TilePlan.of(model, new int[] {inLayout.pi(), inLayout.pj(), inLayout.pk()}, in.overlap());
        Vec3[] axes = {model.iStep().normalized(), model.jStep().normalized(), model.kStep().normalized()};
        double[] spacing = {model.spacing(0), model.spacing(1), model.spacing(2)};
        boolean threeD = in.dimensionality() == Dimensionality.THREE_D;
        List<Detection> detections = new ArrayList<>();
        long setup = System.nanoTime() - t0;
        Loop loop = runTiles(input, pkg, session, model, plan, inLayout, null, context, (tile, out, offset, shape) -> {
            int boxes = (int) shape[1];
            for (int b = 0; b < boxes; b++) {
                int at = offset + b * 8;
                float score = out.get(at);
                if (!(score > 0)) {
                    continue;
                }
                int cls = Math.round(out.get(at + 1));
                double ci = tile.x() + out.get(at + 2);
                double cj = tile.y() + out.get(at + 3);
                double ck = tile.z() + (threeD ? out.get(at + 4) : 0);
                double[] size = {out.get(at + 5) * spacing[0], out.get(at + 6) * spacing[1],
                        (threeD ? out.get(at + 7) : 1) * spacing[2]};
                detections.add(new Detection(cls, score, model.toPatient(ci, cj, ck), axes, size));
            }
        });
        return new PipelineOutput(List.of(), List.of(), detections, model, plan.tileCount(), loop.batches,
                new StageTimings(0, setup + loop.preNanos, loop.inferNanos, loop.postNanos, 0));
    }

    /** Receives each batch item's output. */
    @FunctionalInterface
    private interface TileSink {
        void accept(TilePlan.Tile tile, FloatBuffer out, int offset, long[] outShape) throws Exception;
    }

    /** Counters of one pass over the tiles. */
    private static final class Loop {
        long preNanos;
        long inferNanos;
        long postNanos;
        int batches;
    }

    /**
     * Runs every tile through the model in batches.
     *
     * @param outItem the output shape of one batch item, or null when only a run tells (then it is copied)
     */
    private Loop runTiles(SeriesInput input, ModelPackage pkg, InferenceSession session, Grid model, TilePlan plan,
                          TensorLayout inLayout, long[] outItem, TaskContext context, TileSink sink) throws Exception {
        InputContract in = pkg.card().input();
        long s0 = System.nanoTime();
        Normaliser normaliser = Normaliser.of(in.normalisation(), input, context);
        double padding = Double.isNaN(in.paddingValue()) ? ("CT".equalsIgnoreCase(input.modality()) ? -1024 : 0) : in.paddingValue();
        PatchSampler sampler = new PatchSampler(model, input, normaliser, inLayout, in.dimensionality(), padding, cpu, context);
        Loop loop = new Loop();
        loop.preNanos += System.nanoTime() - s0;
        List<TilePlan.Tile> tiles = plan.tiles();
        int batch = Math.max(1, pkg.batchSize());
        boolean dynamicBatch = pkg.graph().input(in.tensor()).map(t -> !t.isFixed(0)).orElse(true);
        int rank = in.dimensionality().tensorRank();
        int itemSize = inLayout.itemSize();
        int outItemSize = outItem == null ? 0 : Math.toIntExact(product(outItem));
        context.message(String.format(Locale.ROOT, "Running %s on %s: %d tile(s) of %dx%dx%d on a %s", pkg.card().name(),
                session.device().id(), tiles.size(), inLayout.pi(), inLayout.pj(), inLayout.pk(), model));
        // Two runners per batch size, used in turn: while ONNX Runtime runs one batch, another thread
        // blends the previous batch's output and fills the next batch's input, so the pipeline's own
        // work hides behind inference wherever a core is free for it.
        Map<Integer, TensorRunner[]> runners = new HashMap<>();
        List<int[]> batches = new ArrayList<>();
        for (int first = 0; first < tiles.size(); first += batch) {
            int n = Math.min(batch, tiles.size() - first);
            batches.add(new int[] {first, n, dynamicBatch ? n : batch});
        }
        ExecutorService beside = Pools.privateLane("inference-prep");
        try {
            BatchStep fill = (b, runner) -> {
                long a = System.nanoTime();
                int[] x = batches.get(b);
                FloatBuffer buffer = runner.input();
                for (int i = 0; i < x[1]; i++) {
                    sampler.fill(tiles.get(x[0] + i), buffer, i * itemSize);
                }
                for (int i = x[1]; i < x[2]; i++) {
                    for (int v = 0; v < itemSize; v++) {
                        buffer.put(i * itemSize + v, 0f);
                    }
                }
                loop.preNanos += System.nanoTime() - a;
            };
            BatchStep drain = (b, runner) -> {
                long c = System.nanoTime();
                int[] x = batches.get(b);
                FloatBuffer out = runner.output();
                long[] shape = runner.outputShape();
                int stride = outItem == null ? Math.toIntExact(product(shape) / shape[0]) : outItemSize;
                for (int i = 0; i < x[1]; i++) {
                    sink.accept(tiles.get(x[0] + i), out, i * stride, shape);
                }
                loop.postNanos += System.nanoTime() - c;
            };
            TensorRunner[] used = new TensorRunner[batches.size()];
            for (int b = 0; b < batches.size(); b++) {
                used[b] = runner(runners, session, in, inLayout, rank, outItem, pkg, batches.get(b)[2], b % 2);
            }
            fill.run(0, used[0]);
            for (int b = 0; b < batches.size(); b++) {
                context.checkCancelled();
                int current = b;
                // Beside this batch's inference: blend the previous batch, then fill the next one (its runner is the previous one's).
                Future<?> side = beside.submit(() -> {
                    if (current > 0) {
                        drain.run(current - 1, used[current - 1]);
                    }
                    if (current + 1 < batches.size()) {
                        fill.run(current + 1, used[current + 1]);
                    }
                    return null;
                });
                try {
                    loop.inferNanos += used[b].run();
                } catch (OrtException e) {
                    side.cancel(true);
                    throw new IOException("ONNX Runtime failed on tile " + (batches.get(b)[0] + 1) + " of " + tiles.size() + ": "
                            + e.getMessage(), e);
                } finally {
                    await(side);
                }
                loop.batches++;
                context.progress(batches.get(b)[0] + batches.get(b)[1], tiles.size());
            }
            drain.run(batches.size() - 1, used[batches.size() - 1]);
        } finally {
            beside.shutdownNow();
            runners.values().forEach(pair -> {
                for (TensorRunner r : pair) {
                    if (r != null) {
                        r.close();
                    }
                }
            });
        }
        return loop;
    }

    /** One step on one batch (fill its input, or drain its output). */
    @FunctionalInterface
    private interface BatchStep {
        void run(int batch, TensorRunner runner) throws Exception;
    }

    /** The runner for batches of {@code slots} items, the first or second of the pair ({@code parity}); made when first needed. */
    private static TensorRunner runner(Map<Integer, TensorRunner[]> runners, InferenceSession session, InputContract in,
                                       TensorLayout inLayout, int rank, long[] outItem, ModelPackage pkg, int slots, int parity)
            throws OrtException {
        TensorRunner[] pair = runners.computeIfAbsent(slots, s -> new TensorRunner[2]);
        if (pair[parity] == null) {
            pair[parity] = session.runner(in.tensor(), inLayout.shape(slots, rank), pkg.card().output().tensor(),
                    outItem == null ? null : prepend(slots, outItem));
        }
        return pair[parity];
    }

    /** Waits for the work beside inference; its failure is the pipeline's. */
    private static void await(Future<?> side) throws Exception {
        try {
            side.get();
        } catch (java.util.concurrent.CancellationException e) {
            // cancelled because inference failed: that failure is reported
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A one-channel segmentation output holds label values, not per-class channels. */
    private static boolean isLabelMap(ModelPackage pkg) {
        if (pkg.card().output().kind() != OutputKind.SEGMENTATION) {
            return false;
        }
        TensorSpec out = pkg.graph().output(pkg.card().output().tensor()).orElse(null);
        return out != null && out.isFixed(1) && out.dim(1) == 1 && pkg.card().classes().size() > 1;
    }

    private static long[] itemShape(TensorLayout out, InputContract in) {
        long[] full = out.shape(1, in.dimensionality().tensorRank());
        return java.util.Arrays.copyOfRange(full, 1, full.length);
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] prepend(long first, long[] rest) {
        long[] shape = new long[rest.length + 1];
        shape[0] = first;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return shape;
    }
}
