// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Objects;

/**
 * What a model's output is, from its card.
 *
 * @param tensor     the graph output's name
 * @param activation applied by the pipeline to raw values (none when the graph outputs probabilities)
 */
public record OutputContract(String tensor, OutputKind kind, Activation activation) {

    public OutputContract {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(activation, "activation");
    }

    public OutputContract withTensor(String name) {
        return new OutputContract(name, kind, activation);
    }
}
