// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.List;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/** A straight distance between two patient points; true 3D millimetres whatever plane it was drawn on. */
public record LengthMeasurement(UUID id, String frameOfReferenceUid, String seriesInstanceUid, Vec3 a, Vec3 b)
        implements Measurement {

    public LengthMeasurement {
        Checks.common(id, seriesInstanceUid);
        Checks.point(a, "a");
        Checks.point(b, "b");
    }

    /** A new measurement with a fresh id. */
    public static LengthMeasurement of(String frameOfReferenceUid, String seriesInstanceUid, Vec3 a, Vec3 b) {
        return new LengthMeasurement(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, a, b);
    }

    public double lengthMm() {
        return a.distance(b);
    }

    @Override
    public List<Vec3> points() {
        return List.of(a, b);
    }

    @Override
    public LengthMeasurement moved(int handleIndex, Vec3 to) {
        return switch (handleIndex) {
            case 0 -> new LengthMeasurement(id, frameOfReferenceUid, seriesInstanceUid, to, b);
            case 1 -> new LengthMeasurement(id, frameOfReferenceUid, seriesInstanceUid, a, to);
            default -> throw Checks.noHandle(handleIndex, 2);
        };
    }
}
