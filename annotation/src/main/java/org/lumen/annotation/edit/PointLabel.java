// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.List;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/** A landmark: one labelled patient point. */
public record PointLabel(UUID id, String frameOfReferenceUid, String seriesInstanceUid, String labelClass, Vec3 position)
        implements VectorLabel {

    public PointLabel {
        LabelChecks.common(id, seriesInstanceUid, labelClass);
        LabelChecks.point(position, "position");
    }

    /** A new point with a fresh id. */
    public static PointLabel of(String frameOfReferenceUid, String seriesInstanceUid, String labelClass, Vec3 position) {
        return new PointLabel(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, labelClass, position);
    }

    @Override
    public List<Vec3> points() {
        return List.of(position);
    }

    @Override
    public PointLabel moved(int handleIndex, Vec3 to) {
        if (handleIndex != 0) {
            throw LabelChecks.noHandle(handleIndex, 1);
        }
        return new PointLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, to);
    }

    @Override
    public PointLabel withClass(String labelClass) {
        return new PointLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, position);
    }
}
