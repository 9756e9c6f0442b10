// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.engine;

import java.util.List;
import java.util.Objects;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.ExecutionDevice;

/**
 * Everything one inference produced, as plain data for the viewer, the CLI and (through app) the
 * catalog: heatmaps on the series grid, ranked findings, class scores, the device and why, the
 * stage timings, and whether it came from the cache.
 *
 * @param modelGrid how the model saw the series, e.g. "241x241x200 grid, 1.50x1.50x1.50 mm"
 * @param intendedUse the intended-use check of this run (outside: the reader insisted); null when the series was not checked
 */
public record InferenceResult(Provenance provenance, ExecutionDevice device, List<Heatmap> heatmaps, List<Finding> findings,
                              List<ClassScore> classScores, StageTimings timings, int tiles, int batches, String modelGrid,
                              boolean fromCache, IntendedUseAssessment intendedUse) {

    public InferenceResult {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(device, "device");
        heatmaps = List.copyOf(heatmaps);
        findings = List.copyOf(findings);
        classScores = List.copyOf(classScores);
    }

    public String seriesUid() { return provenance.seriesUid(); }

    public InferenceResult asCached(StageTimings readTimings) {
        return new InferenceResult(provenance, device, heatmaps, findings, classScores, readTimings, tiles, batches, modelGrid, true,
                intendedUse);
    }

    /** True when the series fell outside the model's intended use and the reader ran it anyway: every result is marked. */
    public boolean outsideIntendedUse() {
        return intendedUse != null && intendedUse.outside();
    }

    public InferenceResult withIntendedUse(IntendedUseAssessment assessment) {
        return new InferenceResult(provenance, device, heatmaps, findings, classScores, timings, tiles, batches, modelGrid, fromCache,
                assessment);
    }

    public InferenceResult withTimings(StageTimings t) {
        return new InferenceResult(provenance, device, heatmaps, findings, classScores, t, tiles, batches, modelGrid, fromCache,
                intendedUse);
    }
}
