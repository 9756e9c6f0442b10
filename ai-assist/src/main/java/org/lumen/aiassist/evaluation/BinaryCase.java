// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/** One case for a binary classifier: the model's score (probability of the positive class) and the truth. */
public record BinaryCase(double score, boolean positive) {
    public BinaryCase {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("a score is a finite number, not " + score);
        }
    }
}
