// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.util.Objects;
import org.lumen.aiassist.grid.FloatVolume;

/**
 * One class's per-voxel output on the series' own grid (probability, or occlusion sensitivity for
 * an explanation), with what the viewer needs to draw it: label, colour and the class threshold.
 * The series' grid is its input's {@code grid()}: for a stack with uneven slice gaps, the evenly
 * spaced grid over its true extent; {@link org.lumen.aiassist.grid.StoredSlices} puts it back on the
 * stored slices (ADR 0014).
 *
 * @param kind "probability" for a model's output, "occlusion" for an explanation
 */
public record Heatmap(String label, int classIndex, String colour, double threshold, String kind, FloatVolume volume) {

    public static final String PROBABILITY = "probability";
    public static final String OCCLUSION = "occlusion";

    public Heatmap {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(volume, "volume");
    }
}
