// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.Set;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.pipeline.ClassScore;

/**
 * One case for a classification model: the model's score for its first class (the positive one; the highest over
 * slices for a slice-wise model), and whether the dataset's series-level classification of the case names that class.
 */
public record ClassificationCase(String label, double score, boolean positive) {

    /** Null when the model gave no class score (it is not a classifier). */
    static ClassificationCase of(InferenceResult result, Set<String> truthClasses) {
        ClassScore best = null;
        for (ClassScore s : result.classScores()) {
            if (s.classIndex() == result.classScores().getFirst().classIndex() && (best == null || s.score() > best.score())) {
                best = s;
            }
        }
        if (best == null || !Double.isFinite(best.score())) {
            return null;
        }
        String label = best.label();
        return new ClassificationCase(label, best.score(), truthClasses.stream().anyMatch(c -> c.equalsIgnoreCase(label)));
    }
}
