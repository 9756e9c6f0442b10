// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import java.util.Locale;

/**
 * A model returned NaN or infinite values. Its result is refused whole (nothing is drawn, written to
 * findings.json, cached or recorded as a run): a NaN score, heatmap value or box coordinate would
 * otherwise become a finding at [0,0,0], a blank overlay or a threshold that nothing passes, without a word.
 */
public final class NonFiniteOutputException extends Exception {

    public NonFiniteOutputException(String model, String output, long nonFinite, long nanCount, long total) {
        super(String.format(Locale.ROOT, "the model %s returned %,d non-finite value%s (%s) of %,d in its output \"%s\", so its result"
                + " was refused: nothing was drawn, written or recorded as a run", model, nonFinite, nonFinite == 1 ? "" : "s",
                describe(nanCount, nonFinite - nanCount), total, output));
    }

    private static String describe(long nan, long infinite) {
        if (infinite == 0) {
            return "NaN";
        }
        if (nan == 0) {
            return "infinite";
        }
        return String.format(Locale.ROOT, "%,d NaN, %,d infinite", nan, infinite);
    }
}
