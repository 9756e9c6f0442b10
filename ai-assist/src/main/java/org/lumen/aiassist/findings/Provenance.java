// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a finding or heatmap came from: which model (id, version, sha256) on which series and
 * device, and when. Plain data, so the catalog can store it beside a human's decision.
 *
 * @param device the execution provider actually used: "cpu" or "cuda:N"
 */
public record Provenance(String modelId, String modelName, String modelVersion, String modelSha256, String seriesUid,
                         String device, Instant createdAt) {

    public Provenance {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
