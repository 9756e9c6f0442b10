// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Objects;
import org.lumen.aiassist.model.ImageFacts;

/** One image to run a 2D model on: its pixels and what its header says about it. */
public record ImageInput(PlanarImage image, ImageFacts facts) {

    public ImageInput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(facts, "facts");
    }

    /** "UID" or "UID frame N". */
    public String label() {
        return facts.label();
    }
}
