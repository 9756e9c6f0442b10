// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.evaluation;

/** Sensitivity among lesions of diameter in [fromMm, toMm) at one threshold. */
public record SizeBucket(double fromMm, double toMm, int lesions, int found) {

    public double sensitivity() {
        return lesions == 0 ? Double.NaN : (double) found / lesions;
    }

    public String label() {
        return Double.isInfinite(toMm) ? "≥ " + trim(fromMm) + " mm" : trim(fromMm) + "–" + trim(toMm) + " mm";
    }

    private static String trim(double mm) {
        return mm == Math.rint(mm) ? String.valueOf((long) mm) : String.valueOf(mm);
    }
}
