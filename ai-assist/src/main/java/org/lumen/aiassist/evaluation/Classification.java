// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Binary classification figures: ROC and AUC (the Mann–Whitney statistic, ties counting half), sensitivity and
 * specificity at a threshold, and calibration; intervals from a bootstrap over cases. A multi-class model is
 * scored one class against the rest by the caller.
 */
public final class Classification {

    private Classification() { }

    public static RocResult roc(List<BinaryCase> cases, Bootstrap bootstrap) {
        double auc = auc(cases);
        Interval interval = bootstrap.intervals(cases, new double[] {auc}, draw -> new double[] {auc(draw)})[0];
        int positives = (int) cases.stream().filter(BinaryCase::positive).count();
        int negatives = cases.size() - positives;
        List<BinaryCase> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparingDouble(BinaryCase::score).reversed());
        List<RocResult.Point> curve = new ArrayList<>();
        curve.add(new RocResult.Point(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).positive()) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == sorted.size() || sorted.get(i + 1).score() != sorted.get(i).score()) {
                curve.add(new RocResult.Point(sorted.get(i).score(), rate(fp, negatives), rate(tp, positives)));
            }
        }
        return new RocResult(curve, interval, positives, negatives);
    }

    /** The probability that a random positive scores above a random negative (ties count half); NaN without both. */
    public static double auc(List<BinaryCase> cases) {
        int n = cases.size();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = cases.get(i).score();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (cases.get(order[k]).positive()) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    public static OperatingPoint at(List<BinaryCase> cases, double threshold, Bootstrap bootstrap) {
        int[] m = matrix(cases, threshold);
        double[] values = {rate(m[0], m[0] + m[3]), rate(m[2], m[2] + m[1])};
        Interval[] intervals = bootstrap.intervals(cases, values, draw -> {
            int[] d = matrix(draw, threshold);
            return new double[] {rate(d[0], d[0] + d[3]), rate(d[2], d[2] + d[1])};
        });
        return new OperatingPoint(threshold, m[0], m[1], m[2], m[3], intervals[0], intervals[1]);
    }

    /** Calibration over {@code binCount} equal-width bins; scores are taken as probabilities in [0, 1]. */
    public static Calibration calibration(List<BinaryCase> cases, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("calibration needs at least one bin, not " + binCount);
        }
        int[] count = new int[binCount];
        double[] scoreSum = new double[binCount];
        int[] positive = new int[binCount];
        for (BinaryCase c : cases) {
            if (c.score() < 0 || c.score() > 1) {
                throw new IllegalArgumentException("calibration needs probabilities between 0 and 1, not a score of " + c.score());
            }
            int b = Math.min(binCount - 1, (int) (c.score() * binCount));
            count[b]++;
            scoreSum[b] += c.score();
            positive[b] += c.positive() ? 1 : 0;
        }
        double ece = 0;
        List<Calibration.Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            double mean = count[b] == 0 ? Double.NaN : scoreSum[b] / count[b];
            double observed = count[b] == 0 ? Double.NaN : (double) positive[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / cases.size() * Math.abs(observed - mean);
            }
            bins.add(new Calibration.Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], mean, observed));
        }
        return new Calibration(cases.isEmpty() ? Double.NaN : ece, bins);
    }

    /** {tp, fp, tn, fn} at {@code threshold}. */
    private static int[] matrix(List<BinaryCase> cases, double threshold) {
        int[] m = new int[4];
        for (BinaryCase c : cases) {
            boolean called = c.score() >= threshold;
            m[c.positive() ? (called ? 0 : 3) : (called ? 1 : 2)]++;
        }
        return m;
    }

    private static double rate(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
