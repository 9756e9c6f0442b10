// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lumen.aiassist.pipeline.StageTimings;

/**
 * One model's result over several images of a study (the four mammography views, both eyes), by
 * the rule its card declares, with each image's own result and contribution kept.
 *
 * @param rule          the card's study rule ("max", "mean", "perLaterality")
 * @param label         the study's class or grade ("severe", "calcification", …)
 * @param score         its score (for a grade from findings: the highest finding score behind it, or 0)
 * @param bySide        per laterality ("L", "R", "U" for unknown) the side's label and score; empty unless perLaterality
 * @param contributions what each image gave, in input order
 * @param images        every image's full result, in input order
 * @param skipped       images outside the model's intended use that were not run, each with its sentence
 * @param loadNanos     loading the model into ONNX Runtime, once for all images
 */
public record StudyResult(String modelId, String rule, String label, double score, Map<String, Contribution> bySide,
                          List<Contribution> contributions, List<ImageResult> images, List<String> skipped, long loadNanos) {

    /** What one image (or one side) contributed: its label and score. */
    public record Contribution(String imageUid, int frame, String laterality, String view, String label, double score) { }

    public StudyResult {
        Objects.requireNonNull(label, "label");
        bySide = Map.copyOf(bySide);
        contributions = List.copyOf(contributions);
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    /** All images' timings added up, with the model's loading once. */
    public StageTimings timings() {
        long pre = 0;
        long inf = 0;
        long post = 0;
        for (ImageResult r : images) {
            pre += r.timings().preprocessNanos();
            inf += r.timings().inferenceNanos();
            post += r.timings().postprocessNanos();
        }
        return new StageTimings(loadNanos, pre, inf, post, 0);
    }
}
