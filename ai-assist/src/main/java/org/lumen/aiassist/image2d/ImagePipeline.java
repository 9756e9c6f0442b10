// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ImageContract;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.pipeline.BlendWindow;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.pipeline.TensorLayout;
import org.lumen.aiassist.pipeline.TilePlan;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/**
 * The 2D pipeline, following a card's {@link ImageContract}: flip and fit the image onto the
 * model's canvas ({@link ImagePlanner}), cover the canvas with patch-sized tiles (one for letterbox,
 * stretch and crop; overlapping ones at native resolution for {@code tile}), and per batch of tiles
 * sample and normalise the image into the input buffer, run ONNX Runtime, and collect the output:
 * dense maps blended with Gaussian weights (seamless across tiles), class scores as the highest
 * over tiles, boxes mapped back. Everything ends in the original image's pixels. Progress is reported
 * per batch and cancellation honoured between batches; each stage is timed on its own.
 */
public final class ImagePipeline {

    /** How one image meets the model: its transform onto the canvas, the tiles over the canvas, and the input layout. */
    record Canvas(ImageTransform transform, TilePlan plan, TensorLayout layout) { }

    public ImageOutput run(ImageInput input, ModelPackage pkg, InferenceSession session, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        ImageContract contract = requireImageCard(card);
        long t0 = System.nanoTime();
        Canvas canvas = canvas(input, card);
        ImageSampler sampler = sampler(input, contract, canvas.transform());
        long setup = System.nanoTime() - t0;
        OutputKind kind = card.output().kind();
        List<ModelClass> classes = card.classes();
        List<TilePlan.Tile> tiles = canvas.plan().tiles();
        int cw = canvas.transform().canvasColumns();
        int ch = canvas.transform().canvasRows();
        long[] pre = {setup};
        long[] post = {0};
        int[] batches = {0};
        ImageTransform transform = canvas.transform();
        context.message(String.format(Locale.ROOT, "Running %s on %s: %d tile(s) of %dx%d, %s", card.name(), input.label(), tiles.size(),
                canvas.layout().pi(), canvas.layout().pj(), transform.describe()));
        switch (kind) {
            case PROBABILITY_MAP, SEGMENTATION -> {
                int outChannels = classes.size();
                TensorLayout out = new TensorLayout(card.input().spatialOrder(), outChannels, canvas.layout().pi(), canvas.layout().pj(), 1);
                BlendWindow blend = new BlendWindow(canvas.plan());
                List<ModelClass> kept = card.foregroundClasses();
                float[][] maps = new float[kept.size()][cw * ch];
                long inferNanos = runTiles(pkg, session, canvas, sampler, new long[] {outChannels, out.pj(), out.pi()},
                        context, pre, post, batches, (tile, buffer, offset, stride) -> blendTile(tile, buffer, offset, out, kept, card, blend, maps, cw, ch));
                long p0 = System.nanoTime();
                List<Heatmap2D> heatmaps = new ArrayList<>();
                List<ImageFinding> findings = new ArrayList<>();
                for (int k = 0; k < kept.size(); k++) {
                    ModelClass cls = kept.get(k);
                    Heatmap2D map = toImage(maps[k], transform, cls.name(), cls.index(), cls.colour(), card.threshold(cls), Heatmap.PROBABILITY);
                    maps[k] = null;
                    heatmaps.add(map);
                    context.checkCancelled();
                    findings.addAll(MapFindings.extract(map, input.facts().imageUid(), input.facts().frame()));
                }
                post[0] += System.nanoTime() - p0;
                return new ImageOutput(heatmaps, List.of(), rank(findings), transform, tiles.size(), batches[0],
                        new StageTimings(0, pre[0], inferNanos, post[0], 0));
            }
            case CLASSIFICATION -> {
                float[] best = new float[classes.size()];
                Arrays.fill(best, Float.NEGATIVE_INFINITY);
                float[] scores = new float[classes.size()];
                long inferNanos = runTiles(pkg, session, canvas, sampler, new long[] {classes.size()}, context, pre, post, batches,
                        (tile, buffer, offset, stride) -> {
                            for (int c = 0; c < scores.length; c++) {
                                scores[c] = buffer.get(offset + c);
                            }
                            card.output().activation().apply(scores);
                            for (int c = 0; c < scores.length; c++) {
                                best[c] = Math.max(best[c], scores[c]);
                            }
                        });
                List<ClassScore> result = new ArrayList<>();
                for (ModelClass c : classes) {
                    result.add(new ClassScore(c.index(), c.name(), best[c.index()], input.facts().frame()));
                }
                return new ImageOutput(List.of(), result, List.of(), transform, tiles.size(), batches[0],
                        new StageTimings(0, pre[0], inferNanos, post[0], 0));
            }
            case DETECTION -> {
                List<ImageFinding> boxes = new ArrayList<>();
                long inferNanos = runTiles(pkg, session, canvas, sampler, null, context, pre, post, batches,
                        (tile, buffer, offset, stride) -> boxes.addAll(boxes(tile, buffer, offset, stride / 8, card, transform, input)));
                long p0 = System.nanoTime();
                List<ImageFinding> kept = rank(BoxSuppression.apply(boxes, BoxSuppression.DEFAULT_IOU));
                post[0] += System.nanoTime() - p0;
                return new ImageOutput(List.of(), List.of(), kept, transform, tiles.size(), batches[0],
                        new StageTimings(0, pre[0], inferNanos, post[0], 0));
            }
            default -> throw new IllegalStateException("unknown output kind " + kind);
        }
    }

