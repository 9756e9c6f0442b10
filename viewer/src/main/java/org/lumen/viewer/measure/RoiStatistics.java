// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Mean, sd, min and max of the plane image under an ROI. Only the ROI's pixel bounding box is
 * visited, and plane pixels map to patient space by one affine step per pixel (no allocation), so
 * the cost follows the ROI's size, not the image's.
 */
public final class RoiStatistics {

    private RoiStatistics() {
    }

    /**
     * The statistics of {@code image} (the image of plane {@code n} of {@code plane}, as
     * {@code PlaneSampler.sample} gives it) over the pixels whose centres lie inside {@code roi}.
     * Pixel centres are judged by their in-plane offsets along the ROI's axes, so an ROI drawn within
     * half a plane spacing of plane n measures that plane. NaN values (no data) are left out.
     */
    public static RoiStats compute(ShapeRoi roi, ViewPlane plane, int n, VoxelSlice image) {
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(image, "image");
        if (image.columns() != plane.width() || image.rows() != plane.height()) {
            throw new IllegalArgumentException("the image is " + image.columns() + "x" + image.rows()
                    + " but the plane is " + plane.width() + "x" + plane.height());
        }
        double area = roi.areaMm2();
        int[] box = pixelBox(roi, plane);
        if (box == null) {
            return RoiStats.empty(area);
        }
        Vec3 c = roi.center();
        Vec3 r = roi.right();
        Vec3 d = roi.down();
        Vec3 p0 = plane.toPatient(0, 0, n);
        Vec3 dx = plane.toPatient(1, 0, n).minus(p0);
        Vec3 dy = plane.toPatient(0, 1, n).minus(p0);
        double u0 = p0.minus(c).dot(r);
        double ux = dx.dot(r);
        double uy = dy.dot(r);
        double v0 = p0.minus(c).dot(d);
        double vx = dx.dot(d);
        double vy = dy.dot(d);
        RunningStats stats = new RunningStats();
        for (int y = box[2]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[1]; x++) {
                if (roi.containsOffset(u0 + x * ux + y * uy, v0 + x * vx + y * vy)) {
                    double value = image.value(x, y);
                    if (!Double.isNaN(value)) {
                        stats.add(value);
                    }
                }
            }
        }
        if (stats.count() == 0) {
            return RoiStats.empty(area);
        }
        return new RoiStats((int) stats.count(), stats.mean(), stats.sampleSd(), stats.min(), stats.max(), area);
    }

    /**
     * {xFrom, xTo, yFrom, yTo} (inclusive) of the ROI's corners projected into the plane, one pixel
     * wider on each side against rounding, clamped to the image; null when it misses the image.
     */
    private static int[] pixelBox(ShapeRoi roi, ViewPlane plane) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Vec3 corner : roi.corners()) {
            double[] q = plane.toPlane(corner);
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        if (!(maxX >= -1 && maxY >= -1 && minX <= plane.width() && minY <= plane.height())) {
            return null;
        }
        int x0 = (int) Math.max(0, Math.floor(minX) - 1);
        int x1 = (int) Math.min(plane.width() - 1, Math.ceil(maxX) + 1);
        int y0 = (int) Math.max(0, Math.floor(minY) - 1);
        int y1 = (int) Math.min(plane.height() - 1, Math.ceil(maxY) + 1);
        return x0 > x1 || y0 > y1 ? null : new int[] {x0, x1, y0, y1};
    }
}
