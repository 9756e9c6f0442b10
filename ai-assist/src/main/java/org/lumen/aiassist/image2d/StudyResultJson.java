// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.lumen.aiassist.pipeline.ClassScore;

/**
 * A 2D study result as the JSON of {@code findings.json} (camelCase keys): {@code findings[]} over all
 * images (each with its image, {@code score}, {@code centerPx} [column, row], {@code boxPx} [x0, y0, x1, y1],
 * {@code radiusPx}), {@code studyResult} (the rule, the class or grade, its score, each side's and each
 * image's contribution), and per image its class scores, grade, fit, explanation and timings.
 */
public final class StudyResultJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyResultJson() { }

    public static ObjectNode toJson(StudyResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", r.modelId());
        ArrayNode findings = root.putArray("findings");
        for (ImageResult image : r.images()) {
            for (ImageFinding f : image.findings()) {
                finding(findings.addObject(), f);
            }
        }
        ObjectNode study = root.putObject("studyResult");
        study.put("rule", r.rule());
        study.put("label", r.label());
        study.put("score", r.score());
        ObjectNode sides = study.putObject("bySide");
        for (Map.Entry<String, StudyResult.Contribution> e : r.bySide().entrySet()) {
            sides.putObject(e.getKey()).put("label", e.getValue().label()).put("score", e.getValue().score());
        }
        ArrayNode contributions = study.putArray("contributions");
        for (StudyResult.Contribution c : r.contributions()) {
            ObjectNode o = contributions.addObject();
            o.put("imageUid", c.imageUid());
            o.put("frame", c.frame());
            o.put("laterality", c.laterality());
            o.put("view", c.view());
            o.put("label", c.label());
            o.put("score", c.score());
        }
        ArrayNode images = root.putArray("images");
        for (ImageResult image : r.images()) {
            ObjectNode o = images.addObject();
            o.put("imageUid", image.facts().imageUid());
            o.put("frame", image.facts().frame());
            o.put("modality", image.facts().modality());
            o.put("laterality", image.facts().laterality());
            o.put("view", image.facts().viewPosition());
            o.put("columns", image.facts().columns());
            o.put("rows", image.facts().rows());
            o.put("fit", image.transform());
            o.put("device", image.device());
            if (image.grade() != null) {
                o.put("grade", image.grade());
            }
            ArrayNode scores = o.putArray("classScores");
            for (ClassScore s : image.classScores()) {
                scores.addObject().put("label", s.label()).put("score", s.score());
            }
            o.put("findingCount", image.findings().size());
            if (image.explanation() != null) {
                o.putObject("explanation").put("method", image.explanation().method()).put("runs", image.explanation().runs())
                        .put("ms", image.explanation().millis());
            }
            o.put("outsideIntendedUse", image.outsideIntendedUse());
            if (image.outsideIntendedUse()) {
                ArrayNode reasons = o.putArray("reasons");
                image.intendedUse().reasons().forEach(reasons::add);
            }
            o.put("tiles", image.tiles());
            o.put("fromCache", image.fromCache());
            ObjectNode t = o.putObject("timingsMs");
            t.put("preprocess", image.timings().preprocessMs());
            t.put("inference", image.timings().inferenceMs());
            t.put("postprocess", image.timings().postprocessMs());
            t.put("write", image.timings().writeMs());
            t.put("read", image.timings().readMs());
        }
        ArrayNode skipped = root.putArray("skipped");
        r.skipped().forEach(skipped::add);
        root.put("loadMs", r.loadNanos() / 1e6);
        return root;
    }

    static void finding(ObjectNode o, ImageFinding f) {
        o.put("imageUid", f.imageUid());
        o.put("frame", f.frame());
        o.put("rank", f.rank());
        o.put("label", f.label());
        o.put("score", f.score());
        ArrayNode c = o.putArray("centerPx");
        c.add(f.centerPx()[0]).add(f.centerPx()[1]);
        ArrayNode b = o.putArray("boxPx");
        for (double v : f.boxPx()) {
            b.add(v);
        }
        o.put("radiusPx", f.radiusPx());
    }
}
