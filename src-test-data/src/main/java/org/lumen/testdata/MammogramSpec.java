// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

/**
 * A synthetic mammogram: its size, the detector's pixel spacing, how many masses and calcification clusters each view
 * holds, and whether it is one view (left CC) or the four screening views (R CC, L CC, R MLO, L MLO). Lesion sizes are
 * in mm, so a smaller image at the same spacing is a smaller breast with lesions of the same size in pixels.
 *
 * @param noiseSigma standard deviation of the added noise in stored values (12-bit)
 */
public record MammogramSpec(long seed, int columns, int rows, double pixelSpacingMm, boolean fourViews, int masses,
                            int calcificationClusters, double noiseSigma) {

    /** The detector of the example: 3064 columns × 4664 rows (a Hologic-like portrait image). */
    public static final int DEFAULT_COLUMNS = 3064;
    public static final int DEFAULT_ROWS = 4664;

    public MammogramSpec {
        if (columns < 256 || rows < 256 || columns > 16384 || rows > 16384) {
            throw new IllegalArgumentException("a mammogram is 256 to 16384 pixels each way, was " + columns + "x" + rows);
        }
        if (!(pixelSpacingMm > 0.01 && pixelSpacingMm < 1)) {
            throw new IllegalArgumentException("mammogram pixel spacing must be between 0.01 and 1 mm, was " + pixelSpacingMm);
        }
        if (masses < 0 || calcificationClusters < 0 || masses + calcificationClusters > 20) {
            throw new IllegalArgumentException("0 to 20 lesions per view, was " + masses + " masses and "
                    + calcificationClusters + " calcification clusters");
        }
        if (!(noiseSigma >= 0)) {
            throw new IllegalArgumentException("noise must be zero or positive, was " + noiseSigma);
        }
    }

    /** One left CC view of 3064 × 4664 pixels at 0.065 mm with one mass and two calcification clusters. */
    public static MammogramSpec defaults() {
        return new MammogramSpec(1, DEFAULT_COLUMNS, DEFAULT_ROWS, 0.065, false, 1, 2, 20);
    }

    public MammogramSpec withSeed(long newSeed) {
        return new MammogramSpec(newSeed, columns, rows, pixelSpacingMm, fourViews, masses, calcificationClusters, noiseSigma);
    }

    public MammogramSpec withSize(int newColumns, int newRows) {
        return new MammogramSpec(seed, newColumns, newRows, pixelSpacingMm, fourViews, masses, calcificationClusters, noiseSigma);
    }

    public MammogramSpec withFourViews(boolean four) {
        return new MammogramSpec(seed, columns, rows, pixelSpacingMm, four, masses, calcificationClusters, noiseSigma);
    }

    public MammogramSpec withLesions(int newMasses, int newClusters) {
        return new MammogramSpec(seed, columns, rows, pixelSpacingMm, fourViews, newMasses, newClusters, noiseSigma);
    }
}
