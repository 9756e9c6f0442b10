// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the best of overlapping findings of one class: greedily by score, a finding is dropped when
 * its box overlaps an already kept one by more than the IoU limit or its centre lies in that box.
 * Boxes are the findings' axis-aligned extents in patient space.
 */
public final class NonMaximumSuppression {

    private NonMaximumSuppression() { }

    /** The kept findings, best first and ranked from 1, at most {@code max}. */
    public static List<Finding> apply(List<Finding> findings, double iouLimit, int max) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingDouble(Finding::score).reversed());
        List<Finding> kept = new ArrayList<>();
        for (Finding f : sorted) {
            boolean suppressed = false;
            for (Finding k : kept) {
                if (k.classIndex() == f.classIndex() && (iou(k, f) > iouLimit || inside(f, k) || inside(k, f))) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(f);
            }
        }
        List<Finding> ranked = new ArrayList<>();
        for (int i = 0; i < kept.size() && ranked.size() < max; i++) {
            ranked.add(kept.get(i).withRank(ranked.size() + 1));
        }
        return ranked;
    }

    static double iou(Finding a, Finding b) {
        double[] ca = a.centerMm().toArray();
        double[] cb = b.centerMm().toArray();
        double[] ea = a.extentMm();
        double[] eb = b.extentMm();
        double inter = 1;
        double va = 1;
        double vb = 1;
        for (int d = 0; d < 3; d++) {
            double lo = Math.max(ca[d] - ea[d] / 2, cb[d] - eb[d] / 2);
            double hi = Math.min(ca[d] + ea[d] / 2, cb[d] + eb[d] / 2);
            inter *= Math.max(0, hi - lo);
            va *= ea[d];
            vb *= eb[d];
        }
        double union = va + vb - inter;
        return union > 0 ? inter / union : 0;
    }

    /** Whether {@code a}'s centre lies in {@code b}'s box. */
    private static boolean inside(Finding a, Finding b) {
        double[] ca = a.centerMm().toArray();
        double[] cb = b.centerMm().toArray();
        double[] eb = b.extentMm();
        for (int d = 0; d < 3; d++) {
            if (Math.abs(ca[d] - cb[d]) > eb[d] / 2) {
                return false;
            }
        }
        return true;
    }
}
