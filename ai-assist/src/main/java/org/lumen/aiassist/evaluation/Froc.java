// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Free-response ROC with the LUNA16 rules (Setio et al., 2017): candidates are matched to lesions by
 * {@link ScanDetections#match()}, missed lesions enter with a score of negative infinity (so sensitivity may
 * never reach 1), and the sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 false positives per scan is read off
 * the curve by linear interpolation, as LUNA16's evaluation script does; the CPM is their mean. Intervals
 * come from a bootstrap over scans.
 */
public final class Froc {

    /** The false-positive rates of the LUNA16 challenge, per scan. */
    public static final double[] LUNA16_RATES = {0.125, 0.25, 0.5, 1, 2, 4, 8};

    private Froc() { }

    public static FrocResult evaluate(List<ScanDetections> scans, Bootstrap bootstrap) {
        List<ScanDetections.Matched> matched = scans.stream().map(ScanDetections::match).toList();
        List<FrocPoint> curve = curve(matched);
        double[] figures = figures(curve);
        Interval[] intervals = bootstrap.intervals(matched, figures, draw -> figures(curve(draw)));
        int lesions = 0;
        int found = 0;
        for (ScanDetections.Matched m : matched) {
            for (double s : m.lesionScores()) {
                lesions++;
                found += s > Double.NEGATIVE_INFINITY ? 1 : 0;
            }
        }
        return new FrocResult(scans.size(), lesions, found, curve, LUNA16_RATES,
                Arrays.copyOf(intervals, LUNA16_RATES.length), intervals[LUNA16_RATES.length]);
    }

    /** Sensitivity and false positives per scan counting candidates scored {@code threshold} or above. */
    public static DetectionAtThreshold atThreshold(List<ScanDetections> scans, double threshold, Bootstrap bootstrap) {
        List<ScanDetections.Matched> matched = scans.stream().map(ScanDetections::match).toList();
        int[] counts = counts(matched, threshold);
        double[] values = rates(counts, matched.size());
        Interval[] intervals = bootstrap.intervals(matched, values, draw -> rates(counts(draw, threshold), draw.size()));
        return new DetectionAtThreshold(threshold, scans.size(), counts[0], counts[1], counts[2], intervals[0], intervals[1]);
    }

    /** {lesions, found at threshold, false positives at threshold}. */
    private static int[] counts(List<ScanDetections.Matched> scans, double threshold) {
        int[] c = new int[3];
        for (ScanDetections.Matched m : scans) {
            for (double s : m.lesionScores()) {
                c[0]++;
                c[1] += s >= threshold ? 1 : 0;
            }
            for (double s : m.falsePositiveScores()) {
                c[2] += s >= threshold ? 1 : 0;
            }
        }
        return c;
    }

    private static double[] rates(int[] counts, int scans) {
        return new double[] {counts[0] == 0 ? Double.NaN : (double) counts[1] / counts[0], scans == 0 ? Double.NaN : (double) counts[2] / scans};
    }

    /** Sensitivity by lesion diameter at scores of {@code threshold} and above; {@code edgesMm} ascending (e.g. 0, 6, 10, 20). */
    public static List<SizeBucket> sensitivityBySize(List<ScanDetections> scans, double threshold, double[] edgesMm) {
        int[] lesions = new int[edgesMm.length];
        int[] found = new int[edgesMm.length];
        for (ScanDetections scan : scans) {
            double[] scores = scan.match().lesionScores();
            for (int l = 0; l < scores.length; l++) {
                double d = scan.lesions().get(l).diameterMm();
                for (int b = edgesMm.length - 1; b >= 0; b--) {
                    if (d >= edgesMm[b]) {
                        lesions[b]++;
                        found[b] += scores[l] >= threshold ? 1 : 0;
                        break;
                    }
                }
            }
        }
        List<SizeBucket> buckets = new ArrayList<>();
        for (int b = 0; b < edgesMm.length; b++) {
            double to = b + 1 < edgesMm.length ? edgesMm[b + 1] : Double.POSITIVE_INFINITY;
            buckets.add(new SizeBucket(edgesMm[b], to, lesions[b], found[b]));
        }
        return buckets;
    }

    /** The curve from the highest threshold down, one point per distinct score, starting at (0 FP, 0 sensitivity). */
    static List<FrocPoint> curve(List<ScanDetections.Matched> scans) {
        int lesionCount = 0;
        int fpCount = 0;
        for (ScanDetections.Matched m : scans) {
            lesionCount += m.lesionScores().length;
            fpCount += m.falsePositiveScores().length;
        }
        // Each entry: score, and whether it is a found lesion (true) or a false positive (false).
        double[] scores = new double[lesionCount + fpCount];
        boolean[] isLesion = new boolean[scores.length];
        int n = 0;
        for (ScanDetections.Matched m : scans) {
            for (double s : m.lesionScores()) {
                if (s > Double.NEGATIVE_INFINITY) {
                    scores[n] = s;
                    isLesion[n++] = true;
                }
            }
            for (double s : m.falsePositiveScores()) {
                scores[n++] = s;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        List<FrocPoint> curve = new ArrayList<>();
        double scanCount = Math.max(1, scans.size());
        curve.add(new FrocPoint(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            int e = order[i];
            if (isLesion[e]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfThisScore = i + 1 == n || scores[order[i + 1]] != scores[e];
            if (lastOfThisScore) {
                curve.add(new FrocPoint(scores[e], fp / scanCount, lesionCount == 0 ? Double.NaN : (double) tp / lesionCount));
            }
        }
        return curve;
    }

    /** The sensitivities at the LUNA16 rates, then their mean (the CPM). */
    private static double[] figures(List<FrocPoint> curve) {
        double[] out = new double[LUNA16_RATES.length + 1];
        double sum = 0;
        for (int r = 0; r < LUNA16_RATES.length; r++) {
            out[r] = sensitivityAt(curve, LUNA16_RATES[r]);
            sum += out[r];
        }
        out[LUNA16_RATES.length] = sum / LUNA16_RATES.length;
        return out;
    }

    /**
     * Linear interpolation of sensitivity over false positives per scan (NumPy's {@code interp}, as LUNA16):
     * at a rate shared by several points the highest sensitivity stands; beyond the curve's ends its end values.
     */
    static double sensitivityAt(List<FrocPoint> curve, double rate) {
        List<double[]> points = new ArrayList<>();
        for (FrocPoint p : curve) {
            if (!points.isEmpty() && points.getLast()[0] == p.falsePositivesPerScan()) {
                points.getLast()[1] = Math.max(points.getLast()[1], p.sensitivity());
            } else {
                points.add(new double[] {p.falsePositivesPerScan(), p.sensitivity()});
            }
        }
        if (rate <= points.getFirst()[0]) {
            return points.getFirst()[1];
        }
        for (int i = 1; i < points.size(); i++) {
            double[] a = points.get(i - 1);
            double[] b = points.get(i);
            if (rate <= b[0]) {
                return a[1] + (b[1] - a[1]) * (rate - a[0]) / (b[0] - a[0]);
            }
        }
        return points.getLast()[1];
    }
}