    static ImageContract requireImageCard(ModelCard card) {
        if (card.image() == null) {
            throw new IllegalArgumentException(card.name() + " (" + card.id() + ") is not a 2D image model: its card has no image object");
        }
        return card.image();
    }

    /** The transform, the tile plan over the canvas and the input layout of one image. */
    static Canvas canvas(ImageInput input, ModelCard card) {
        InputContract in = card.input();
        ImageContract contract = card.image();
        ImageTransform transform = ImagePlanner.plan(input.image(), input.facts(), contract, in);
        int pw = in.patch(0);
        int ph = in.patch(1);
        Grid grid = new Grid(transform.canvasColumns(), transform.canvasRows(), 1, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0),
                new Vec3(0, 0, 1));
        double overlap = contract.fit() == ImageContract.Fit.TILE ? in.overlap() : 0;
        TilePlan plan = TilePlan.of(grid, new int[] {pw, ph, 1}, overlap);
        return new Canvas(transform, plan, new TensorLayout(in.spatialOrder(), in.channels(), pw, ph, 1));
    }

    static ImageSampler sampler(ImageInput input, ImageContract contract, ImageTransform transform) {
        return new ImageSampler(input.image(), transform, ImageNormaliser.of(contract.normalisation(), input.image()),
                (float) contract.padValue());
    }

    /** Receives each batch item's output. */
    @FunctionalInterface
    interface TileSink {
        void accept(TilePlan.Tile tile, FloatBuffer out, int offset, int stride) throws Exception;
    }

    /**
     * Runs every tile through the model in batches of the package's batch size (the last batch
     * smaller when the graph's batch dimension is free, else filled up with zeros). Two runners per
     * batch size are used in turn: while ONNX Runtime runs one batch, another thread collects the
     * previous batch's output and fills the next batch's input (making its buffers when first needed), so
     * the pipeline's own work hides behind inference wherever a core is free for it (as the volume
     * pipeline does). Only the first batch is filled before inference starts, on two threads, and
     * nothing is filled more than one batch ahead.
     *
     * @param outItem the output shape of one item, or null when only a run tells (detection)
     * @return nanoseconds inside {@code OrtSession.run}
     */
    static long runTiles(ModelPackage pkg, InferenceSession session, Canvas canvas, ImageSampler sampler, long[] outItem,
                         TaskContext context, long[] pre, long[] post, int[] batches, TileSink sink) throws Exception {
        InputContract in = pkg.card().input();
        List<TilePlan.Tile> tiles = canvas.plan().tiles();
        TensorLayout layout = canvas.layout();
        int batch = Math.max(1, pkg.batchSize());
        boolean dynamic = pkg.graph().input(in.tensor()).map(t -> !t.isFixed(0)).orElse(true);
        int itemSize = layout.itemSize();
        List<int[]> plan = new ArrayList<>();
        for (int first = 0; first < tiles.size(); first += batch) {
            int n = Math.min(batch, tiles.size() - first);
            plan.add(new int[] {first, n, dynamic ? n : batch});
        }
        java.util.Map<Integer, TensorRunner[]> runners = new java.util.HashMap<>();
        TensorRunner[] used = new TensorRunner[plan.size()];
        long infer = 0;
        java.util.concurrent.ExecutorService beside = org.lumen.task.Pools.privateLane("inference2d-prep");
        try {
            // A batch's runner (its input and output buffers) is made when the batch is first filled: only the first
            // one's is made before inference starts, the others beside it.
            BatchStep prepare = b -> {
                TensorRunner[] pair = runners.computeIfAbsent(plan.get(b)[2], x -> new TensorRunner[2]);
                if (pair[b % 2] == null) {
                    pair[b % 2] = runner(pkg, session, layout, outItem, plan.get(b)[2]);
                }
                used[b] = pair[b % 2];
            };
            TileRange fillTiles = (b, from, to) -> {
                long a = System.nanoTime();
                int[] x = plan.get(b);
                FloatBuffer buffer = used[b].input();
                for (int i = from; i < to; i++) {
                    TilePlan.Tile t = tiles.get(x[0] + i);
                    sampler.fill(t.x(), t.y(), layout, buffer, i * itemSize);
                }
                return System.nanoTime() - a;
            };
            BatchStep fill = b -> {
                prepare.run(b);
                int[] x = plan.get(b);
                long padding = System.nanoTime();
                FloatBuffer buffer = used[b].input();
                for (int i = x[1] * itemSize; i < x[2] * itemSize; i++) {
                    buffer.put(i, 0f);
                }
                pre[0] += fillTiles.fill(b, 0, x[1]) + System.nanoTime() - padding;
            };
            BatchStep drain = b -> {
                long c = System.nanoTime();
                int[] x = plan.get(b);
                FloatBuffer out = used[b].output();
                long[] shape = used[b].outputShape();
                int stride = Math.toIntExact(product(shape) / shape[0]);
                for (int i = 0; i < x[1]; i++) {
                    sink.accept(tiles.get(x[0] + i), out, i * stride, stride);
                }
                post[0] += System.nanoTime() - c;
            };
            // Nothing runs beside the first batch's filling, so its tiles are filled on two threads.
            prepare.run(0);
            int firstTiles = plan.getFirst()[1];
            int half = (firstTiles + 1) / 2;
            java.util.concurrent.Future<Long> otherHalf = beside.submit(() -> fillTiles.fill(0, half, firstTiles));
            long ownHalf;
            try {
                ownHalf = fillTiles.fill(0, 0, half);
            } finally {
                await(otherHalf);
            }
            pre[0] += ownHalf + otherHalf.get();
            for (int i = firstTiles * itemSize; i < plan.getFirst()[2] * itemSize; i++) {
                used[0].input().put(i, 0f);
            }
            for (int b = 0; b < plan.size(); b++) {
                context.checkCancelled();
                int current = b;
                java.util.concurrent.Future<?> side = beside.submit(() -> {
                    if (current > 0) {
                        drain.run(current - 1);
                    }
                    if (current + 1 < plan.size()) {
                        fill.run(current + 1);
                    }
                    return null;
                });
                try {
                    infer += used[b].run();
                } catch (OrtException e) {
                    side.cancel(true);
                    throw new IOException("ONNX Runtime failed on tile " + (plan.get(b)[0] + 1) + " of " + tiles.size() + ": "
                            + e.getMessage(), e);
                } finally {
                    await(side);
                }
                batches[0]++;
                context.progress(plan.get(b)[0] + plan.get(b)[1], tiles.size());
            }
            drain.run(plan.size() - 1);
        } finally {
            beside.shutdownNow();
            for (TensorRunner[] pair : runners.values()) {
                for (TensorRunner r : pair) {
                    if (r != null) {
                        r.close();
                    }
                }
            }
        }
        return infer;
    }

    /** One step on one batch: fill its input, or collect its output. */
    @FunctionalInterface
    private interface BatchStep {
        void run(int batch) throws Exception;
    }

    /** Fills items {@code from} to {@code to} (exclusive) of a batch's input; gives the nanoseconds it took. */
    @FunctionalInterface
    private interface TileRange {
        long fill(int batch, int from, int to) throws Exception;
    }

    /** Waits for the work beside inference; its failure is the pipeline's. */
    private static void await(java.util.concurrent.Future<?> side) throws Exception {
        try {
            side.get();
        } catch (java.util.concurrent.CancellationException e) {
            // cancelled because inference failed: that failure is reported
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static TensorRunner runner(ModelPackage pkg, InferenceSession session, TensorLayout layout, long[] outItem, int slots)
            throws OrtException {
        long[] outShape = null;
        if (outItem != null) {
            outShape = new long[outItem.length + 1];
            outShape[0] = slots;
            System.arraycopy(outItem, 0, outShape, 1, outItem.length);
            if (outItem.length == 3 && pkg.card().input().spatialOrder() == org.lumen.aiassist.model.SpatialOrder.XYZ) {
                outShape[2] = outItem[2];
                outShape[3] = outItem[1];
            }
        }
        return session.runner(pkg.card().input().tensor(), layout.shape(slots, 4), pkg.card().output().tensor(), outShape);
    }

    /** Adds one tile's dense output into the canvas maps, weighted by the blending window (normalised at once: the sums are known). */
    private static void blendTile(TilePlan.Tile tile, FloatBuffer buffer, int offset, TensorLayout out, List<ModelClass> kept,
                                  ModelCard card, BlendWindow blend, float[][] maps, int cw, int ch) {
        org.lumen.aiassist.model.Activation activation = card.output().activation();
        boolean softmax = activation == org.lumen.aiassist.model.Activation.SOFTMAX;
        boolean sigmoid = activation == org.lumen.aiassist.model.Activation.SIGMOID;
        boolean rows = out.order() == org.lumen.aiassist.model.SpatialOrder.ZYX;
        int all = out.channels();
        int width = Math.min(out.pi(), cw - tile.x());
        float[] wx = new float[width];
        for (int x = 0; x < width; x++) {
            wx[x] = blend.weight(0, x) / blend.sum(0, tile.x() + x);
        }
        float[] logits = new float[all];
        float[] row = new float[width];
        for (int y = 0; y < out.pj(); y++) {
            int v = tile.y() + y;
            if (v >= ch) {
                break;
            }
            float wy = blend.weight(1, y) / blend.sum(1, v);
            int base = v * cw + tile.x();
            if (!softmax) {
                for (int k = 0; k < kept.size(); k++) {
                    int c = kept.get(k).index();
                    if (rows) {
                        buffer.get(offset + out.index(c, 0, y, 0), row, 0, width);
                    } else {
                        for (int x = 0; x < width; x++) {
                            row[x] = buffer.get(offset + out.index(c, x, y, 0));
                        }
                    }
                    float[] map = maps[k];
                    for (int x = 0; x < width; x++) {
                        float p = sigmoid ? (float) (1 / (1 + Math.exp(-row[x]))) : row[x];
                        map[base + x] += wy * wx[x] * p;
                    }
                }
                continue;
            }
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < all; c++) {
                    logits[c] = buffer.get(offset + out.index(c, x, y, 0));
                }
                activation.apply(logits);
                for (int k = 0; k < kept.size(); k++) {
                    maps[k][base + x] += wy * wx[x] * logits[kept.get(k).index()];
                }
            }
        }
    }

    /** Boxes of one tile: rows of score, class, centre (i, j, k) and size (i, j, k) in patch pixels, mapped to the image. */
    private static List<ImageFinding> boxes(TilePlan.Tile tile, FloatBuffer out, int offset, int rows, ModelCard card, ImageTransform t,
                                            ImageInput input) {
        List<ImageFinding> boxes = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            int at = offset + b * 8;
            float score = out.get(at);
            if (!(score > 0)) {
                continue;
            }
            int cls = Math.round(out.get(at + 1));
            if (cls < 0 || cls >= card.classes().size()) {
                continue;
            }
            double cu = tile.x() + out.get(at + 2);
            double cv = tile.y() + out.get(at + 3);
            double hw = out.get(at + 5) / 2;
            double hh = out.get(at + 6) / 2;
            double[] box = t.boxToImage(cu - hw, cv - hh, cu + hw, cv + hh);
            double[] centre = {t.toImageX(cu), t.toImageY(cv)};
            double radius = Math.sqrt((box[2] - box[0]) * (box[3] - box[1]) / Math.PI);
            boxes.add(new ImageFinding(0, card.classes().get(cls).name(), cls, score, centre, box, radius, input.facts().imageUid(),
                    input.facts().frame()));
        }
        return boxes;
    }

    /**
     * A canvas map as a map over the image: at the image's resolution when the canvas is the image
     * (native tiles), else at the canvas' resolution (step = image pixels per canvas pixel, rounded down),
     * sampled bilinearly through the transform.
     */
    static Heatmap2D toImage(float[] canvas, ImageTransform t, String label, int classIndex, String colour, double threshold, String kind) {
        int w = t.imageColumns();
        int h = t.imageRows();
        int cw = t.canvasColumns();
        if (t.sx() == 1 && t.sy() == 1 && t.ox() == 0 && t.oy() == 0 && cw == w) {
            if (t.flipped()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w / 2; x++) {
                        float a = canvas[y * w + x];
                        canvas[y * w + x] = canvas[y * w + w - 1 - x];
                        canvas[y * w + w - 1 - x] = a;
                    }
                }
            }
            return new Heatmap2D(label, classIndex, colour, threshold, kind, w, h, 1, w, h, canvas);
        }
        int step = Math.max(1, (int) Math.floor(Math.min(t.footprintX(), t.footprintY())));
        int mw = (w + step - 1) / step;
        int mh = (h + step - 1) / step;
        int ch = t.canvasRows();
        // Where each map column and row falls on the canvas depends on that column or row alone: worked out once, so the
        // loop over the map is arithmetic only (the values are those of bilinear sampling at each map pixel's centre).
        Taps columns = new Taps(mw, cw);
        for (int a = 0; a < mw; a++) {
            columns.set(a, t.toCanvasX(Math.min(w - 1, (a + 0.5) * step - 0.5)));
        }
        Taps rows = new Taps(mh, ch);
        for (int b = 0; b < mh; b++) {
            rows.set(b, t.toCanvasY(Math.min(h - 1, (b + 0.5) * step - 0.5)));
        }
        float[] values = new float[mw * mh];
        for (int b = 0; b < mh; b++) {
            if (rows.outside[b]) {
                continue;
            }
            int r0 = rows.lo[b] * cw;
            int r1 = rows.hi[b] * cw;
            float ay = rows.weight[b];
            for (int a = 0; a < mw; a++) {
                if (columns.outside[a]) {
                    continue;
                }
                int x0 = columns.lo[a];
                int x1 = columns.hi[a];
                float ax = columns.weight[a];
                float top = canvas[r0 + x0] * (1 - ax) + canvas[r0 + x1] * ax;
                float bottom = canvas[r1 + x0] * (1 - ax) + canvas[r1 + x1] * ax;
                values[b * mw + a] = top * (1 - ay) + bottom * ay;
            }
        }
        return new Heatmap2D(label, classIndex, colour, threshold, kind, w, h, step, mw, mh, values);
    }

    /**
     * Bilinear taps along one canvas axis of {@code size} pixels: per position the lower and upper neighbour and the
     * upper one's weight, or outside (farther than half a pixel beyond the canvas: the map is 0 there).
     */
    private static final class Taps {
        final int[] lo;
        final int[] hi;
        final float[] weight;
        final boolean[] outside;
        private final int size;

        Taps(int n, int size) {
            this.lo = new int[n];
            this.hi = new int[n];
            this.weight = new float[n];
            this.outside = new boolean[n];
            this.size = size;
        }

        void set(int i, double u) {
            if (u < -0.5 || u > size - 0.5) {
                outside[i] = true;
                return;
            }
            double c = Math.clamp(u, 0, size - 1);
            lo[i] = Math.min((int) c, size - 1);
            hi[i] = Math.min(lo[i] + 1, size - 1);
            weight[i] = (float) (c - lo[i]);
        }
    }

    /** Best first, ranked from 1. */
    static List<ImageFinding> rank(List<ImageFinding> findings) {
        List<ImageFinding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<ImageFinding> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return ranked;
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
