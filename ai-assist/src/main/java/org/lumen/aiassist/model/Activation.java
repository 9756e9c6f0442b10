// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Optional;

/** What the pipeline applies to raw outputs to get probabilities; "none" when the graph already does. */
public enum Activation {
    NONE, SIGMOID, SOFTMAX;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<Activation> parse(String text) {
        for (Activation a : values()) {
            if (a.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
