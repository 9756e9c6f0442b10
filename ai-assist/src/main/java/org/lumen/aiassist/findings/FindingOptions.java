// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

/**
 * How heatmaps become findings.
 *
 * @param minVolumeMm3     smaller components are dropped as specks
 * @param minSeparationMm  two maxima of one component closer than this are one finding
 * @param prominence       a maximum is its own finding only if every path to a higher one dips at least
 *                         this far below it (ImageJ's "prominence"/noise tolerance, in heatmap units)
 * @param nmsOverlap       a finding whose box overlaps a higher-scoring one's by more than this (IoU) is suppressed
 * @param maxFindings      at most this many per class, best first
 */
public record FindingOptions(double minVolumeMm3, double minSeparationMm, double prominence, double nmsOverlap,
                             int maxFindings) {

    public static final FindingOptions DEFAULT = new FindingOptions(1.0, 10.0, 0.2, 0.3, 100);

    public FindingOptions {
        if (minVolumeMm3 < 0 || minSeparationMm < 0 || prominence < 0 || !(nmsOverlap > 0 && nmsOverlap <= 1) || maxFindings < 1) {
            throw new IllegalArgumentException("finding options out of range: " + minVolumeMm3 + ", " + minSeparationMm
                    + ", " + nmsOverlap + ", " + maxFindings);
        }
    }
}
