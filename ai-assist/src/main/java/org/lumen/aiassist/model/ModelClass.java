// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.Objects;

/**
 * One output class (channel) of a model: its name, the colour the viewer draws it in, and its own
 * threshold (NaN: the card's default threshold applies).
 *
 * @param colour "#RRGGBB"
 */
public record ModelClass(int index, String name, String colour, double threshold) {

    public ModelClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(colour, "colour");
        if (!colour.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("class colour must look like #RRGGBB, was '" + colour + "'");
        }
    }

    /** Background channels produce neither heatmaps nor findings. */
    public boolean isBackground() {
        return name.equalsIgnoreCase("background");
    }
}
