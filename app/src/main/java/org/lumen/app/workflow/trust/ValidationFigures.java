// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.evaluation.FrocPoint;
import org.lumen.app.validation.ValidationResult;

/**
 * What the Validation view draws, from a {@link ValidationResult} and without JavaFX: the summary sentences, the
 * FROC curve's points within the LUNA16 range, and one bar per subgroup (sensitivity at the operating point).
 */
public final class ValidationFigures {

    /** The FROC range LUNA16 reads (1/8 to 8 false positives per scan); points beyond it are not drawn. */
    public static final double MAX_FP_PER_SCAN = 8;

    /** One subgroup's bar: "scanner: ACME CT-1", its sensitivity at the operating point, and how many cases it holds. */
    public record Bar(String label, double sensitivity, int cases, int lesions) { }

    private ValidationFigures() { }

    /** Two lines: what was validated on what, and the headline figures at the chosen operating point. */
    public static String summary(ValidationResult r) {
        var op = r.operatingPoint();
        String first = String.format(Locale.ROOT, "%s %s on %s: %d case(s), %d lesion(s), %d found at the operating point%s.",
                r.modelId(), r.modelVersion(), r.dataset(), r.cases().size(), r.froc().lesions(), op.found(),
                r.leftOut().isEmpty() ? "" : "; " + r.leftOut().size() + " case(s) left out");
        String threshold = Double.isInfinite(op.threshold()) ? "no threshold reaches it"
                : String.format(Locale.ROOT, "threshold %.3f", op.threshold());
        String second = String.format(Locale.ROOT, "CPM %s.  At %s FP/scan (%s): sensitivity %s, %s FP/scan.", r.froc().cpm(),
                trim(r.operatingRate()), threshold, op.sensitivity(), op.falsePositivesPerScan());
        String third = otherFigures(r);
        return first + "\n" + second + (third.isEmpty() ? "" : "\n" + third);
    }

    /**
     * The line over the claims table: the card's claims are compared with what the site measured at the card's own
     * threshold, which is not the chosen operating point the cases are counted at (so their false positives differ).
     */
    public static String claimsCaption(ValidationResult r) {
        return "The card's claims, compared at the card's threshold " + threshold(r.atCardThreshold().threshold())
                + String.format(Locale.ROOT, " (%d FP in all there)", r.atCardThreshold().falsePositives());
    }

    /** The line over the cases table: they are counted at the chosen operating point. */
    public static String casesCaption(ValidationResult r) {
        return "Cases at the chosen operating point, " + trim(r.operatingRate()) + " FP/scan: threshold "
                + threshold(r.operatingPoint().threshold()) + String.format(Locale.ROOT, " (%d FP in all there), worst first",
                r.operatingPoint().falsePositives());
    }

    /** The claims table's column of the site's figures, naming the card's threshold. */
    public static String claimsSiteColumn(ValidationResult r) {
        return "This site at " + threshold(r.atCardThreshold().threshold()) + " (95 % CI)";
    }

    /** A cases table column ("FP", "Found") naming the operating point's threshold. */
    public static String casesColumn(String what, ValidationResult r) {
        return what + " at " + threshold(r.operatingPoint().threshold());
    }

    private static String threshold(double t) {
        return Double.isInfinite(t) ? "none (no threshold reaches it)" : String.format(Locale.ROOT, "%.3f", t);
    }

    /** The curve's (false positives per scan, sensitivity) points up to {@link #MAX_FP_PER_SCAN}, starting at the origin. */
    public static List<double[]> frocPoints(ValidationResult r) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        for (FrocPoint p : r.froc().curve()) {
            if (p.falsePositivesPerScan() <= MAX_FP_PER_SCAN) {
                points.add(new double[] {p.falsePositivesPerScan(), p.sensitivity()});
            }
        }
        return points;
    }

    /** The ROC curve's (false positive rate, true positive rate) points from the origin; empty without classification figures. */
    public static List<double[]> rocPoints(ValidationResult r) {
        List<double[]> points = new ArrayList<>();
        if (r.classification() != null) {
            points.add(new double[] {0, 0});
            r.classification().roc().curve().forEach(p -> points.add(new double[] {p.falsePositiveRate(), p.truePositiveRate()}));
        }
        return points;
    }

    /** The reliability diagram's (mean score, observed fraction) per bin that holds cases; empty without classification figures. */
    public static List<double[]> reliabilityPoints(ValidationResult r) {
        List<double[]> points = new ArrayList<>();
        if (r.classification() != null) {
            r.classification().calibration().bins().stream().filter(b -> b.cases() > 0)
                    .forEach(b -> points.add(new double[] {b.meanScore(), b.observedFraction()}));
        }
        return points;
    }

    /**
     * How many (case, class) Dice values fall in each tenth of [0, 1] (the last bin holds 1.0); cases with no Dice (both
     * masks empty) are not counted. Null without segmentation figures.
     */
    public static int[] diceHistogram(ValidationResult r) {
        if (r.segmentation() == null) {
            return null;
        }
        int[] bins = new int[10];
        for (var c : r.cases()) {
            if (c.segmentation() != null) {
                for (var score : c.segmentation().scores().values()) {
                    if (!Double.isNaN(score.dice())) {
                        bins[Math.min(9, (int) Math.floor(score.dice() * 10))]++;
                    }
                }
            }
        }
        return bins;
    }

    /** One line of classification and segmentation figures, or "" when the validation has neither. */
    public static String otherFigures(ValidationResult r) {
        List<String> parts = new ArrayList<>();
        if (r.classification() != null) {
            var c = r.classification();
            parts.add(String.format(Locale.ROOT, "Classification (%s): AUC %s, ECE %.3f; at %.3f sensitivity %s, specificity %s.", c.label(),
                    c.roc().auc(), c.calibration().expectedCalibrationError(), c.atThreshold().threshold(), c.atThreshold().sensitivity(),
                    c.atThreshold().specificity()));
        }
        if (r.segmentation() != null) {
            var s = r.segmentation();
            parts.add(String.format(Locale.ROOT, "Segmentation: mean Dice %.3f, HD95 %.1f mm, volume error %+.2f ml.", s.meanDice(), s.hd95Mm(),
                    s.volumeErrorMl()));
        }
        return String.join("  ", parts);
    }

    /** Every subgroup of every facet, in the report's order, as a bar of sensitivity at the operating point. */
    public static List<Bar> subgroupBars(ValidationResult r) {
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<String, Map<String, ValidationResult.Subgroup>> facet : r.subgroups().entrySet()) {
            for (Map.Entry<String, ValidationResult.Subgroup> group : facet.getValue().entrySet()) {
                var op = group.getValue().operatingPoint();
                bars.add(new Bar(facetName(facet.getKey()) + ": " + group.getKey(), op.lesions() == 0 ? Double.NaN : op.sensitivity().value(),
                        group.getValue().cases(), op.lesions()));
            }
        }
        return bars;
    }

    /** The facet keys of the report, as a reader names them. */
    public static String facetName(String key) {
        return switch (key) {
            case "scanner" -> "Scanner";
            case "sliceThickness" -> "Slice";
            case "kvp" -> "kVp";
            case "sex" -> "Sex";
            case "ageBand" -> "Age";
            default -> key;
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
