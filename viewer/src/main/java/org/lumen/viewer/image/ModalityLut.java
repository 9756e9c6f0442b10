// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** The linear modality LUT: stored value × slope + intercept, in units of {@code type} (HU for CT). */
public record ModalityLut(double slope, double intercept, String type) {

    public static final ModalityLut IDENTITY = new ModalityLut(1, 0, "");

    public double apply(double stored) {
        return stored * slope + intercept;
    }

    public boolean isIdentity() {
        return slope == 1 && intercept == 0;
    }

    /** True when the LUT maps integers to integers, so voxels can stay 16-bit. */
    public boolean isIntegral() {
        return slope == Math.rint(slope) && intercept == Math.rint(intercept);
    }
}
