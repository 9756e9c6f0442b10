// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.util.Objects;
import org.lumen.aiassist.findings.FindingOptions;
import org.lumen.aiassist.runtime.DeviceRequest;

/**
 * What to run and how: device, whether to explain a classification model (occlusion maps), whether
 * a cached result may answer, and how heatmaps become findings.
 */
public record InferenceRequest(DeviceRequest device, boolean explain, boolean useCache, FindingOptions findings) {

    public InferenceRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(findings, "findings");
    }

    /** auto device, explanations on, cache on, default finding options. */
    public static InferenceRequest defaults() {
        return new InferenceRequest(DeviceRequest.AUTO, true, true, FindingOptions.DEFAULT);
    }

    public InferenceRequest withDevice(DeviceRequest d) {
        return new InferenceRequest(d, explain, useCache, findings);
    }

    public InferenceRequest withCache(boolean use) {
        return new InferenceRequest(device, explain, use, findings);
    }
}
