// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile bootstrap over cases: the cases are drawn with replacement {@code iterations} times, a figure
 * is computed on each draw, and its 2.5th and 97.5th percentiles bound the 95 % interval. Seeded, so the
 * same data gives the same interval on every run.
 */
public record Bootstrap(int iterations, long seed) {

    public static final Bootstrap DEFAULT = new Bootstrap(1000, 20261207L);

    public Bootstrap {
        if (iterations < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least one draw, not " + iterations);
        }
    }

    /**
     * The figures computed on each draw of {@code cases}: row = draw, column = figure. {@code figures}
     * returns the same number of figures for every draw.
     */
    public <T> double[][] draws(List<T> cases, Function<List<T>, double[]> figures) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[iterations][];
        List<T> draw = new ArrayList<>(cases.size());
        for (int b = 0; b < iterations; b++) {
            draw.clear();
            for (int i = 0; i < cases.size(); i++) {
                draw.add(cases.get(random.nextInt(cases.size())));
            }
            out[b] = figures.apply(draw);
        }
        return out;
    }

    /** Each figure with its 95 % interval: {@code values} are the figures on all cases. NaN draws are left out. */
    public <T> Interval[] intervals(List<T> cases, double[] values, Function<List<T>, double[]> figures) {
        double[][] draws = cases.isEmpty() ? new double[0][] : draws(cases, figures);
        Interval[] intervals = new Interval[values.length];
        for (int f = 0; f < values.length; f++) {
            double[] column = new double[draws.length];
            int n = 0;
            for (double[] draw : draws) {
                if (!Double.isNaN(draw[f])) {
                    column[n++] = draw[f];
                }
            }
            double[] kept = java.util.Arrays.copyOf(column, n);
            intervals[f] = n == 0 ? Interval.of(values[f])
                    : new Interval(values[f], Percentiles.of(kept.clone(), 2.5), Percentiles.of(kept, 97.5));
        }
        return intervals;
    }
}
