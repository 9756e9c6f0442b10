// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.pipeline.BareInference;
import org.lumen.aiassist.pipeline.TensorLayout;
import org.lumen.aiassist.pipeline.TilePlan;

/**
 * The baseline of the 2D overhead benchmark: every batch of tiles the 2D pipeline would give a
 * model for one image, sampled up front exactly as the pipeline samples them, for
 * {@link BareInference#run} to time {@code OrtSession.run} alone over them. End-to-end time per
 * image against this, in the same run, is the 2D pipeline's overhead.
 */
public final class ImageBareInference {

    private ImageBareInference() { }

    public static BareInference.Prepared prepare(ImageInput input, ModelPackage pkg) {
        ModelCard card = pkg.card();
        ImagePipeline.requireImageCard(card);
        ImagePipeline.Canvas canvas = ImagePipeline.canvas(input, card);
        ImageSampler sampler = ImagePipeline.sampler(input, card.image(), canvas.transform());
        TensorLayout layout = canvas.layout();
        boolean dynamic = pkg.graph().input(card.input().tensor()).map(t -> !t.isFixed(0)).orElse(true);
        int batch = Math.max(1, pkg.batchSize());
        int classes = card.classes().size();
        List<TilePlan.Tile> tiles = canvas.plan().tiles();
        List<float[]> batches = new ArrayList<>();
        List<long[]> inShapes = new ArrayList<>();
        List<long[]> outShapes = new ArrayList<>();
        for (int first = 0; first < tiles.size(); first += batch) {
            int n = Math.min(batch, tiles.size() - first);
            int slots = dynamic ? n : batch;
            float[] items = new float[slots * layout.itemSize()];
            FloatBuffer view = FloatBuffer.wrap(items);
            for (int b = 0; b < n; b++) {
                sampler.fill(tiles.get(first + b).x(), tiles.get(first + b).y(), layout, view, b * layout.itemSize());
            }
            batches.add(items);
            inShapes.add(layout.shape(slots, 4));
            outShapes.add(switch (card.output().kind()) {
                case PROBABILITY_MAP, SEGMENTATION -> new TensorLayout(layout.order(), classes, layout.pi(), layout.pj(), 1).shape(slots, 4);
                case CLASSIFICATION -> new long[] {slots, classes};
                case DETECTION -> null;
            });
        }
        return new BareInference.Prepared(batches, inShapes, outShapes, tiles.size());
    }
}
