// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.TensorLayout;
import org.lumen.aiassist.pipeline.TilePlan;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskContext;

/**
 * What a 2D classification model looked at, without gradients, tile by tile over the same canvas
 * the model saw (so a large image explained at native resolution is explained in its tiles):
 * <ul>
 *   <li><b>occlusion</b>: hide one block of a tile at a time (filled with the tile's per-channel mean)
 *       and record how far the class's score drops; each pixel gets its block's drop;</li>
 *   <li><b>RISE</b> (Petsiuk et al. 2018): run the model on many copies of the tile under random smooth
 *       masks (a coarse grid of cells kept with probability p, upsampled bilinearly and shifted at
 *       random); a pixel's saliency is the mean score of the masks weighted by how much each kept it,
 *       divided by p. It needs a fixed number of runs whatever the block size, so it is the choice where
 *       occlusion at a fine block size would take too long.</li>
 * </ul>
 * Both run in batches, report progress, stop between batches when cancelled, and are timed.
 * The map is mapped back onto the original image like the model's own outputs.
 */
public final class ImageExplainer {

    /** @param blocks blocks per patch edge; @param batch occluded copies per run */
    public record OcclusionOptions(int blocks, int batch) {
        public static final OcclusionOptions DEFAULT = new OcclusionOptions(8, 16);

        public OcclusionOptions {
            if (blocks < 1 || batch < 1) {
                throw new IllegalArgumentException("occlusion needs at least one block and one copy per run");
            }
        }
    }

    /**
     * @param masks    random masks per tile
     * @param cells    mask grid cells per patch edge
     * @param keep     probability a cell is kept
     * @param batch    masked copies per run
     * @param seed     the masks' seed: the same seed gives the same map
     */
    public record RiseOptions(int masks, int cells, double keep, int batch, long seed) {
        public static final RiseOptions DEFAULT = new RiseOptions(500, 8, 0.5, 16, 1);

        public RiseOptions {
            if (masks < 1 || cells < 1 || batch < 1 || !(keep > 0 && keep < 1)) {
                throw new IllegalArgumentException("RISE needs masks, cells and batch of at least 1 and 0 < keep < 1");
            }
        }
    }

    private ImageExplainer() { }

