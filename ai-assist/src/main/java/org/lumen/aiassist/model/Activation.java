// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Optional;

/** What the pipeline applies to raw outputs to get probabilities; "none" when the graph already does. */
public enum Activation {
    NONE, SIGMOID, SOFTMAX;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Turns one item's raw class scores into probabilities, in place. */
    public void apply(float[] scores) {
        switch (this) {
            case SIGMOID -> {
                for (int c = 0; c < scores.length; c++) {
                    scores[c] = (float) (1 / (1 + Math.exp(-scores[c])));
                }
            }
            case SOFTMAX -> {
                float max = Float.NEGATIVE_INFINITY;
                for (float s : scores) {
                    max = Math.max(max, s);
                }
                double total = 0;
                for (int c = 0; c < scores.length; c++) {
                    scores[c] = (float) Math.exp(scores[c] - max);
                    total += scores[c];
                }
                for (int c = 0; c < scores.length; c++) {
                    scores[c] /= (float) total;
                }
            }
            case NONE -> { }
        }
    }

    public static Optional<Activation> parse(String text) {
        for (Activation a : values()) {
            if (a.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
