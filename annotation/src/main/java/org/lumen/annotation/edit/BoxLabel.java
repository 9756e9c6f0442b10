// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.RectangleRoi;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * A labelled box in patient space: a centre, two in-plane unit axes (the third is their cross
 * product) and its size along each. A box drawn on a plane is flat (depth 0); a box from a 3D
 * detection has depth. Handles are two opposite corners. The axes are made orthonormal on
 * construction; axes that already are stay bit for bit, so a record read back equals the one written.
 */
public record BoxLabel(UUID id, String frameOfReferenceUid, String seriesInstanceUid, String labelClass,
                       Vec3 center, Vec3 right, Vec3 down, double widthMm, double heightMm, double depthMm)
        implements VectorLabel {

    private static final double EXACT = 1e-12;
    private static final double SLACK_MM = 1e-6;

    public BoxLabel {
        LabelChecks.common(id, seriesInstanceUid, labelClass);
        LabelChecks.point(center, "center");
        right = unit(Objects.requireNonNull(right, "right"));
        down = perpendicularUnit(right, Objects.requireNonNull(down, "down"));
        for (double size : new double[] {widthMm, heightMm, depthMm}) {
            if (!(size >= 0) || Double.isInfinite(size)) {
                throw new IllegalArgumentException("box sizes must be 0 mm or more, not " + widthMm + " x " + heightMm + " x " + depthMm);
            }
        }
    }

    /** A flat box drawn on {@code plane} between two opposite corners (the second is put onto the first's plane); fresh id. */
    public static BoxLabel onPlane(String frameOfReferenceUid, String seriesInstanceUid, String labelClass, ViewPlane plane,
                                   Vec3 corner1, Vec3 corner2) {
        Vec3 right = plane.right();
        Vec3 down = perpendicularUnit(right, plane.down());
        Vec3 d = corner2.minus(corner1);
        double along = d.dot(right);
        double across = d.dot(down);
        Vec3 centre = corner1.plus(right.times(along / 2)).plus(down.times(across / 2));
        return new BoxLabel(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, labelClass, centre, right, down,
                Math.abs(along), Math.abs(across), 0);
    }

    /** A box along the patient axes (x: right to left, y: anterior to posterior, z: foot to head) around a centre; fresh id. */
    public static BoxLabel around(String frameOfReferenceUid, String seriesInstanceUid, String labelClass, Vec3 centre, Vec3 sizeMm) {
        return new BoxLabel(UUID.randomUUID(), frameOfReferenceUid, seriesInstanceUid, labelClass, centre,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), sizeMm.x(), sizeMm.y(), sizeMm.z());
    }

    /** Unit normal: right × down. */
    public Vec3 normal() {
        return right.cross(down);
    }

    public boolean isFlat() {
        return depthMm == 0;
    }

    public double volumeMm3() {
        return widthMm * heightMm * depthMm;
    }

    /** Whether a patient point lies in the box (on it, for a flat box). */
    public boolean contains(Vec3 p) {
        Vec3 d = p.minus(center);
        return Math.abs(d.dot(right)) <= widthMm / 2 + SLACK_MM && Math.abs(d.dot(down)) <= heightMm / 2 + SLACK_MM
                && Math.abs(d.dot(normal())) <= depthMm / 2 + SLACK_MM;
    }

    /** The eight corners (four pairs that coincide for a flat box). */
    public List<Vec3> corners() {
        List<Vec3> corners = new ArrayList<>(8);
        for (int c = 0; c < 8; c++) {
            corners.add(corner((c & 1) == 0 ? -1 : 1, (c & 2) == 0 ? -1 : 1, (c & 4) == 0 ? -1 : 1));
        }
        return corners;
    }

    /** Handles: the corner at minus half of every size, and the opposite one. */
    @Override
    public List<Vec3> points() {
        return List.of(corner(-1, -1, -1), corner(1, 1, 1));
    }

    /** Moves one corner, keeping the opposite one and the axes; a flat box stays flat, on its plane. */
    @Override
    public BoxLabel moved(int handleIndex, Vec3 to) {
        LabelChecks.point(to, "to");
        if (handleIndex != 0 && handleIndex != 1) {
            throw LabelChecks.noHandle(handleIndex, 2);
        }
        Vec3 fixed = points().get(1 - handleIndex);
        Vec3 n = normal();
        Vec3 target = isFlat() ? to.minus(n.times(to.minus(fixed).dot(n))) : to;
        Vec3 d = target.minus(fixed);
        return new BoxLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, fixed.plus(d.times(0.5)), right, down,
                Math.abs(d.dot(right)), Math.abs(d.dot(down)), Math.abs(d.dot(n)));
    }

    @Override
    public BoxLabel withClass(String labelClass) {
        return new BoxLabel(id, frameOfReferenceUid, seriesInstanceUid, labelClass, center, right, down, widthMm, heightMm, depthMm);
    }

    /** The box's middle section as the viewer's rectangle ROI (same id), for drawing with the measurement graphics. */
    public RectangleRoi toRectangleRoi() {
        return new RectangleRoi(id, frameOfReferenceUid, seriesInstanceUid, corner(-1, -1, 0), corner(1, 1, 0), right, down);
    }

    private Vec3 corner(int sr, int sd, int sn) {
        return center.plus(right.times(sr * widthMm / 2)).plus(down.times(sd * heightMm / 2)).plus(normal().times(sn * depthMm / 2));
    }

    private static Vec3 unit(Vec3 v) {
        double length = v.length();
        if (!(length > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("a box axis must be a non-zero direction: " + v);
        }
        return Math.abs(length - 1) <= EXACT ? v : v.times(1 / length);
    }

    private static Vec3 perpendicularUnit(Vec3 unitRight, Vec3 down) {
        double along = down.dot(unitRight);
        Vec3 perpendicular = Math.abs(along) <= EXACT ? down : down.minus(unitRight.times(along));
        if (!(perpendicular.length() > EXACT)) {
            throw new IllegalArgumentException("a box's down axis must not be parallel to its right axis: " + down);
        }
        return unit(perpendicular);
    }
}
