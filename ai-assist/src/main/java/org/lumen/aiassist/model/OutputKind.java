// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Optional;

/** What a model's output means, which decides how the pipeline turns it into heatmaps and findings. */
public enum OutputKind {
    /** One probability (or logit) per voxel and class, same grid as the input patch. */
    PROBABILITY_MAP("probabilityMap"),
    /** Per-voxel classes: one-hot channels (argmax) or a single channel of label values. */
    SEGMENTATION("segmentation"),
    /** One score per class for the whole input. */
    CLASSIFICATION("classification"),
    /** Boxes: [N, K, 8] rows of score, class, centre (i, j, k) and size (i, j, k) in patch voxels. */
    DETECTION("detection");

    private final String label;

    OutputKind(String label) {
        this.label = label;
    }

    public String label() { return label; }

    public static Optional<OutputKind> parse(String text) {
        for (OutputKind k : values()) {
            if (k.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
