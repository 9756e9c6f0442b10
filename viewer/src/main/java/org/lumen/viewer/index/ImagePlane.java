// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import org.lumen.viewer.geometry.Vec3;

/**
 * Where one frame lies in patient space (Image Plane module or a per-frame functional group).
 * Any field may be null when the file does not say it.
 *
 * @param rowSpacing    mm between adjacent rows (first value of PixelSpacing)
 * @param columnSpacing mm between adjacent columns (second value of PixelSpacing)
 */
public record ImagePlane(Vec3 position, Vec3 rowDirection, Vec3 columnDirection,
                         Double rowSpacing, Double columnSpacing, Double sliceThickness) {

    public boolean hasPositionAndOrientation() {
        return position != null && rowDirection != null && columnDirection != null;
    }

    /** The slice normal (row × column). */
    public Vec3 normal() {
        return rowDirection.cross(columnDirection).normalized();
    }

    /** This plane with fields the other one has filled in where this one has none. */
    public ImagePlane orElse(ImagePlane other) {
        if (other == null) {
            return this;
        }
        return new ImagePlane(
                position != null ? position : other.position,
                rowDirection != null ? rowDirection : other.rowDirection,
                columnDirection != null ? columnDirection : other.columnDirection,
                rowSpacing != null ? rowSpacing : other.rowSpacing,
                columnSpacing != null ? columnSpacing : other.columnSpacing,
                sliceThickness != null ? sliceThickness : other.sliceThickness);
    }
}
