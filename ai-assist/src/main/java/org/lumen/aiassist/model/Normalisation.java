// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

/**
 * How modality values become model input. An HU window maps [low, high] linearly onto [0, 1] and
 * clips; a z-score subtracts a mean and divides by a standard deviation (the card's, or the series'
 * own when the card gives none); none passes values through.
 *
 * @param mean NaN when the series' own mean is to be used (z-score only)
 * @param std  NaN when the series' own standard deviation is to be used (z-score only)
 */
public record Normalisation(Kind kind, double low, double high, double mean, double std) {

    /** The kinds a card may declare. */
    public enum Kind { HU_WINDOW, Z_SCORE, NONE }

    public Normalisation {
        if (kind == Kind.HU_WINDOW && !(high > low)) {
            throw new IllegalArgumentException("an HU window needs high > low, was " + low + ".." + high);
        }
        if (kind == Kind.Z_SCORE && !Double.isNaN(std) && !(std > 0)) {
            throw new IllegalArgumentException("a z-score standard deviation must be positive, was " + std);
        }
    }

    public static Normalisation huWindow(double low, double high) {
        return new Normalisation(Kind.HU_WINDOW, low, high, Double.NaN, Double.NaN);
    }

    public static Normalisation zScore(double mean, double std) {
        return new Normalisation(Kind.Z_SCORE, Double.NaN, Double.NaN, mean, std);
    }

    /** A z-score over the series' own statistics. */
    public static Normalisation zScoreOfSeries() {
        return zScore(Double.NaN, Double.NaN);
    }

    public static Normalisation none() {
        return new Normalisation(Kind.NONE, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether the series' own statistics must be measured first. */
    public boolean needsSeriesStatistics() {
        return kind == Kind.Z_SCORE && (Double.isNaN(mean) || Double.isNaN(std));
    }

    /** The card's spelling: "huWindow [-1000, 400]", "zScore", "none". */
    public String describe() {
        return switch (kind) {
            case HU_WINDOW -> "HU window [" + fmt(low) + ", " + fmt(high) + "] to [0, 1]";
            case Z_SCORE -> Double.isNaN(mean) ? "z-score over the series" : "z-score (mean " + fmt(mean) + ", sd " + fmt(std) + ")";
            case NONE -> "none";
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
