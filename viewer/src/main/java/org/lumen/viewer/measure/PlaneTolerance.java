// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * Decides on which plane a measurement is shown: the one it was drawn on, found again from its
 * patient points rather than remembered as a slice number, so it also appears on the matching plane
 * of another viewport, stack or reformat. Frame-of-reference matching is the caller's job (see
 * {@link MeasurementSet#on}); this class only compares positions.
 */
public final class PlaneTolerance {

    /** Slack (in planes) so a point drawn exactly on a plane is not lost to rounding. */
    private static final double SLACK = 1e-6;

    private PlaneTolerance() {
    }

    /**
     * True when every defining point (and, for an ROI, every corner of its box) lies within half a
     * plane spacing of plane {@code n}. Distances are measured in plane steps, so a sheared
     * (gantry-tilted) stack is handled like its own slices are.
     */
    public static boolean liesOn(Measurement m, ViewPlane plane, int n) {
        Objects.requireNonNull(m, "measurement");
        Objects.requireNonNull(plane, "plane");
        for (Vec3 p : footprint(m)) {
            if (!(Math.abs(plane.toPlane(p)[2] - n) <= 0.5 + SLACK)) {
                return false;
            }
        }
        return true;
    }

    /** The points that must lie on the plane: an ROI's whole box, not just its two corners. */
    private static List<Vec3> footprint(Measurement m) {
        if (m instanceof ShapeRoi roi) {
            List<Vec3> all = new ArrayList<>(roi.points());
            all.addAll(roi.corners());
            return all;
        }
        return m.points();
    }
}
