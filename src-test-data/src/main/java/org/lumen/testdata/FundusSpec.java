// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

/**
 * A synthetic colour fundus photograph: its size, one eye (right) or both, and the grade to plant lesions for
 * ({@code -1}: chosen from the seed, each of 0–3 alike). Anatomy and lesion sizes scale with the image's height.
 *
 * @param noiseSigma standard deviation of the noise added to each 8-bit channel
 */
public record FundusSpec(long seed, int columns, int rows, boolean bothEyes, int grade, double noiseSigma) {

    public FundusSpec {
        if (columns < 128 || rows < 128 || columns > 8192 || rows > 8192 || columns < rows) {
            throw new IllegalArgumentException("a fundus photograph is 128 to 8192 pixels each way and at least as wide as"
                    + " high, was " + columns + "x" + rows);
        }
        if (grade < -1 || grade > 3) {
            throw new IllegalArgumentException("the grade is 0 to 3, or -1 to choose it from the seed, was " + grade);
        }
        if (!(noiseSigma >= 0)) {
            throw new IllegalArgumentException("noise must be zero or positive, was " + noiseSigma);
        }
    }

    /** One right eye of 2048 × 1536 pixels, its grade from the seed. */
    public static FundusSpec defaults() {
        return new FundusSpec(1, 2048, 1536, false, -1, 3);
    }

    public FundusSpec withSeed(long newSeed) {
        return new FundusSpec(newSeed, columns, rows, bothEyes, grade, noiseSigma);
    }

    public FundusSpec withSize(int newColumns, int newRows) {
        return new FundusSpec(seed, newColumns, newRows, bothEyes, grade, noiseSigma);
    }

    public FundusSpec withBothEyes(boolean both) {
        return new FundusSpec(seed, columns, rows, both, grade, noiseSigma);
    }

    public FundusSpec withGrade(int newGrade) {
        return new FundusSpec(seed, columns, rows, bothEyes, newGrade, noiseSigma);
    }
}
