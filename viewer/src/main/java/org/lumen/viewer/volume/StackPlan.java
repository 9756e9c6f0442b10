// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.List;
import org.lumen.viewer.index.PixelCalibration;

/**
 * How a series' frames stack: their order, the geometry when they form a regular volume, and
 * every note about frames left out or geometry that is not regular.
 *
 * @param isVolume true when the frames form a 3D volume: positioned, one orientation, more than one slice,
 *                 sorted along the normal. Reformats, measurements and resampling then use every
 *                 slice's patient position; see {@link #isRegular()} for whether the slices are evenly spaced
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
     * True for a volume whose slices are evenly spaced along one straight line (gantry tilt allowed):
     * its voxel grid is one affine, each stored voxel is a grid voxel, and models that need a regular
     * volume may run on it as it is. False for stacks with uneven gaps or missing slices, which are
     * volumes at their true slice positions (ADR 0014), and for stacks that are not volumes.
     */
    public boolean isRegular() {
        return isVolume && geometry.isRegular();
    }

    /**
     * What the pixels measure, from the first stacked frame's header: where the geometry's
     * millimetres come from, or that they are pixel units (spacing 1) to be said in px.
     */
    public PixelCalibration calibration() {
        return frames.isEmpty() ? PixelCalibration.NONE : frames.getFirst().instance().calibration();
    }

    /** Whether {@code other} stacks the same frames (same instances and frames) in the same order, whichever headers read them. */
    public boolean sameFramesAs(StackPlan other) {
        if (other == this) {
            return true;
        }
        if (other == null || other.sliceCount() != sliceCount()) {
            return false;
        }
        for (int k = 0; k < frames.size(); k++) {
            FrameRef a = frames.get(k);
            FrameRef b = other.frames().get(k);
            if (a.frame() != b.frame() || !a.instance().sopInstanceUid().equals(b.instance().sopInstanceUid())) {
                return false;
            }
        }
        return true;
    }

    /** Slice spacing along the normal, or null unless the frames form a regular volume (see {@link #isRegular()}). */
    public Double sliceSpacing() {
        return isRegular() ? geometry.sliceSpacing() : null;
    }
}
