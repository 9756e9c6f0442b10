// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;

/**
 * An ellipse inscribed in the box spanned by two opposite corners along the drawing plane's axes
 * (axes made orthonormal on construction, see {@link ShapeRoi}).
 */
public record EllipseRoi(UUID id, String frameOfReferenceUid, String seriesInstanceUid,
                         Vec3 corner1, Vec3 corner2, Vec3 right, Vec3 down) implements ShapeRoi {

    public EllipseRoi {
        Checks.common(id, seriesInstanceUid);
        Checks.point(corner1, "corner1");
        Checks.point(corner2, "corner2");
        right = RoiAxes.right(right);
        down = RoiAxes.down(right, down);
    }

    /** A new ellipse with a fresh id, drawn on a plane with unit axes {@code right} and {@code down}. */
    public static EllipseRoi of(String frameOfReferenceUid, String seriesInstanceUid,
                                Vec3 corner1, Vec3 corner2, Vec3 right, Vec3 down) {
        return new EllipseRoi(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, corner1, corner2, right, down);
    }

    @Override
    public double areaMm2() {
        return Math.PI * widthMm() * heightMm() / 4;
    }

    /** Inside (outline included) when (2u/w)² + (2v/h)² ≤ 1; a flat ellipse (w or h = 0) contains nothing. */
    @Override
    public boolean containsOffset(double alongRightMm, double alongDownMm) {
        double a = widthMm() / 2;
        double b = heightMm() / 2;
        if (a == 0 || b == 0) {
            return false;
        }
        double u = alongRightMm / (a + BOUNDARY_MM);
        double v = alongDownMm / (b + BOUNDARY_MM);
        return u * u + v * v <= 1;
    }

    /** The moved corner is put onto the ROI's plane (through the other corner), so the ellipse stays flat. */
    @Override
    public EllipseRoi moved(int handleIndex, Vec3 to) {
        Checks.point(to, "to");
        return switch (handleIndex) {
            case 0 -> new EllipseRoi(id, frameOfReferenceUid, seriesInstanceUid,
                    RoiAxes.ontoPlane(to, corner2, normal()), corner2, right, down);
            case 1 -> new EllipseRoi(id, frameOfReferenceUid, seriesInstanceUid,
                    corner1, RoiAxes.ontoPlane(to, corner1, normal()), right, down);
            default -> throw Checks.noHandle(handleIndex, 2);
        };
    }
}
