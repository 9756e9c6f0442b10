// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.explain;

import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.pipeline.ClassificationInput;
import org.lumen.aiassist.pipeline.GridResampler;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.TensorLayout;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.task.TaskContext;

/**
 * What a classification model looked at, by occlusion: hide one block of its input at a time
 * (filled with the input's mean), run the model on many occluded copies per batch, and record how
 * far each class's score drops. Each voxel gets the drop of the block that hid it, so the map peaks
 * where the evidence is. Returned as heatmaps on the series grid, like a model's own output.
 */
public final class OcclusionSensitivity {

    /**
     * @param blocks blocks per patch edge (the block is the patch divided by this)
     * @param batch  occluded copies per run, when the graph's batch dimension allows
     */
    public record Options(int blocks, int batch) {
        public static final Options DEFAULT = new Options(8, 16);

        public Options {
            if (blocks < 1 || batch < 1) {
                throw new IllegalArgumentException("occlusion needs at least one block and one copy per run");
            }
        }
    }

    private final Options options;

    public OcclusionSensitivity(Options options) {
        this.options = options;
    }

    /**
     * Maps every foreground class of a classification model.
     *
     * @param slice for a 2D or 2.5D model, the slice to explain (usually its highest-scoring one)
     */
    public List<Heatmap> explain(SeriesInput input, ModelPackage pkg, InferenceSession session, int slice,
                                 ExecutorService cpu, TaskContext context) throws Exception {
        ModelCard card = pkg.card();
        InputContract in = card.input();
        ClassificationInput base = ClassificationInput.sample(input, in, slice, cpu, context);
        TensorLayout layout = base.layout();
        int[] patch = {layout.pi(), layout.pj(), layout.pk()};
        int[] block = new int[3];
        int[] count = new int[3];
        for (int a = 0; a < 3; a++) {
            block[a] = Math.max(1, (int) Math.ceil(patch[a] / (double) options.blocks()));
            count[a] = (int) Math.ceil(patch[a] / (double) block[a]);
        }
        int occlusions = count[0] * count[1] * count[2];
        boolean dynamic = pkg.graph().input(in.tensor()).map(t -> !t.isFixed(0)).orElse(true);
        int batch = dynamic ? options.batch() : Math.max(1, pkg.batchSize());
        int classes = card.classes().size();
        float fill = mean(base.item());
        int rank = in.dimensionality().tensorRank();
        float[] baseline;
        float[][] drops = new float[classes][occlusions];
        try (TensorRunner runner = session.runner(in.tensor(), layout.shape(batch, rank), card.output().tensor(),
                new long[] {batch, classes})) {
            baseline = scores(runner, base.item(), layout, List.of(), block, card, batch)[0];
            List<int[]> pending = new ArrayList<>();
            int done = 0;
            for (int n = 0; n < occlusions; n++) {
                int bx = n % count[0];
                int by = (n / count[0]) % count[1];
                int bz = n / (count[0] * count[1]);
                pending.add(new int[] {n, bx, by, bz});
                if (pending.size() == batch || n == occlusions - 1) {
                    context.checkCancelled();
                    float[][] s = scores(runner, base.item(), layout, pending, block, card, batch, fill);
                    for (int b = 0; b < pending.size(); b++) {
                        for (int c = 0; c < classes; c++) {
                            drops[c][pending.get(b)[0]] = baseline[c] - s[b][c];
                        }
                    }
                    done += pending.size();
                    context.progress(done, occlusions);
                    pending.clear();
                }
            }
        }
        List<Heatmap> maps = new ArrayList<>();
        Grid model = base.model();
        for (ModelClass c : card.foregroundClasses()) {
            float[] values = new float[model.arrayLength()];
            boolean threeD = in.dimensionality() == Dimensionality.THREE_D;
            for (int z = 0; z < (threeD ? patch[2] : 1); z++) {
                int mz = threeD ? z : base.slice();
                if (mz >= model.nz()) {
                    break;
                }
                for (int y = 0; y < Math.min(patch[1], model.ny()); y++) {
                    for (int x = 0; x < Math.min(patch[0], model.nx()); x++) {
                        int n = x / block[0] + count[0] * (y / block[1] + count[1] * (z / block[2]));
                        values[model.index(x, y, mz)] = Math.max(0, drops[c.index()][n]);
                    }
                }
            }
            FloatVolume onSeries = GridResampler.resample(model, values, input.grid(), cpu);
            maps.add(new Heatmap(c.name(), c.index(), c.colour(), card.threshold(c), Heatmap.OCCLUSION, onSeries));
        }
        return maps;
    }

    /** Class scores of the unoccluded item (no blocks) or of one occluded copy per block. */
    private static float[][] scores(TensorRunner runner, float[] item, TensorLayout layout, List<int[]> blocks, int[] block,
                                    ModelCard card, int batch, float... fill) throws OrtException, org.lumen.aiassist.runtime.NonFiniteOutputException {
        FloatBuffer in = runner.input();
        int copies = Math.max(1, blocks.size());
        int size = layout.itemSize();
        for (int b = 0; b < batch; b++) {
            in.put(b * size, item, 0, size);
        }
        for (int b = 0; b < blocks.size(); b++) {
            int[] at = blocks.get(b);
            for (int c = 0; c < layout.channels(); c++) {
                for (int z = at[3] * block[2]; z < Math.min(layout.pk(), (at[3] + 1) * block[2]); z++) {
                    for (int y = at[2] * block[1]; y < Math.min(layout.pj(), (at[2] + 1) * block[1]); y++) {
                        for (int x = at[1] * block[0]; x < Math.min(layout.pi(), (at[1] + 1) * block[0]); x++) {
                            in.put(b * size + layout.index(c, x, y, z), fill[0]);
                        }
                    }
                }
            }
        }
        runner.run();
        int classes = card.classes().size();
        FloatBuffer out = runner.output();
        float[][] scores = new float[copies][classes];
        for (int b = 0; b < copies; b++) {
            for (int c = 0; c < classes; c++) {
                scores[b][c] = out.get(b * classes + c);
            }
            card.output().activation().apply(scores[b]);
        }
        return scores;
    }

    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }
}
