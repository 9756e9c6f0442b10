// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.List;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/** The angle at {@code vertex} between the arms to {@code a} and {@code b}, in patient space. */
public record AngleMeasurement(UUID id, String frameOfReferenceUid, String seriesInstanceUid, Vec3 a, Vec3 vertex, Vec3 b)
        implements Measurement {

    public AngleMeasurement {
        Checks.common(id, seriesInstanceUid);
        Checks.point(a, "a");
        Checks.point(vertex, "vertex");
        Checks.point(b, "b");
    }

    /** A new measurement with a fresh id. */
    public static AngleMeasurement of(String frameOfReferenceUid, String seriesInstanceUid, Vec3 a, Vec3 vertex, Vec3 b) {
        return new AngleMeasurement(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, a, vertex, b);
    }

    /**
     * The angle in degrees, 0..180; NaN while an arm has zero length. atan2 of |cross| and dot keeps
     * it accurate near 0° and 180°, where acos of the dot product loses digits.
     */
    public double degrees() {
        Vec3 u = a.minus(vertex);
        Vec3 v = b.minus(vertex);
        if (u.length() == 0 || v.length() == 0) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.atan2(u.cross(v).length(), u.dot(v)));
    }

    @Override
    public List<Vec3> points() {
        return List.of(a, vertex, b);
    }

    @Override
    public AngleMeasurement moved(int handleIndex, Vec3 to) {
        return switch (handleIndex) {
            case 0 -> new AngleMeasurement(id, frameOfReferenceUid, seriesInstanceUid, to, vertex, b);
            case 1 -> new AngleMeasurement(id, frameOfReferenceUid, seriesInstanceUid, a, to, b);
            case 2 -> new AngleMeasurement(id, frameOfReferenceUid, seriesInstanceUid, a, vertex, to);
            default -> throw Checks.noHandle(handleIndex, 3);
        };
    }
}
