// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;
import org.lumen.viewer.index.PixelCalibration;

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

    /**
     * What the pixels measure, from the first stacked frame's header: where the geometry's
     * millimetres come from, or that they are pixel units (spacing 1) to be said in px.
     */
    public PixelCalibration calibration() {
        return frames.isEmpty() ? PixelCalibration.NONE : frames.getFirst().instance().calibration();
    }

    /** Slice spacing along the normal, or null when the frames do not form a volume. */
    public Double sliceSpacing() {
        return isVolume ? geometry.sliceSpacing() : null;
    }
}
