// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * A {@link ViewPlane}'s integer pixel ↔ voxel mapping without allocation, and the patient step (mm)
 * of one pixel along x, along y and of one plane along n — what the tools need to measure in mm on
 * stored slices and reformats alike.
 */
final class PlaneGrid {

    final ViewPlane plane;
    final int width;
    final int height;
    final int count;
    final Vec3 stepX;
    final Vec3 stepY;
    final Vec3 stepN;
    private final int xAxis;
    private final int yAxis;
    private final int nAxis;
    private final boolean flipX;
    private final boolean flipY;

    PlaneGrid(ViewPlane plane) {
        this.plane = plane;
        this.width = plane.width();
        this.height = plane.height();
        this.count = plane.count();
        this.xAxis = plane.xAxis();
        this.yAxis = plane.yAxis();
        this.nAxis = plane.nAxis();
        this.flipX = plane.flipX();
        this.flipY = plane.flipY();
        Vec3 o = plane.toPatient(0, 0, 0);
        this.stepX = plane.toPatient(1, 0, 0).minus(o);
        this.stepY = plane.toPatient(0, 1, 0).minus(o);
        this.stepN = plane.toPatient(0, 0, 1).minus(o);
    }

    /** Writes voxel (i, j, k) of plane pixel (x, y) on plane n into {@code ijk} (the nearest stored slice in an irregular stack's reformat). */
    void voxel(int x, int y, int n, int[] ijk) {
        if (plane.resamplesSlices()) {
            plane.voxelIndex(x, y, n, ijk);
            return;
        }
        ijk[xAxis] = flipX ? width - 1 - x : x;
        ijk[yAxis] = flipY ? height - 1 - y : y;
        ijk[nAxis] = n;
    }

    boolean containsPixel(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    void requireIndex(int n) {
        if (n < 0 || n >= count) {
            throw new IllegalArgumentException("plane " + n + " is outside 0.." + (count - 1));
        }
    }
}
