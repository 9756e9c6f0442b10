// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Optional;

/**
 * The order of the spatial axes in a model's tensors. ZYX (slices, rows, columns; NCDHW) is how
 * PyTorch sees a stack of images; XYZ (columns, rows, slices) is how MONAI and NIfTI-based pipelines
 * lay out volumes (NCHWD with H along the columns).
 */
public enum SpatialOrder {
    ZYX("zyx"), XYZ("xyz");

    private final String label;

    SpatialOrder(String label) {
        this.label = label;
    }

    public String label() { return label; }

    public static Optional<SpatialOrder> parse(String text) {
        for (SpatialOrder o : values()) {
            if (o.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
