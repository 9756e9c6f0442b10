// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.Froc;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.aiassist.evaluation.ScanDetections;
import org.lumen.viewer.geometry.Vec3;

/**
 * Joins a 2D phantom's {@code ground-truth.json} and {@code lumen infer}'s {@code findings.json} for the shared scorer
 * ({@code org.lumen.aiassist.evaluation}): one scan per image, lesions and findings as points on the image plane in
 * pixels (z = 0), a lesion's "diameter" twice its radius, so the LUNA16 rule counts a finding within the radius as a hit.
 */
final class PhantomScore {

    private PhantomScore() { }

    /**
     * @param kinds the lesion kinds the model is meant to find; the others are not lesions to it (a finding on one of
     *              them counts as a false positive, as it would in a reading)
     */
    static List<ScanDetections> scans(JsonNode truth, JsonNode findings, Set<String> kinds) {
        List<ScanDetections> scans = new ArrayList<>();
        for (JsonNode image : truth.get("images")) {
            String uid = image.get("sopInstanceUid").asText();
            List<Lesion> lesions = new ArrayList<>();
            for (JsonNode l : truth.get("lesions")) {
                if (l.get("sopInstanceUid").asText().equals(uid) && kinds.contains(l.get("kind").asText())) {
                    lesions.add(new Lesion(point(l.get("centerPx")), 2 * l.get("radiusPx").asDouble()));
                }
            }
            List<Candidate> candidates = new ArrayList<>();
            for (JsonNode f : findings.get("findings")) {
                if (f.get("imageUid").asText().equals(uid)) {
                    candidates.add(new Candidate(point(f.get("centerPx")), f.get("score").asDouble()));
                }
            }
            scans.add(new ScanDetections(image.get("file").asText(), lesions, candidates));
        }
        return scans;
    }

    static DetectionAtThreshold at(List<ScanDetections> scans, double threshold) {
        return Froc.atThreshold(scans, threshold, new Bootstrap(200, 16));
    }

    private static Vec3 point(JsonNode centre) {
        return new Vec3(centre.get(0).asDouble(), centre.get(1).asDouble(), 0);
    }
}
