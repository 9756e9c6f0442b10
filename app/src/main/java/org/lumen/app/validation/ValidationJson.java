// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.FrocPoint;
import org.lumen.aiassist.evaluation.FrocResult;
import org.lumen.aiassist.evaluation.Interval;
import org.lumen.aiassist.evaluation.SizeBucket;

/** Every figure of a validation as JSON with camelCase keys (what {@code --json} prints and {@code figures.json} holds). */
public final class ValidationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidationJson() { }

    public static ObjectNode of(ValidationResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.modelId());
        root.put("modelVersion", r.modelVersion());
        root.put("modelSha256", r.modelSha256());
        root.put("dataset", r.dataset());
        root.put("validatedAt", r.at().toString());
        root.put("cases", r.cases().size());
        r.leftOut().forEach(root.putArray("leftOut")::add);
        ObjectNode detection = root.putObject("detection");
        detection(detection, r.froc());
        detection.put("falsePositives", r.operatingPoint().falsePositives());
        ObjectNode operating = detection.putObject("operatingPoint");
        operating.put("falsePositivesPerScanChosen", r.operatingRate());
        threshold(operating, r.operatingPoint());
        threshold(detection.putObject("atCardThreshold"), r.atCardThreshold());
        ArrayNode sizes = detection.putArray("sensitivityBySize");
        for (SizeBucket b : r.bySize()) {
            ObjectNode n = sizes.addObject();
            n.put("size", b.label());
            n.put("lesions", b.lesions());
            n.put("found", b.found());
            number(n, "sensitivity", b.sensitivity());
        }
        ArrayNode curve = detection.putArray("froc");
        for (FrocPoint p : r.froc().curve()) {
            ObjectNode n = curve.addObject();
            number(n, "threshold", p.threshold());
            n.put("falsePositivesPerScan", p.falsePositivesPerScan());
            number(n, "sensitivity", p.sensitivity());
        }
        ObjectNode subgroups = root.putObject("subgroups");
        r.subgroups().forEach((facet, groups) -> {
            ObjectNode f = subgroups.putObject(facet);
            for (Map.Entry<String, ValidationResult.Subgroup> g : groups.entrySet()) {
                ObjectNode n = f.putObject(g.getKey());
                n.put("cases", g.getValue().cases());
                n.put("lesions", g.getValue().froc().lesions());
                interval(n, "cpm", g.getValue().froc().cpm());
                interval(n, "sensitivity", g.getValue().operatingPoint().sensitivity());
                interval(n, "falsePositivesPerScan", g.getValue().operatingPoint().falsePositivesPerScan());
            }
        });
        ArrayNode claims = root.putArray("claims");
        for (ClaimCheck c : r.claims()) {
            ObjectNode n = claims.addObject();
            n.put("metric", c.metric());
            n.put("claimed", c.claimed());
            n.put("claimDataset", c.dataset());
            if (c.measured() != null) {
                interval(n, "measured", c.measured());
            }
            n.put("verdict", c.verdict());
        }
        ArrayNode cases = root.putArray("perCase");
        for (CaseRow row : CaseRow.of(r)) {
            ObjectNode n = cases.addObject();
            n.put("case", row.name());
            n.put("seriesUid", row.seriesUid());
            n.put("lesions", row.lesions());
            n.put("found", row.found());
            n.put("falsePositives", row.falsePositives());
            n.put("fromCache", row.fromCache());
        }
        return root;
    }

    private static void detection(ObjectNode detection, FrocResult froc) {
        detection.put("lesions", froc.lesions());
        detection.put("lesionsFound", froc.lesionsFound());
        number(detection, "cpm", froc.cpm().value());
        bounds(detection, "cpmInterval", froc.cpm());
        ObjectNode at = detection.putObject("sensitivityAtFpPerScan");
        ObjectNode bounds = detection.putObject("sensitivityAtFpPerScanInterval");
        for (int i = 0; i < froc.rates().length; i++) {
            String key = rate(froc.rates()[i]);
            number(at, key, froc.sensitivities()[i].value());
            bounds(bounds, key, froc.sensitivities()[i]);
        }
    }

    private static void threshold(ObjectNode n, DetectionAtThreshold d) {
        number(n, "threshold", d.threshold());
        n.put("lesions", d.lesions());
        n.put("found", d.found());
        n.put("falsePositives", d.falsePositives());
        interval(n, "sensitivity", d.sensitivity());
        interval(n, "falsePositivesPerScan", d.falsePositivesPerScan());
    }

    /** "0.125", "0.25", "0.5", "1", "2", "4", "8". */
    static String rate(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%s", r);
    }

    private static void interval(ObjectNode n, String key, Interval i) {
        ObjectNode o = n.putObject(key);
        number(o, "value", i.value());
        number(o, "low", i.low());
        number(o, "high", i.high());
    }

    private static void bounds(ObjectNode n, String key, Interval i) {
        ArrayNode a = n.putArray(key);
        if (i.hasBounds()) {
            a.add(i.low());
            a.add(i.high());
        }
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
