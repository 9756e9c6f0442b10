// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ExecutorService;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.Dimensionality;
import org.lumen.aiassist.model.InputContract;
import org.lumen.task.TaskContext;

/**
 * The one input a classification model sees of a series (the whole series fitted into its patch,
 * or one slice of it for a 2D model), as a batch item: what explanations perturb.
 *
 * @param model  the grid the item samples
 * @param item   the input tensor of one batch item, in the layout's order
 * @param slice  the model-grid slice a 2D item shows (0 for 3D)
 */
public record ClassificationInput(Grid model, TensorLayout layout, float[] item, int slice) {

    /** Samples the item for a classification model; {@code slice} picks the slice of a 2D or 2.5D model. */
    public static ClassificationInput sample(SeriesInput input, InputContract in, int slice, ExecutorService cpu,
                                             TaskContext context) throws Exception {
        Grid model = ModelGridPlanner.plan(input.grid(), in, true);
        TensorLayout layout = InferencePipeline.inputLayout(in);
        Normaliser normaliser = Normaliser.of(in.normalisation(), input, context);
        double padding = Double.isNaN(in.paddingValue()) ? ("CT".equalsIgnoreCase(input.modality()) ? -1024 : 0) : in.paddingValue();
        PatchSampler sampler = new PatchSampler(model, input, normaliser, layout, in.dimensionality(), padding, cpu, context);
        FloatBuffer buffer = ByteBuffer.allocateDirect(layout.itemSize() * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int z = in.dimensionality() == Dimensionality.THREE_D ? 0 : Math.clamp(slice, 0, model.nz() - 1);
        sampler.fill(new TilePlan.Tile(0, 0, z), buffer, 0);
        float[] item = new float[layout.itemSize()];
        buffer.get(0, item);
        return new ClassificationInput(model, layout, item, z);
    }
}
