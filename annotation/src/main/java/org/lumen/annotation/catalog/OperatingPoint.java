// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;

/**
 * The score threshold a site chose for a model, and where it came from: the false-positive rate per scan and the
 * sensitivity a local validation measured there, on which dataset (null when set by hand).
 */
public record OperatingPoint(long id, String modelId, String modelVersion, String modelSha256, double threshold, Double fpPerScan,
                             Double sensitivity, String dataset, Instant chosenAt, String chosenBy) {

    /** What is chosen; the catalog adds the id, the time and who. */
    public record Choice(String modelId, String modelVersion, String modelSha256, double threshold, Double fpPerScan, Double sensitivity,
                         String dataset) {
        public Choice {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("an operating point is a finite score threshold, not " + threshold);
            }
        }
    }
}
