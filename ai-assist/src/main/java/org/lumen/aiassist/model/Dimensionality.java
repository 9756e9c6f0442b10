// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Optional;

/** How a model sees a volume: one slice (2D), a few adjacent slices as channels (2.5D), or a 3D patch. */
public enum Dimensionality {
    TWO_D("2D", 4),
    TWO_AND_A_HALF_D("2.5D", 4),
    THREE_D("3D", 5);

    private final String label;
    private final int tensorRank;

    Dimensionality(String label, int tensorRank) {
        this.label = label;
        this.tensorRank = tensorRank;
    }

    /** As the model card writes it. */
    public String label() { return label; }

    /** Rank of the input (and dense output) tensor: N, C, then 2 or 3 spatial axes. */
    public int tensorRank() { return tensorRank; }

    public int spatialAxes() { return tensorRank - 2; }

    public static Optional<Dimensionality> parse(String text) {
        for (Dimensionality d : values()) {
            if (d.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
