// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/**
 * Makes an ROI's in-plane axes an orthonormal pair, so its width, height and area are true
 * millimetres even when drawn on a plane whose pixel axes are not quite perpendicular (a reformat
 * of a gantry-tilted stack). Axes that already are orthonormal are kept bit for bit, so a record
 * read back from storage equals the one written.
 */
final class RoiAxes {

    private static final double EXACT = 1e-12;

    private RoiAxes() {
    }

    static Vec3 right(Vec3 right) {
        Objects.requireNonNull(right, "right");
        double length = right.length();
        if (!(length > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("an ROI's right axis must be a non-zero direction: " + right);
        }
        return Math.abs(length - 1) <= EXACT ? right : right.times(1 / length);
    }

    /** {@code down} made perpendicular to the (unit) {@code right} and of unit length. */
    static Vec3 down(Vec3 unitRight, Vec3 down) {
        Objects.requireNonNull(down, "down");
        double along = down.dot(unitRight);
        Vec3 perpendicular = Math.abs(along) <= EXACT ? down : down.minus(unitRight.times(along));
        double length = perpendicular.length();
        if (!(length > EXACT) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("an ROI's down axis must not be parallel to its right axis: " + down);
        }
        return Math.abs(length - 1) <= EXACT ? perpendicular : perpendicular.times(1 / length);
    }

    /** {@code p} moved along the normal onto the plane through {@code through}. */
    static Vec3 ontoPlane(Vec3 p, Vec3 through, Vec3 unitNormal) {
        double off = p.minus(through).dot(unitNormal);
        return off == 0 ? p : p.minus(unitNormal.times(off));
    }
}
