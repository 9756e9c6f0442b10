// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AI run to record, with its provenance (model id, version, sha256 of the model file, device),
 * parameters (JSON object), per-stage timings in ms (pre, infer, post, write …, in order) and findings.
 * {@code ranAt} null means now. {@code intendedUse} says whether the series was within the model's
 * intended use (null: not checked).
 */
public record NewAiRun(String seriesUid, String modelId, String modelVersion, String modelSha256, String device,
                       String parametersJson, Map<String, Double> timingsMs, Instant ranAt, List<NewFinding> findings,
                       IntendedUseRecord intendedUse) {

    /** A run whose series was not checked against the model's intended use. */
    public NewAiRun(String seriesUid, String modelId, String modelVersion, String modelSha256, String device,
                    String parametersJson, Map<String, Double> timingsMs, Instant ranAt, List<NewFinding> findings) {
        this(seriesUid, modelId, modelVersion, modelSha256, device, parametersJson, timingsMs, ranAt, findings, null);
    }

    public NewAiRun {
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(device, "device");
        parametersJson = parametersJson == null || parametersJson.isBlank() ? "{}" : parametersJson;
        if (!Json.read(parametersJson).isObject()) {
            throw new IllegalArgumentException("AI run parameters must be a JSON object, not " + parametersJson);
        }
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
        timingsMs.forEach((stage, ms) -> {
            if (ms == null || !Double.isFinite(ms)) {
                throw new IllegalArgumentException("timing of stage " + stage + " must be a finite number of ms, not " + ms);
            }
        });
        findings = List.copyOf(findings);
        intendedUse = intendedUse == null ? IntendedUseRecord.NOT_CHECKED : intendedUse;
    }
}
