// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Lumen reads from an ONNX file without running it: the IR version, the operator sets it
 * imports, the graph's real inputs (initializers excluded) and outputs, and the operators it uses.
 * Enough to check a model card against the graph before ONNX Runtime is asked to load it.
 *
 * @param opsets    operator set version by domain ("" is the default ONNX domain)
 * @param operators every "domain:opType" (default domain: just "opType") used by a node
 */
public record OnnxGraphInfo(long irVersion, Map<String, Long> opsets, String producer, List<TensorSpec> inputs,
                            List<TensorSpec> outputs, Set<String> operators, int nodeCount) {

    public OnnxGraphInfo {
        opsets = Map.copyOf(opsets);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        operators = Set.copyOf(operators);
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
