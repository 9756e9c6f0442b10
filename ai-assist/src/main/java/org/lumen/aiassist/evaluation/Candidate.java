// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.Objects;
import org.lumen.viewer.geometry.Vec3;

/** A detection a model made: where (patient mm) and how sure. */
public record Candidate(Vec3 centre, double score) {
    public Candidate {
        Objects.requireNonNull(centre, "centre");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("a candidate's score is a finite number, not " + score);
        }
    }
}
