// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.List;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.aiassist.evaluation.ScanDetections;

/**
 * One case of a validation: the series, its ground-truth lesions, the model's candidates on it, its facts, and (when the
 * truth is a mask and the model gives heatmaps) its segmentation figures, and (when the truth classifies the series and
 * the model gives class scores) its classification, else null.
 */
public record ValidationCase(String seriesUid, String name, List<Lesion> lesions, List<Candidate> candidates, CaseFacts facts,
                      boolean fromCache, String note, SegmentationCase segmentation,
                      ClassificationCase classification) {

    public ValidationCase {
        lesions = List.copyOf(lesions);
        candidates = List.copyOf(candidates);
    }

    /** A case scored for detection only. */
    public ValidationCase(String seriesUid, String name, List<Lesion> lesions, List<Candidate> candidates, CaseFacts facts,
                          boolean fromCache, String note) {
        this(seriesUid, name, lesions, candidates, facts, fromCache, note, null, null);
    }

    public ScanDetections detections() {
        return new ScanDetections(seriesUid, lesions, candidates);
    }
}
