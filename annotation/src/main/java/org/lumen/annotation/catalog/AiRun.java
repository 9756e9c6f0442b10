// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded AI run with its provenance, parameters, per-stage timings (ms, in order), findings by
 * rank, and whether its series was within the model's intended use.
 */
public record AiRun(long id, String seriesUid, String modelId, String modelVersion, String modelSha256, String device,
                    String parametersJson, Map<String, Double> timingsMs, Instant ranAt, List<Finding> findings,
                    IntendedUseRecord intendedUse) {

    public AiRun {
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
        findings = List.copyOf(findings);
        intendedUse = intendedUse == null ? IntendedUseRecord.NOT_CHECKED : intendedUse;
    }
}
