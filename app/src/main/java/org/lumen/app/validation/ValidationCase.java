// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.List;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.aiassist.evaluation.ScanDetections;

/** One case of a validation: the series, its ground-truth lesions, the model's candidates on it, and its facts. */
public record ValidationCase(String seriesUid, String name, List<Lesion> lesions, List<Candidate> candidates, CaseFacts facts,
                      boolean fromCache, String note) {

    public ValidationCase {
        lesions = List.copyOf(lesions);
        candidates = List.copyOf(candidates);
    }

    public ScanDetections detections() {
        return new ScanDetections(seriesUid, lesions, candidates);
    }
}
