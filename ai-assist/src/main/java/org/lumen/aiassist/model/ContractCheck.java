// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.nio.file.Path;
import java.util.List;
import org.lumen.aiassist.onnx.OnnxGraphInfo;
import org.lumen.aiassist.onnx.TensorSpec;
import org.lumen.aiassist.onnx.TensorType;

/**
 * Compares a card's input and output contracts with the graph's declared inputs and outputs —
 * names, element types, ranks and every fixed dimension — and resolves the tensor names the card
 * left out when the graph has only one candidate.
 */
final class ContractCheck {

    /** The card's contracts with tensor names filled in, and the batch size to run with. */
    record Resolved(InputContract input, OutputContract output, int batchSize) { }

    private final Path source;
    private final ModelCard card;
    private final OnnxGraphInfo graph;

    ContractCheck(Path source, ModelCard card, OnnxGraphInfo graph) {
        this.source = source;
        this.card = card;
        this.graph = graph;
    }

    Resolved check() throws ModelRefusedException {
        InputContract in = card.input();
        TensorSpec input = pick("input", in.tensor(), graph.inputs());
        if (graph.inputs().size() > 1) {
            throw mismatch("the graph has " + graph.inputs().size() + " inputs (" + TensorSpec.names(graph.inputs())
                    + ") but a card describes exactly one");
        }
        requireFloat("input", input);
        int rank = in.dimensionality().tensorRank();
        if (input.rank() != rank) {
            throw mismatch("the card declares a " + in.dimensionality().label() + " input (rank " + rank + ", N×C×"
                    + (rank == 5 ? "3" : "2") + " spatial axes) but the graph's input " + input.name() + " has rank "
                    + input.rank() + " " + input.shapeText());
        }
        if (input.isFixed(1) && input.dim(1) != in.channels()) {
            throw mismatch("the card declares " + in.channels() + " input channel(s) but the graph's input " + input.name()
                    + " has " + input.dim(1) + " " + input.shapeText());
        }
        checkSpatial("input", input, in);
        int batch = in.maxBatch();
        if (input.isFixed(0)) {
            if (input.dim(0) < 1) {
                throw mismatch("the graph's input " + input.name() + " has a batch dimension of " + input.dim(0));
            }
            if (in.maxBatch() > 1 && input.dim(0) != in.maxBatch()) {
                throw mismatch("the card allows batches of " + in.maxBatch() + " but the graph's input " + input.name()
                        + " has a fixed batch of " + input.dim(0) + " " + input.shapeText());
            }
            batch = (int) input.dim(0);
        }

        OutputContract out = card.output();
        TensorSpec output = pick("output", out.tensor(), graph.outputs());
        requireFloat("output", output);
        int classes = card.classes().size();
        switch (out.kind()) {
            case PROBABILITY_MAP, SEGMENTATION -> {
                if (output.rank() != rank) {
                    throw mismatch("a " + out.kind().label() + " output must have the input's rank " + rank
                            + " but the graph's output " + output.name() + " is " + output.shapeText());
                }
                boolean labelMap = out.kind() == OutputKind.SEGMENTATION && output.isFixed(1) && output.dim(1) == 1;
                if (output.isFixed(1) && output.dim(1) != classes && !labelMap) {
                    throw mismatch("the card lists " + classes + " class(es) but the graph's output " + output.name()
                            + " has " + output.dim(1) + " channel(s) " + output.shapeText());
                }
                checkSpatial("output", output, in);
            }
            case CLASSIFICATION -> {
                if (output.rank() != 2) {
                    throw mismatch("a classification output is [N, classes] but the graph's output " + output.name()
                            + " is " + output.shapeText());
                }
                if (output.isFixed(1) && output.dim(1) != classes) {
                    throw mismatch("the card lists " + classes + " class(es) but the graph's output " + output.name()
                            + " scores " + output.dim(1) + " " + output.shapeText());
                }
            }
            case DETECTION -> {
                if (output.rank() != 3 || output.isFixed(2) && output.dim(2) != 8) {
                    throw mismatch("a detection output is [N, boxes, 8] (score, class, centre i j k, size i j k) but the graph's output "
                            + output.name() + " is " + output.shapeText());
                }
            }
            default -> throw new IllegalStateException("unknown output kind " + out.kind());
        }
        if (output.isFixed(0) && input.isFixed(0) && output.dim(0) != input.dim(0)) {
            throw mismatch("the graph's output batch " + output.dim(0) + " differs from its input batch " + input.dim(0));
        }
        return new Resolved(in.withTensor(input.name()), out.withTensor(output.name()), batch);
    }

    /** Spatial dims in tensor order: ZYX is [k, j, i], XYZ is [i, j, k]; patch sizes are [i, j(, k)]. */
    private void checkSpatial(String what, TensorSpec tensor, InputContract in) throws ModelRefusedException {
        int axes = in.dimensionality().spatialAxes();
        for (int s = 0; s < axes; s++) {
            int patchAxis = in.spatialOrder() == SpatialOrder.XYZ ? s : axes - 1 - s;
            int dim = 2 + s;
            if (tensor.isFixed(dim) && tensor.dim(dim) != in.patchSize()[patchAxis]) {
                throw mismatch("the card's patch " + java.util.Arrays.toString(in.patchSize()) + " ("
                        + in.spatialOrder().label() + " order in the tensor) does not fit the graph's " + what + " "
                        + tensor.name() + " " + tensor.shapeText());
            }
        }
    }

    private TensorSpec pick(String what, String declared, List<TensorSpec> candidates) throws ModelRefusedException {
        if (declared == null) {
            if (candidates.size() != 1) {
                throw mismatch("the card names no " + what + " tensor and the graph has " + candidates.size() + " "
                        + what + "s (" + TensorSpec.names(candidates) + ")");
            }
            return candidates.getFirst();
        }
        return candidates.stream().filter(t -> t.name().equals(declared)).findFirst().orElseThrow(() -> mismatch(
                "the card's " + what + " tensor '" + declared + "' is not an " + what + " of the graph (it has: "
                        + TensorSpec.names(candidates) + ")"));
    }

    private void requireFloat(String what, TensorSpec tensor) throws ModelRefusedException {
        if (tensor.type() != TensorType.FLOAT) {
            throw mismatch("the graph's " + what + " " + tensor.name() + " is " + tensor.type().displayName()
                    + " but Lumen feeds and reads float32 tensors");
        }
    }

    private ModelRefusedException mismatch(String sentence) {
        return new ModelRefusedException(Refusal.CONTRACT_MISMATCH, source, sentence);
    }
}
