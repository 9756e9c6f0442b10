// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.Froc;
import org.lumen.aiassist.evaluation.FrocResult;
import org.lumen.aiassist.evaluation.ScanDetections;
import org.lumen.aiassist.evaluation.SizeBucket;
import org.lumen.aiassist.model.ModelCard;

/**
 * Every figure of a detection validation: the FROC over all cases, the operating point the site chose (a false
 * positive rate per scan and the threshold that gives it), the card's own threshold, sensitivity by lesion size,
 * the same figures per subgroup of the headers, each case at the operating point, and the card's claims; and, where the
 * truth classifies series and the model gives class scores, the classification figures at the card's threshold (else
 * null).
 */
public record ValidationResult(String modelId, String modelVersion, String modelSha256, String dataset, Instant at,
                               List<ValidationCase> cases, List<String> leftOut, FrocResult froc, double operatingRate,
                               DetectionAtThreshold operatingPoint, DetectionAtThreshold atCardThreshold, List<SizeBucket> bySize,
                               Map<String, Map<String, Subgroup>> subgroups, List<ClaimCheck> claims,
                               ClassificationSummary classification) {

    /** The segmentation figures where the truth is a mask and the model gives heatmaps; null otherwise. */
    public SegmentationSummary segmentation() {
        return SegmentationSummary.of(cases);
    }

    /** Lesion diameter buckets (mm), as lung screening reports size nodules. */
    static final double[] SIZE_EDGES_MM = {0, 6, 10, 20, 30};

    /** One subgroup: its cases and its figures. */
    public record Subgroup(int cases, FrocResult froc, DetectionAtThreshold operatingPoint) { }

    public static ValidationResult of(ModelCard card, String modelVersion, String sha256, String dataset, DetectionValidation.Cases cases,
                                      double operatingRate, Bootstrap bootstrap, Instant at) {
        List<ScanDetections> scans = cases.scored().stream().map(ValidationCase::detections).toList();
        FrocResult froc = Froc.evaluate(scans, bootstrap);
        double threshold = froc.thresholdAt(operatingRate);
        DetectionAtThreshold operating = Froc.atThreshold(scans, threshold, bootstrap);
        DetectionAtThreshold atCard = Froc.atThreshold(scans, card.defaultThreshold(), bootstrap);
        Map<String, Map<String, Subgroup>> subgroups = new LinkedHashMap<>();
        for (String facet : List.of("scanner", "sliceThickness", "kvp", "sex", "ageBand")) {
            Map<String, List<ValidationCase>> byValue = new TreeMap<>();
            for (ValidationCase c : cases.scored()) {
                byValue.computeIfAbsent(c.facts().byName().get(facet), v -> new ArrayList<>()).add(c);
            }
            Map<String, Subgroup> groups = new LinkedHashMap<>();
            byValue.forEach((value, members) -> {
                List<ScanDetections> s = members.stream().map(ValidationCase::detections).toList();
                groups.put(value, new Subgroup(members.size(), Froc.evaluate(s, bootstrap), Froc.atThreshold(s, threshold, bootstrap)));
            });
            subgroups.put(facet, groups);
        }
        return new ValidationResult(card.id(), modelVersion, sha256, dataset, at, cases.scored(), cases.leftOut(), froc, operatingRate,
                operating, atCard, Froc.sensitivityBySize(scans, threshold, SIZE_EDGES_MM), subgroups,
                ClaimCheck.of(card.validation(), atCard), ClassificationSummary.of(cases.scored(), card.defaultThreshold(), bootstrap));
    }
}
