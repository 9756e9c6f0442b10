// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

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
final class ValidationFigures {

    /** The FROC range LUNA16 reads (1/8 to 8 false positives per scan); points beyond it are not drawn. */
    static final double MAX_FP_PER_SCAN = 8;

    /** One subgroup's bar: "scanner: ACME CT-1", its sensitivity at the operating point, and how many cases it holds. */
    record Bar(String label, double sensitivity, int cases, int lesions) { }

    private ValidationFigures() { }

    /** Two lines: what was validated on what, and the headline figures at the chosen operating point. */
    static String summary(ValidationResult r) {
        var op = r.operatingPoint();
        String first = String.format(Locale.ROOT, "%s %s on %s: %d case(s), %d lesion(s), %d found at the operating point%s.",
                r.modelId(), r.modelVersion(), r.dataset(), r.cases().size(), r.froc().lesions(), op.found(),
                r.leftOut().isEmpty() ? "" : "; " + r.leftOut().size() + " case(s) left out");
        String threshold = Double.isInfinite(op.threshold()) ? "no threshold reaches it"
                : String.format(Locale.ROOT, "threshold %.3f", op.threshold());
        String second = String.format(Locale.ROOT, "CPM %s.  At %s FP/scan (%s): sensitivity %s, %s FP/scan.", r.froc().cpm(),
                trim(r.operatingRate()), threshold, op.sensitivity(), op.falsePositivesPerScan());
        return first + "\n" + second;
    }

    /** The curve's (false positives per scan, sensitivity) points up to {@link #MAX_FP_PER_SCAN}, starting at the origin. */
    static List<double[]> frocPoints(ValidationResult r) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        for (FrocPoint p : r.froc().curve()) {
            if (p.falsePositivesPerScan() <= MAX_FP_PER_SCAN) {
                points.add(new double[] {p.falsePositivesPerScan(), p.sensitivity()});
            }
        }
        return points;
    }

    /** Every subgroup of every facet, in the report's order, as a bar of sensitivity at the operating point. */
    static List<Bar> subgroupBars(ValidationResult r) {
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
    static String facetName(String key) {
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
