// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/**
 * A rectangle aligned with the drawing plane's axes, spanned by two opposite corners. The axes are
 * made orthonormal on construction (see {@link ShapeRoi}).
 */
public record RectangleRoi(UUID id, String frameOfReferenceUid, String seriesInstanceUid,
                           Vec3 corner1, Vec3 corner2, Vec3 right, Vec3 down) implements ShapeRoi {

    public RectangleRoi {
        Checks.common(id, seriesInstanceUid);
        Checks.point(corner1, "corner1");
        Checks.point(corner2, "corner2");
        right = RoiAxes.right(right);
        down = RoiAxes.down(right, down);
    }

    /** A new rectangle with a fresh id, drawn on a plane with unit axes {@code right} and {@code down}. */
    public static RectangleRoi of(String frameOfReferenceUid, String seriesInstanceUid,
                                  Vec3 corner1, Vec3 corner2, Vec3 right, Vec3 down) {
        return new RectangleRoi(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, corner1, corner2, right, down);
    }

    @Override
    public double areaMm2() {
        return widthMm() * heightMm();
    }

    @Override
    public boolean containsOffset(double alongRightMm, double alongDownMm) {
        return Math.abs(alongRightMm) <= widthMm() / 2 + BOUNDARY_MM
                && Math.abs(alongDownMm) <= heightMm() / 2 + BOUNDARY_MM;
    }

    /** The moved corner is put onto the ROI's plane (through the other corner), so the box stays flat. */
    @Override
    public RectangleRoi moved(int handleIndex, Vec3 to) {
        Checks.point(to, "to");
        return switch (handleIndex) {
            case 0 -> new RectangleRoi(id, frameOfReferenceUid, seriesInstanceUid,
                    RoiAxes.ontoPlane(to, corner2, normal()), corner2, right, down);
            case 1 -> new RectangleRoi(id, frameOfReferenceUid, seriesInstanceUid,
                    corner1, RoiAxes.ontoPlane(to, corner1, normal()), right, down);
            default -> throw Checks.noHandle(handleIndex, 2);
        };
    }
}