    /** A task that loads the model on its own and explains {@code classIndex} (-1: the top class) by {@code method}. */
    public static BackgroundTask<Explanation> task(ImageInput input, ModelPackage pkg, ImageRequest request, int classIndex) {
        return BackgroundTask.of("Explaining " + pkg.card().name() + " on " + input.label(), context -> {
            try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), request.device(), pkg.card().name() + " " + pkg.card().version())) {
                int c = classIndex >= 0 ? classIndex : new ImagePipeline().run(input, pkg, session, context).classScores().stream()
                        .filter(s -> !pkg.card().classes().get(s.classIndex()).isBackground())
                        .max(java.util.Comparator.comparingDouble(org.lumen.aiassist.pipeline.ClassScore::score))
                        .orElseThrow().classIndex();
                return request.explain() == ImageRequest.Explain.RISE
                        ? rise(input, pkg, session, c, RiseOptions.DEFAULT, context)
                        : occlusion(input, pkg, session, c, OcclusionOptions.DEFAULT, context);
            }
        });
    }

    public static Explanation occlusion(ImageInput input, ModelPackage pkg, InferenceSession session, int classIndex,
                                        OcclusionOptions options, TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        Setup s = setup(input, pkg, classIndex, options.batch());
        TensorLayout layout = s.canvas.layout();
        int bw = Math.max(1, (int) Math.ceil(layout.pi() / (double) options.blocks()));
        int bh = Math.max(1, (int) Math.ceil(layout.pj() / (double) options.blocks()));
        int nx = (layout.pi() + bw - 1) / bw;
        int ny = (layout.pj() + bh - 1) / bh;
        int perTile = nx * ny;
        long total = (long) perTile * s.tiles.size();
        long done = 0;
        int runs = 0;
        try (TensorRunner runner = s.runner(session)) {
            for (TilePlan.Tile tile : s.tiles) {
                float[] base = s.base(tile);
                float[] mean = channelMeans(base, layout);
                float baseline = s.scores(runner, base)[0];
                runs++;
                for (int first = 0; first < perTile; first += s.batch) {
                    context.checkCancelled();
                    int n = Math.min(s.batch, perTile - first);
                    FloatBuffer in = runner.input();
                    for (int b = 0; b < s.batch; b++) {
                        in.put(b * layout.itemSize(), base, 0, layout.itemSize());
                    }
                    for (int b = 0; b < n; b++) {
                        int block = first + b;
                        int x0 = (block % nx) * bw;
                        int y0 = (block / nx) * bh;
                        for (int c = 0; c < layout.channels(); c++) {
                            for (int y = y0; y < Math.min(layout.pj(), y0 + bh); y++) {
                                for (int x = x0; x < Math.min(layout.pi(), x0 + bw); x++) {
                                    in.put(b * layout.itemSize() + layout.index(c, x, y, 0), mean[c]);
                                }
                            }
                        }
                    }
                    float[] scores = s.run(runner);
                    runs++;
                    for (int b = 0; b < n; b++) {
                        int block = first + b;
                        int x0 = (block % nx) * bw;
                        int y0 = (block / nx) * bh;
                        float drop = Math.max(0, baseline - scores[b]);
                        for (int y = y0; y < Math.min(layout.pj(), y0 + bh); y++) {
                            for (int x = x0; x < Math.min(layout.pi(), x0 + bw); x++) {
                                s.put(tile.x() + x, tile.y() + y, drop);
                            }
                        }
                    }
                    done += n;
                    context.progress(done, total);
                }
            }
        }
        return s.finish(Heatmap.OCCLUSION, "occlusion", runs, System.nanoTime() - t0);
    }

    public static Explanation rise(ImageInput input, ModelPackage pkg, InferenceSession session, int classIndex, RiseOptions options,
                                   TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        Setup s = setup(input, pkg, classIndex, options.batch());
        TensorLayout layout = s.canvas.layout();
        int pw = layout.pi();
        int ph = layout.pj();
        double cellW = Math.ceil(pw / (double) options.cells());
        double cellH = Math.ceil(ph / (double) options.cells());
        int g = options.cells() + 1;
        SplittableRandom random = new SplittableRandom(options.seed());
        float[][] masks = new float[s.batch][pw * ph];
        long total = (long) options.masks() * s.tiles.size();
        long done = 0;
        int runs = 0;
        try (TensorRunner runner = s.runner(session)) {
            for (TilePlan.Tile tile : s.tiles) {
                float[] base = s.base(tile);
                float[] mean = channelMeans(base, layout);
                double[] saliency = new double[pw * ph];
                for (int first = 0; first < options.masks(); first += s.batch) {
                    context.checkCancelled();
                    int n = Math.min(s.batch, options.masks() - first);
                    FloatBuffer in = runner.input();
                    for (int b = 0; b < s.batch; b++) {
                        float[] m = masks[b];
                        if (b < n) {
                            boolean[] cells = new boolean[g * g];
                            for (int i = 0; i < cells.length; i++) {
                                cells[i] = random.nextDouble() < options.keep();
                            }
                            double sx = random.nextDouble() * cellW;
                            double sy = random.nextDouble() * cellH;
                            for (int y = 0; y < ph; y++) {
                                double gy = (y + sy) / cellH;
                                int cy = Math.min((int) gy, g - 2);
                                double fy = gy - cy;
                                for (int x = 0; x < pw; x++) {
                                    double gx = (x + sx) / cellW;
                                    int cx = Math.min((int) gx, g - 2);
                                    double fx = gx - cx;
                                    double top = cell(cells, g, cx, cy) * (1 - fx) + cell(cells, g, cx + 1, cy) * fx;
                                    double bottom = cell(cells, g, cx, cy + 1) * (1 - fx) + cell(cells, g, cx + 1, cy + 1) * fx;
                                    m[y * pw + x] = (float) (top * (1 - fy) + bottom * fy);
                                }
                            }
                        }
                        for (int c = 0; c < layout.channels(); c++) {
                            for (int y = 0; y < ph; y++) {
                                for (int x = 0; x < pw; x++) {
                                    int at = layout.index(c, x, y, 0);
                                    float k = b < n ? m[y * pw + x] : 1;
                                    in.put(b * layout.itemSize() + at, base[at] * k + mean[c] * (1 - k));
                                }
                            }
                        }
                    }
                    float[] scores = s.run(runner);
                    runs++;
                    for (int b = 0; b < n; b++) {
                        float[] m = masks[b];
                        for (int i = 0; i < m.length; i++) {
                            saliency[i] += scores[b] * m[i];
                        }
                    }
                    done += n;
                    context.progress(done, total);
                }
                double norm = 1.0 / (options.masks() * options.keep());
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        s.put(tile.x() + x, tile.y() + y, (float) (saliency[y * pw + x] * norm));
                    }
                }
            }
        }
        return s.finish(Heatmap2D.RISE, "rise", runs, System.nanoTime() - t0);
    }

    private static double cell(boolean[] cells, int g, int x, int y) {
        return cells[Math.min(y, g - 1) * g + Math.min(x, g - 1)] ? 1 : 0;
    }

    private static Setup setup(ImageInput input, ModelPackage pkg, int classIndex, int batch) {
        ModelCard card = pkg.card();
        ImagePipeline.requireImageCard(card);
        if (card.output().kind() != OutputKind.CLASSIFICATION) {
            throw new IllegalArgumentException("explanations by occlusion and RISE are for classification models; " + card.name()
                    + " gives a " + card.output().kind().label() + " (its own map is its explanation)");
        }
        if (classIndex < 0 || classIndex >= card.classes().size()) {
            throw new IllegalArgumentException("class " + classIndex + " is not one of " + card.name() + "'s " + card.classes().size() + " classes");
        }
        ImagePipeline.Canvas canvas = ImagePipeline.canvas(input, card);
        ImageSampler sampler = ImagePipeline.sampler(input, card.image(), canvas.transform());
        boolean dynamic = pkg.graph().input(card.input().tensor()).map(t -> !t.isFixed(0)).orElse(true);
        return new Setup(pkg, canvas, sampler, classIndex, dynamic ? batch : Math.max(1, pkg.batchSize()));
    }

    /** One explanation's shared state: the canvas, its tiles, the class, and the map being built (max over overlapping tiles). */
    private static final class Setup {
        final ModelPackage pkg;
        final ImagePipeline.Canvas canvas;
        final ImageSampler sampler;
        final int classIndex;
        final int batch;
        final List<TilePlan.Tile> tiles;
        final float[] map;
        final float[] scores;

        Setup(ModelPackage pkg, ImagePipeline.Canvas canvas, ImageSampler sampler, int classIndex, int batch) {
            this.pkg = pkg;
            this.canvas = canvas;
            this.sampler = sampler;
            this.classIndex = classIndex;
            this.batch = batch;
            this.tiles = canvas.plan().tiles();
            this.map = new float[canvas.transform().canvasColumns() * canvas.transform().canvasRows()];
            this.scores = new float[pkg.card().classes().size()];
        }

        TensorRunner runner(InferenceSession session) throws Exception {
            ModelCard card = pkg.card();
            return session.runner(card.input().tensor(), canvas.layout().shape(batch, 4), card.output().tensor(),
                    new long[] {batch, card.classes().size()});
        }

        float[] base(TilePlan.Tile tile) {
            float[] base = new float[canvas.layout().itemSize()];
            sampler.fill(tile.x(), tile.y(), canvas.layout(), FloatBuffer.wrap(base), 0);
            return base;
        }

        /** The class's score of {@code item} alone (the other batch slots hold copies of it). */
        float[] scores(TensorRunner runner, float[] item) throws Exception {
            FloatBuffer in = runner.input();
            for (int b = 0; b < batch; b++) {
                in.put(b * item.length, item, 0, item.length);
            }
            return run(runner);
        }

        /** Runs the batch; the class's score per slot, after the card's activation. */
        float[] run(TensorRunner runner) throws Exception {
            runner.run();
            FloatBuffer out = runner.output();
            int classes = scores.length;
            float[] result = new float[batch];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < classes; c++) {
                    scores[c] = out.get(b * classes + c);
                }
                pkg.card().output().activation().apply(scores);
                result[b] = scores[classIndex];
            }
            return result;
        }

        void put(int u, int v, float value) {
            ImageTransform t = canvas.transform();
            if (u < t.canvasColumns() && v < t.canvasRows()) {
                int i = v * t.canvasColumns() + u;
                map[i] = Math.max(map[i], value);
            }
        }

        Explanation finish(String kind, String method, int runs, long nanos) {
            ModelClass c = pkg.card().classes().get(classIndex);
            Heatmap2D heatmap = ImagePipeline.toImage(map, canvas.transform(), c.name(), c.index(), c.colour(), Double.NaN, kind);
            return new Explanation(heatmap, method, runs, nanos);
        }
    }

    private static float[] channelMeans(float[] item, TensorLayout layout) {
        float[] mean = new float[layout.channels()];
        int n = layout.spatialSize();
        for (int c = 0; c < layout.channels(); c++) {
            double sum = 0;
            for (int y = 0; y < layout.pj(); y++) {
                for (int x = 0; x < layout.pi(); x++) {
                    sum += item[layout.index(c, x, y, 0)];
                }
            }
            mean[c] = (float) (sum / n);
        }
        return mean;
    }
}
