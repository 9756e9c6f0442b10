// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.evaluation.FrocPoint;
import org.lumen.aiassist.evaluation.Interval;
import org.lumen.aiassist.evaluation.SizeBucket;

/**
 * The validation report as one self-contained HTML page (no script, no external file: the FROC curve is inline
 * SVG), to be read in any browser or printed for a committee.
 */
public final class ValidationHtml {

    private static final int W = 560;
    private static final int H = 340;
    private static final int LEFT = 56;
    private static final int BOTTOM = 44;
    private static final int TOP = 16;
    private static final int RIGHT = 16;

    private ValidationHtml() { }

    public static String of(ValidationResult r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation of ")
                .append(esc(r.modelId())).append(" on ").append(esc(r.dataset())).append("</title>\n<style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#1b1f24;background:#fafafa}")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccd}")
                .append("table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #dde;text-align:right}")
                .append("th{background:#eef0f4}td:first-child,th:first-child{text-align:left}.meta{color:#555}")
                .append(".big{font-size:26px;font-weight:600}.ok{color:#1a7f37}.bad{color:#b42318}.kpi{display:inline-block;margin:8px 28px 8px 0}")
                .append("</style></head><body>\n");
        h.append("<h1>Local validation: ").append(esc(r.modelId())).append(' ').append(esc(r.modelVersion())).append("</h1>\n");
        h.append("<p class=\"meta\">Dataset <b>").append(esc(r.dataset())).append("</b>, ").append(r.cases().size())
                .append(" case(s) scored, ").append(r.leftOut().size()).append(" left out; model sha256 ")
                .append(esc(r.modelSha256())).append("; ").append(esc(r.at().toString())).append(". Lesion hit rule: LUNA16 (within the lesion's radius).</p>\n");
        h.append("<div>");
        kpi(h, "CPM", r.froc().cpm());
        kpi(h, "Sensitivity at " + ValidationJson.rate(r.operatingRate()) + " FP/scan", r.operatingPoint().sensitivity());
        kpi(h, "FP/scan at threshold " + fmt(r.operatingPoint().threshold()), r.operatingPoint().falsePositivesPerScan());
        h.append("</div>\n");

        h.append("<h2>FROC</h2>\n").append(frocSvg(r.froc().curve(), r.froc().rates(), r.froc().sensitivities()));
        h.append("<table><tr><th>FP per scan</th>");
        for (double rate : r.froc().rates()) {
            h.append("<th>").append(ValidationJson.rate(rate)).append("</th>");
        }
        h.append("</tr><tr><td>sensitivity (95 % CI)</td>");
        for (Interval s : r.froc().sensitivities()) {
            h.append("<td>").append(ci(s)).append("</td>");
        }
        h.append("</tr></table>\n<p class=\"meta\">").append(r.froc().lesions()).append(" lesion(s), ").append(r.froc().lesionsFound())
                .append(" found at any score. Intervals: bootstrap over cases.</p>\n");

