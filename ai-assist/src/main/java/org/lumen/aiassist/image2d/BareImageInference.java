// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.model.ImageContract;
import org.lumen.aiassist.model.InputContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.pipeline.BareInference;
import org.lumen.aiassist.pipeline.TensorLayout;

/**
 * The benchmark's baseline for a 2D image model: exactly the input batches {@link ImagePipeline} would give
 * {@code OrtSession.run} for one image (same canvas, tiles, sampling and normalisation), filled beforehand, so that
 * {@link BareInference#run} times nothing but the model.
 */
public final class BareImageInference {

    private BareImageInference() { }

    public static BareInference.Prepared prepare(ImageInput input, ModelPackage pkg) {
        ModelCard card = pkg.card();
        ImageContract contract = ImagePipeline.requireImageCard(card);
        ImagePipeline.Canvas canvas = ImagePipeline.canvas(input, card);
        ImageSampler sampler = ImagePipeline.sampler(input, contract, canvas.transform());
        InputContract in = card.input();
        TensorLayout layout = canvas.layout();
        var tiles = canvas.plan().tiles();
        int batch = Math.max(1, pkg.batchSize());
        boolean dynamic = pkg.graph().input(in.tensor()).map(t -> !t.isFixed(0)).orElse(true);
        List<float[]> batches = new ArrayList<>();
        List<long[]> inShapes = new ArrayList<>();
        List<long[]> outShapes = new ArrayList<>();
        for (int first = 0; first < tiles.size(); first += batch) {
            int n = Math.min(batch, tiles.size() - first);
            int slots = dynamic ? n : batch;
            float[] values = new float[slots * layout.itemSize()];
            FloatBuffer buffer = FloatBuffer.wrap(values);
            for (int i = 0; i < n; i++) {
                var t = tiles.get(first + i);
                sampler.fill(t.x(), t.y(), layout, buffer, i * layout.itemSize());
            }
            batches.add(values);
            inShapes.add(layout.shape(slots, 4));
            outShapes.add(outputShape(card, layout, slots));
        }
        return new BareInference.Prepared(batches, inShapes, outShapes, tiles.size());
    }

    /** The output shape the pipeline gives ONNX Runtime for {@code slots} items, or null where only a run tells (detection). */
    private static long[] outputShape(ModelCard card, TensorLayout layout, int slots) {
        int classes = card.classes().size();
        return switch (card.output().kind()) {
            case PROBABILITY_MAP, SEGMENTATION -> card.input().spatialOrder() == org.lumen.aiassist.model.SpatialOrder.XYZ
                    ? new long[] {slots, classes, layout.pi(), layout.pj()} : new long[] {slots, classes, layout.pj(), layout.pi()};
            case CLASSIFICATION -> new long[] {slots, classes};
            default -> null;
        };
    }
}
