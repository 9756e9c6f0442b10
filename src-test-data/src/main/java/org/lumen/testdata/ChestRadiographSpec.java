// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

/**
 * A synthetic postero-anterior chest radiograph: its size, pixel spacing, how many lung nodules and the noise. The
 * anatomy scales with the image; nodule sizes are in mm.
 *
 * @param noiseSigma standard deviation of the added noise in stored values (12-bit)
 */
public record ChestRadiographSpec(long seed, int columns, int rows, double pixelSpacingMm, int nodules, double noiseSigma) {

    public ChestRadiographSpec {
        if (columns < 128 || rows < 128 || columns > 8192 || rows > 8192) {
            throw new IllegalArgumentException("a chest radiograph is 128 to 8192 pixels each way, was " + columns + "x" + rows);
        }
        if (!(pixelSpacingMm > 0.01 && pixelSpacingMm < 5)) {
            throw new IllegalArgumentException("chest radiograph pixel spacing must be between 0.01 and 5 mm, was " + pixelSpacingMm);
        }
        if (nodules < 0 || nodules > 12) {
            throw new IllegalArgumentException("0 to 12 nodules, was " + nodules);
        }
        if (!(noiseSigma >= 0)) {
            throw new IllegalArgumentException("noise must be zero or positive, was " + noiseSigma);
        }
    }

    /** 2048 × 2048 at 0.175 mm (a 358 mm detector) with three nodules. */
    public static ChestRadiographSpec defaults() {
        return new ChestRadiographSpec(1, 2048, 2048, 0.175, 3, 15);
    }

    public ChestRadiographSpec withSeed(long newSeed) {
        return new ChestRadiographSpec(newSeed, columns, rows, pixelSpacingMm, nodules, noiseSigma);
    }

    /** Another size over the same 358 mm field of view (the spacing follows the columns). */
    public ChestRadiographSpec withSize(int newColumns, int newRows) {
        return new ChestRadiographSpec(seed, newColumns, newRows, pixelSpacingMm * columns / newColumns, nodules, noiseSigma);
    }

    public ChestRadiographSpec withNodules(int count) {
        return new ChestRadiographSpec(seed, columns, rows, pixelSpacingMm, count, noiseSigma);
    }
}
