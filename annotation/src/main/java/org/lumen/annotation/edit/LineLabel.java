// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.List;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;

/** A labelled straight line between two patient points (an axis of a lesion, a catheter tip to carina …). */
public record LineLabel(UUID id, String frameOfReferenceUid, String seriesInstanceUid, String labelClass, Vec3 a, Vec3 b)
        implements VectorLabel {

    public LineLabel {
        LabelChecks.common(id, seriesInstanceUid, labelClass);
        LabelChecks.point(a, "a");
        LabelChecks.point(b, "b");
    }

    /** A new line with a fresh id. */
    public static LineLabel of(String frameOfReferenceUid, String seriesInstanceUid, String labelClass, Vec3 a, Vec3 b) {
        return new LineLabel(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, labelClass, a, b);
    }

    public double lengthMm() {
        return a.distance(b);
    }

    /** The same line as the viewer's length measurement (same id), for drawing it with the measurement graphics. */
    public LengthMeasurement toMeasurement() {
        return new LengthMeasurement(id, frameOfReferenceUid, seriesInstanceUid, a, b);
    }

    @Override
    public List<Vec3> points() {
        return List.of(a, b);
    }

    @Override
    public LineLabel moved(int handleIndex, Vec3 to) {
        return switch (handleIndex) {
            case 0 -> new LineLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, to, b);
            case 1 -> new LineLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, a, to);
            default -> throw LabelChecks.noHandle(handleIndex, 2);
        };
    }

    @Override
    public LineLabel withClass(String labelClass) {
        return new LineLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, a, b);
    }
}
