// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.util.Locale;

/** The shares of cases meant for training, validation and test; they add up to 1. */
public record SplitFractions(double train, double validation, double test) {

    private static final double TOLERANCE = 1e-6;

    public SplitFractions {
        if (!(train > 0) || !(validation >= 0) || !(test >= 0) || Double.isInfinite(train + validation + test)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "split fractions must be finite, training above 0 and the others 0 or more, were %s,%s,%s", train, validation, test));
        }
        if (Math.abs(train + validation + test - 1) > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "split fractions must add up to 1, %s + %s + %s = %s", train, validation, test, train + validation + test));
        }
    }

    /** 70 % training, 15 % validation, 15 % test. */
    public static SplitFractions defaults() {
        return new SplitFractions(0.7, 0.15, 0.15);
    }

    /** "0.7,0.15,0.15": training, validation, test. */
    public static SplitFractions parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a split is three fractions, training,validation,test (such as 0.7,0.15,0.15), not '"
                    + text + "'");
        }
        double[] f = new double[3];
        for (int n = 0; n < 3; n++) {
            try {
                f[n] = Double.parseDouble(parts[n].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[n].strip() + "' in split '" + text + "' is not a number", e);
            }
        }
        return new SplitFractions(f[0], f[1], f[2]);
    }

    /** How many of {@code cases} this fraction asks for, rounded. */
    static int target(double fraction, int cases) {
        return (int) Math.round(fraction * cases);
    }
}
