// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

/**
 * The pixel statistics of an ROI on one plane image, in the image's modality unit (HU for CT).
 * {@code pixels} counts the pixels whose centres lie inside the shape. With no pixel inside (an ROI
 * smaller than a pixel, or off the image) mean, sd, min and max are NaN: "nothing to measure", not
 * zero. {@code sd} is the sample standard deviation and is NaN for a single pixel. {@code areaMm2}
 * is the shape's geometric area, independent of the pixel grid.
 */
public record RoiStats(int pixels, double mean, double sd, double min, double max, double areaMm2) {

    /** Statistics of an ROI that covers no pixel centre. */
    public static RoiStats empty(double areaMm2) {
        return new RoiStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, areaMm2);
    }

    /** True when no pixel centre was inside, so the values are NaN. */
    public boolean isEmpty() {
        return pixels == 0;
    }
}
