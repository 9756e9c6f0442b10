// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.List;
import org.lumen.viewer.geometry.Vec3;

/**
 * A region of interest with an area: a shape inscribed in the box spanned by two opposite corners
 * along the drawing plane's unit axes {@link #right()} and {@link #down()} (orthonormal). Keeping
 * the axes makes the shape independent of the viewport that drew it, rotated or reformatted.
 */
public sealed interface ShapeRoi extends Measurement permits EllipseRoi, RectangleRoi {

    /** Slack in mm for a point exactly on the outline, so boundary pixels do not flip on rounding. */
    double BOUNDARY_MM = 1e-9;

    Vec3 corner1();

    Vec3 corner2();

    /** Unit in-plane axis along the box's width. */
    Vec3 right();

    /** Unit in-plane axis along the box's height, perpendicular to {@link #right()}. */
    Vec3 down();

    /** The geometric area in mm² (not a pixel count). */
    double areaMm2();

    /**
     * Whether the in-plane offset from {@link #center()} ({@code alongRightMm}, {@code alongDownMm})
     * is inside the shape, outline included.
     */
    boolean containsOffset(double alongRightMm, double alongDownMm);

    default double widthMm() {
        return Math.abs(corner2().minus(corner1()).dot(right()));
    }

    default double heightMm() {
        return Math.abs(corner2().minus(corner1()).dot(down()));
    }

    default Vec3 center() {
        return corner1().plus(corner2()).times(0.5);
    }

    /** Unit normal of the ROI's plane (right × down). */
    default Vec3 normal() {
        return right().cross(down());
    }

    /**
     * Whether a point of the ROI's plane is inside the shape, outline included. Only the in-plane
     * offsets from the centre count: a point off the plane is judged by its projection onto it.
     */
    default boolean contains(Vec3 p) {
        Vec3 d = p.minus(center());
        return containsOffset(d.dot(right()), d.dot(down()));
    }

    /** The four corners of the bounding box in the ROI's plane: top-left, top-right, bottom-right, bottom-left. */
    default List<Vec3> corners() {
        Vec3 c = center();
        Vec3 r = right().times(widthMm() / 2);
        Vec3 d = down().times(heightMm() / 2);
        return List.of(c.minus(r).minus(d), c.plus(r).minus(d), c.plus(r).plus(d), c.minus(r).plus(d));
    }

    /** The two defining corners, handle 0 and handle 1. */
    @Override
    default List<Vec3> points() {
        return List.of(corner1(), corner2());
    }
}
