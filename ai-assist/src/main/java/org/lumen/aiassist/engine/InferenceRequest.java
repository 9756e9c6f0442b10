// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.util.Objects;
import org.lumen.aiassist.findings.FindingOptions;
import org.lumen.aiassist.model.SeriesFacts;
import org.lumen.aiassist.runtime.DeviceRequest;

/**
 * What to run and how: device, whether to explain a classification model (occlusion maps), whether
 * a cached result may answer, and how heatmaps become findings; and the series' facts to check
 * against the model's intended use (null: not checked), and whether to run even when it falls outside.
 */
public record InferenceRequest(DeviceRequest device, boolean explain, boolean useCache, FindingOptions findings, SeriesFacts facts,
                               boolean runOutsideIntendedUse) {

    public InferenceRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(findings, "findings");
    }

    /** auto device, explanations on, cache on, default finding options. */
    public static InferenceRequest defaults() {
        return new InferenceRequest(DeviceRequest.AUTO, true, true, FindingOptions.DEFAULT, null, false);
    }

    public InferenceRequest withDevice(DeviceRequest d) {
        return new InferenceRequest(d, explain, useCache, findings, facts, runOutsideIntendedUse);
    }

    public InferenceRequest withCache(boolean use) {
        return new InferenceRequest(device, explain, use, findings, facts, runOutsideIntendedUse);
    }

    /** Checks the model's intended use against these facts before the run. */
    public InferenceRequest withFacts(SeriesFacts f) {
        return new InferenceRequest(device, explain, useCache, findings, f, runOutsideIntendedUse);
    }

    /** Runs even when the series falls outside the model's intended use; every result is then marked. */
    public InferenceRequest withRunOutsideIntendedUse(boolean insist) {
        return new InferenceRequest(device, explain, useCache, findings, facts, insist);
    }
}
