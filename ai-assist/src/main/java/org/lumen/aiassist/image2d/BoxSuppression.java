// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy non-maximum suppression of 2D boxes of the same class (boxes from overlapping tiles find
 * the same lesion twice): best first, a box is dropped when it overlaps a kept one by more than the
 * IoU limit.
 */
public final class BoxSuppression {

    public static final double DEFAULT_IOU = 0.3;

    private BoxSuppression() { }

    public static List<ImageFinding> apply(List<ImageFinding> boxes, double iouLimit) {
        List<ImageFinding> sorted = new ArrayList<>(boxes);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<ImageFinding> kept = new ArrayList<>();
        for (ImageFinding f : sorted) {
            boolean overlaps = false;
            for (ImageFinding k : kept) {
                if (k.classIndex() == f.classIndex() && iou(k.boxPx(), f.boxPx()) > iouLimit) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(f);
            }
        }
        return kept;
    }

    static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }
}
