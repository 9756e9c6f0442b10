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
        SegmentationSummary seg = r.segmentation();
        if (seg != null) {
            segmentation(root.putObject("segmentation"), seg, r);
        }
        if (r.classification() != null) {
            classification(root.putObject("classification"), r.classification(), r);
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

    private static void classification(ObjectNode n, ClassificationSummary c, ValidationResult r) {
        n.put("label", c.label());
        n.put("positives", c.roc().positives());
        n.put("negatives", c.roc().negatives());
        number(n, "auc", c.roc().auc().value());
        bounds(n, "aucInterval", c.roc().auc());
        var at = c.atThreshold();
        number(n, "threshold", at.threshold());
        interval(n, "sensitivity", at.sensitivity());
        interval(n, "specificity", at.specificity());
        ObjectNode confusion = n.putObject("confusionMatrix");
        confusion.put("truePositives", at.truePositives());
        confusion.put("falsePositives", at.falsePositives());
        confusion.put("trueNegatives", at.trueNegatives());
        confusion.put("falseNegatives", at.falseNegatives());
        number(n, "ece", c.calibration().expectedCalibrationError());
        ArrayNode bins = n.putArray("reliability");
        for (var b : c.calibration().bins()) {
            ObjectNode o = bins.addObject();
            o.put("from", b.from());
            o.put("to", b.to());
            o.put("cases", b.cases());
            number(o, "meanScore", b.meanScore());
            number(o, "observedFraction", b.observedFraction());
        }
        ArrayNode roc = n.putArray("roc");
        for (var p : c.roc().curve()) {
            ObjectNode o = roc.addObject();
            number(o, "threshold", p.threshold());
            o.put("falsePositiveRate", p.falsePositiveRate());
            o.put("truePositiveRate", p.truePositiveRate());
        }
        ArrayNode perCase = n.putArray("perCase");
        for (ValidationCase vc : r.cases()) {
            if (vc.classification() != null) {
                ObjectNode o = perCase.addObject();
                o.put("case", vc.name());
                o.put("seriesUid", vc.seriesUid());
                o.put("score", vc.classification().score());
                o.put("positive", vc.classification().positive());
            }
        }
    }

    private static void segmentation(ObjectNode n, SegmentationSummary seg, ValidationResult r) {
        number(n, "meanDice", seg.meanDice());
        number(n, "hd95Mm", seg.hd95Mm());
        number(n, "volumeErrorMl", seg.volumeErrorMl());
        n.put("emptyCaseRule", SegmentationSummary.EMPTY_CASE_RULE);
        ObjectNode classes = n.putObject("perClass");
        seg.perClass().forEach((k, m) -> {
            ObjectNode c = classes.putObject(Integer.toString(k));
            c.put("cases", m.cases());
            number(c, "meanDice", m.meanDice());
            c.put("diceCases", m.diceCases());
            number(c, "hd95Mm", m.hd95Mm());
            c.put("hd95Cases", m.hd95Cases());
            number(c, "volumeErrorMl", m.volumeErrorMl());
        });
        ArrayNode perCase = n.putArray("perCase");
        for (ValidationCase vc : r.cases()) {
            if (vc.segmentation() == null) {
                continue;
            }
            ObjectNode c = perCase.addObject();
            c.put("case", vc.name());
            c.put("seriesUid", vc.seriesUid());
            ObjectNode byClass = c.putObject("classes");
            vc.segmentation().scores().forEach((k, s) -> {
                ObjectNode o = byClass.putObject(Integer.toString(k));
                number(o, "dice", s.dice());
                number(o, "hd95Mm", s.hd95Mm());
                number(o, "referenceMl", s.referenceMl());
                number(o, "predictedMl", s.predictedMl());
                number(o, "volumeErrorMl", s.volumeErrorMl());
            });
        }
    }

    /**
     * nnU-Net's {@code summary.json} (its evaluator's layout): per case and class the Dice, IoU and voxel counts, the
     * per-class means, and the foreground mean; NaN Dice (both empty) written as NaN as nnU-Net writes it.
     */
    public static ObjectNode nnUnetSummary(ValidationResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        SegmentationSummary seg = r.segmentation();
        if (seg == null) {
            return root;
        }
        ObjectNode mean = root.putObject("mean");
        java.util.Map<Integer, double[]> iou = new java.util.TreeMap<>();
        ArrayNode perCase = root.putArray("metric_per_case");
        for (ValidationCase vc : r.cases()) {
            if (vc.segmentation() == null) {
                continue;
            }
            ObjectNode c = perCase.addObject();
            ObjectNode metrics = c.putObject("metrics");
            vc.segmentation().scores().forEach((k, s) -> {
                ObjectNode m = metrics.putObject(Integer.toString(k));
                m.put("Dice", s.dice());
                m.put("IoU", s.iou());
                m.put("FN", s.falseNegatives());
                m.put("FP", s.falsePositives());
                m.put("TN", s.trueNegatives());
                m.put("TP", s.truePositives());
                m.put("n_pred", s.predictedVoxels());
                m.put("n_ref", s.referenceVoxels());
                if (!Double.isNaN(s.iou())) {
                    double[] sum = iou.computeIfAbsent(k, x -> new double[2]);
                    sum[0] += s.iou();
                    sum[1]++;
                }
            });
            c.put("prediction_file", vc.seriesUid());
            c.put("reference_file", vc.seriesUid());
        }
        double iouSum = 0;
        int iouClasses = 0;
        for (var e : seg.perClass().entrySet()) {
            ObjectNode m = mean.putObject(Integer.toString(e.getKey()));
            m.put("Dice", e.getValue().meanDice());
            double[] sum = iou.get(e.getKey());
            double classIou = sum == null || sum[1] == 0 ? Double.NaN : sum[0] / sum[1];
            m.put("IoU", classIou);
            if (!Double.isNaN(classIou)) {
                iouSum += classIou;
                iouClasses++;
            }
        }
        ObjectNode foreground = root.putObject("foreground_mean");
        foreground.put("Dice", seg.meanDice());
        foreground.put("IoU", iouClasses == 0 ? Double.NaN : iouSum / iouClasses);
        return root;
    }

    /** {@link #nnUnetSummary} as nnU-Net writes it: NaN as a bare {@code NaN}, which Python's json reads. */
    public static byte[] nnUnetSummaryJson(ValidationResult r) throws com.fasterxml.jackson.core.JsonProcessingException {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build().writerWithDefaultPrettyPrinter().writeValueAsBytes(nnUnetSummary(r));
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
