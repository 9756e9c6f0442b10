// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.annotation.catalog.IntendedUseRecord;
import org.lumen.annotation.catalog.NewAiRun;
import org.lumen.annotation.catalog.NewFinding;
import org.lumen.viewer.geometry.Vec3;

/**
 * Joins ai-assist and annotation through plain data: an inference result becomes the catalog's AI
 * run with its findings, provenance and intended-use verdict, and a reader's decision becomes the catalog's kind.
 */
public final class AiRunRecords {

    private AiRunRecords() { }

    public static NewAiRun of(InferenceResult result) {
        var p = result.provenance();
        var t = result.timings();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("preprocess", t.preprocessNanos() / 1e6);
        timings.put("inference", t.inferenceNanos() / 1e6);
        timings.put("postprocess", t.postprocessNanos() / 1e6);
        String parameters = String.format(Locale.ROOT, "{\"modelGrid\": \"%s\", \"tiles\": %d, \"batches\": %d, \"fromCache\": %b}",
                result.modelGrid().replace("\"", "'"), result.tiles(), result.batches(), result.fromCache());
        List<NewFinding> findings = result.findings().stream().map(AiRunRecords::finding).toList();
        return new NewAiRun(p.seriesUid(), p.modelId(), p.modelVersion(), p.modelSha256(), result.device().id(), parameters, timings,
                p.createdAt(), findings, intendedUse(result.intendedUse()));
    }

    /** The intended-use verdict as the catalog keeps it; null (not checked) when the series was not checked. */
    static IntendedUseRecord intendedUse(IntendedUseAssessment a) {
        if (a == null) {
            return IntendedUseRecord.NOT_CHECKED;
        }
        IntendedUseRecord.Verdict verdict = switch (a.verdict()) {
            case WITHIN -> IntendedUseRecord.Verdict.WITHIN;
            case OUTSIDE -> IntendedUseRecord.Verdict.OUTSIDE;
            case UNDECLARED -> IntendedUseRecord.Verdict.UNDECLARED;
        };
        return new IntendedUseRecord(verdict, a.reasons(), a.notes());
    }

    public static DecisionKind kind(FindingDecision d) {
        return switch (d) {
            case ACCEPT -> DecisionKind.ACCEPT;
            case REJECT -> DecisionKind.REJECT;
            case UNCERTAIN -> DecisionKind.UNCERTAIN;
        };
    }

    private static NewFinding finding(Finding f) {
        double[] e = f.extentMm();
        return new NewFinding(f.rank(), f.score(), f.label(), f.centerMm(), new Vec3(e[0], e[1], e[2]), f.volumeMm3());
    }
}