        h.append("<h2>Sensitivity by lesion size</h2>\n<table><tr><th>diameter</th><th>lesions</th><th>found</th><th>sensitivity</th></tr>");
        for (SizeBucket b : r.bySize()) {
            h.append("<tr><td>").append(esc(b.label())).append("</td><td>").append(b.lesions()).append("</td><td>").append(b.found())
                    .append("</td><td>").append(pct(b.sensitivity())).append("</td></tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Subgroups (at the operating point)</h2>\n");
        for (Map.Entry<String, Map<String, ValidationResult.Subgroup>> facet : r.subgroups().entrySet()) {
            h.append("<table><tr><th>").append(esc(facetName(facet.getKey())))
                    .append("</th><th>cases</th><th>lesions</th><th>sensitivity</th><th>FP/scan</th><th>CPM</th></tr>");
            for (Map.Entry<String, ValidationResult.Subgroup> g : facet.getValue().entrySet()) {
                ValidationResult.Subgroup s = g.getValue();
                h.append("<tr><td>").append(esc(g.getKey())).append("</td><td>").append(s.cases()).append("</td><td>")
                        .append(s.froc().lesions()).append("</td><td>").append(ci(s.operatingPoint().sensitivity())).append("</td><td>")
                        .append(ci(s.operatingPoint().falsePositivesPerScan())).append("</td><td>").append(ci(s.froc().cpm())).append("</td></tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>The card's claims, at the card's threshold (").append(fmt(r.atCardThreshold().threshold())).append(")</h2>\n");
        if (r.claims().isEmpty()) {
            h.append("<p>The model's card makes no claims.</p>\n");
        } else {
            h.append("<table><tr><th>claim</th><th>claimed</th><th>measured here (95 % CI)</th><th>verdict</th></tr>");
            for (ClaimCheck c : r.claims()) {
                String css = ClaimCheck.WORSE.equals(c.verdict()) ? "bad" : ClaimCheck.CONSISTENT.equals(c.verdict()) ? "ok" : "";
                h.append("<tr><td>").append(esc(c.metric())).append("<br><span class=\"meta\">").append(esc(c.dataset())).append("</span></td><td>")
                        .append(fmt(c.claimed())).append("</td><td>").append(c.measured() == null ? "–" : ci(c.measured()))
                        .append("</td><td class=\"").append(css).append("\">").append(esc(c.verdict())).append("</td></tr>");
            }
            h.append("</table>\n");
        }

        SegmentationSummary seg = r.segmentation();
        if (seg != null) {
            h.append("<h2>Segmentation (heatmap at its threshold against the truth mask)</h2>\n<table><tr><th>class</th><th>cases</th>")
                    .append("<th>mean Dice</th><th>mean HD95 (mm)</th><th>mean volume error (ml)</th></tr>");
            seg.perClass().forEach((k, m) -> h.append("<tr><td>").append(k).append("</td><td>").append(m.cases()).append("</td><td>")
                    .append(fmt(m.meanDice())).append(" (").append(m.diceCases()).append(")</td><td>").append(fmt(m.hd95Mm())).append(" (")
                    .append(m.hd95Cases()).append(")</td><td>").append(fmt(m.volumeErrorMl())).append("</td></tr>"));
            h.append("<tr><th>mean over classes</th><th></th><th>").append(fmt(seg.meanDice())).append("</th><th>").append(fmt(seg.hd95Mm()))
                    .append("</th><th>").append(fmt(seg.volumeErrorMl())).append("</th></tr></table>\n<p class=\"meta\">In brackets: the cases that")
                    .append(" enter each mean. ").append(esc(SegmentationSummary.EMPTY_CASE_RULE)).append("</p>\n");
        }
        ClassificationSummary cls = r.classification();
        if (cls != null) {
            var at = cls.atThreshold();
            h.append("<h2>Classification: ").append(esc(cls.label())).append("</h2>\n<div>");
            kpi(h, "AUC", cls.roc().auc());
            kpi(h, "Expected calibration error", Interval.of(cls.calibration().expectedCalibrationError()));
            h.append("<div class=\"kpi\"><div class=\"meta\">positives / negatives</div><div class=\"big\">").append(cls.roc().positives())
                    .append(" / ").append(cls.roc().negatives()).append("</div></div></div>\n");
            List<double[]> roc = new java.util.ArrayList<>();
            roc.add(new double[] {0, 0});
            cls.roc().curve().forEach(p -> roc.add(new double[] {p.falsePositiveRate(), p.truePositiveRate()}));
            List<double[]> reliability = new java.util.ArrayList<>();
            cls.calibration().bins().stream().filter(b -> b.cases() > 0).forEach(b -> reliability.add(new double[] {b.meanScore(), b.observedFraction()}));
            h.append(unitSvg("ROC curve", "false positive rate", "true positive rate", roc, true)).append(' ')
                    .append(unitSvg("Reliability diagram", "mean predicted probability", "observed fraction positive", reliability, false));
            h.append("<table><tr><th>at threshold ").append(fmt(at.threshold())).append(" (the card's)</th><th>truth positive</th><th>truth negative</th></tr>")
                    .append("<tr><td>predicted positive</td><td>").append(at.truePositives()).append("</td><td>").append(at.falsePositives()).append("</td></tr>")
                    .append("<tr><td>predicted negative</td><td>").append(at.falseNegatives()).append("</td><td>").append(at.trueNegatives()).append("</td></tr>")
                    .append("</table>\n<p>Sensitivity ").append(ci(at.sensitivity())).append(", specificity ").append(ci(at.specificity()))
                    .append(".</p>\n<p class=\"meta\">ECE over ").append(ClassificationSummary.BINS)
                    .append(" equal bins of the score, each weighted by its share of cases; the diagram shows the bins that hold cases.</p>\n");
        }
        h.append("<h2>Cases, worst first</h2>\n<table><tr><th>case</th><th>lesions</th><th>found</th><th>false positives</th><th>series</th></tr>");
        for (CaseRow row : CaseRow.of(r)) {
            h.append("<tr><td>").append(esc(row.name())).append("</td><td>").append(row.lesions()).append("</td><td>").append(row.found())
                    .append("</td><td>").append(row.falsePositives()).append("</td><td class=\"meta\">").append(esc(row.seriesUid())).append("</td></tr>");
        }
        h.append("</table>\n");
        if (!r.leftOut().isEmpty()) {
            h.append("<h2>Left out</h2>\n<ul>");
            r.leftOut().forEach(l -> h.append("<li>").append(esc(l)).append("</li>"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** FROC on a log-2 axis from 1/8 to 8 false positives per scan, with the LUNA16 points and their intervals. */
    /** A plot over the unit square (ROC, reliability diagram): the points joined (or dotted), and the diagonal for reference. */
    static String unitSvg(String title, String xLabel, String yLabel, List<double[]> points, boolean joined) {
        int w = 360;
        int hgt = 320;
        int plot = 240;
        int left = 60;
        int top = 24;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(hgt)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(hgt).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
        s.append("<text x=\"").append(left).append("\" y=\"16\" font-size=\"13\" font-weight=\"600\">").append(esc(title)).append("</text>");
        s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plot).append("\" height=\"").append(plot)
                .append("\" fill=\"#fff\" stroke=\"#99a\"/>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(top + plot).append("\" x2=\"").append(left + plot).append("\" y2=\"")
                .append(top).append("\" stroke=\"#ccd\" stroke-dasharray=\"4 3\"/>");
        for (int t = 0; t <= 4; t++) {
            double v = t / 4.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.2f</text>", left + (int) (v * plot),
                    top + plot + 16, v));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.2f</text>", left - 6,
                    top + plot - (int) (v * plot) + 4, v));
        }
        s.append("<text x=\"").append(left + plot / 2).append("\" y=\"").append(top + plot + 34).append("\" font-size=\"12\" text-anchor=\"middle\">")
                .append(esc(xLabel)).append("</text>");
        s.append("<text x=\"14\" y=\"").append(top + plot / 2).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(top + plot / 2).append(")\">").append(esc(yLabel)).append("</text>");
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            double px = left + p[0] * plot;
            double py = top + plot - p[1] * plot;
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f5fbf\"/>", px, py));
        }
        if (joined && !path.isEmpty()) {
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>");
        }
        return s.append("</svg>").toString();
    }

    static String frocSvg(List<FrocPoint> curve, double[] rates, Interval[] sensitivities) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"FROC curve\">");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
                .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"#fff\" stroke=\"#99a\"/>");
        for (double rate : rates) {
            double x = x(rate);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e5ea\"/>", x, TOP, x, H - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>", x, H - BOTTOM + 16,
                    ValidationJson.rate(rate)));
        }
        for (int t = 0; t <= 10; t += 2) {
            double y = y(t / 10.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e5ea\"/>", LEFT, y, W - RIGHT, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%.1f</text>", LEFT - 6, y + 4, t / 10.0));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">false positives per scan</text>",
                (LEFT + W - RIGHT) / 2, H - 8));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">sensitivity</text>",
                (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2));
        StringBuilder path = new StringBuilder();
        double lastSensitivity = 0;
        for (FrocPoint p : curve) {
            if (Double.isNaN(p.sensitivity())) {
                continue;
            }
            double fp = Math.max(p.falsePositivesPerScan(), rates[0]);
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(Math.min(fp, rates[rates.length - 1])),
                    y(p.sensitivity())));
            lastSensitivity = p.sensitivity();
        }
        if (!path.isEmpty()) {
            path.append(String.format(Locale.ROOT, " L%.1f %.1f", x(rates[rates.length - 1]), y(lastSensitivity)));
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2455c3\" stroke-width=\"2\"/>");
        }
        for (int i = 0; i < rates.length; i++) {
            Interval v = sensitivities[i];
            if (Double.isNaN(v.value())) {
                continue;
            }
            double x = x(rates[i]);
            if (v.hasBounds()) {
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0501d\"/>", x, y(v.low()), x, y(v.high())));
            }
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#d0501d\"/>", x, y(v.value())));
        }
        return s.append("</svg>\n").toString();
    }

    private static double x(double rate) {
        double f = (Math.log(rate) / Math.log(2) + 3) / 6;
        return LEFT + f * (W - LEFT - RIGHT);
    }

    private static double y(double sensitivity) {
        return TOP + (1 - sensitivity) * (H - TOP - BOTTOM);
    }

    private static void kpi(StringBuilder h, String label, Interval v) {
        h.append("<div class=\"kpi\"><div class=\"meta\">").append(esc(label)).append("</div><div class=\"big\">").append(fmt(v.value()))
                .append("</div><div class=\"meta\">").append(v.hasBounds() ? "95 % CI " + fmt(v.low()) + "–" + fmt(v.high()) : "").append("</div></div>");
    }

    private static String facetName(String key) {
        return switch (key) {
            case "scanner" -> "scanner";
            case "sliceThickness" -> "slice thickness";
            case "kvp" -> "tube voltage";
            case "sex" -> "sex";
            case "ageBand" -> "age";
            default -> key;
        };
    }

    private static String ci(Interval i) {
        return fmt(i.value()) + (i.hasBounds() ? " <span class=\"meta\">(" + fmt(i.low()) + "–" + fmt(i.high()) + ")</span>" : "");
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
