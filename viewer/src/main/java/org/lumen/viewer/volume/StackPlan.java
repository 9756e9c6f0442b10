// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;

/**
 * How a series' frames stack: their order, the geometry when they form a regular volume, and
 * every note about frames left out or geometry that is not regular.
 *
 * @param isVolume true when the frames form a regular 3D grid (MPR and resampling are exact)
 * @param notes    sentences for the user: what was handled (gantry tilt) or left out (other sizes)
 */
public record StackPlan(String seriesUid, List<FrameRef> frames, VolumeGeometry geometry, boolean isVolume,
                        List<String> notes) {

    public StackPlan {
        frames = List.copyOf(frames);
        notes = List.copyOf(notes);
    }

    public int sliceCount() {
        return frames.size();
    }

    /** Slice spacing along the normal, or null when the frames do not form a volume. */
    public Double sliceSpacing() {
        return isVolume ? geometry.sliceSpacing() : null;
    }
}
