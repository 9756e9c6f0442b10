// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/** A finding as the AI pipeline reports it: rank (1 = most likely), score, label, centre and extent in patient mm. */
public record NewFinding(int rank, double score, String label, Vec3 centre, Vec3 extent, Double volumeMm3) {

    public NewFinding {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(extent, "extent");
        if (rank < 1) {
            throw new IllegalArgumentException("a finding's rank counts from 1, not " + rank);
        }
    }
}
