// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/**
 * A named window (VOI linear function): centre and width in modality units (HU for CT). Stored integer values
 * use widths of at least 1 (DICOM's LINEAR function); real values (parametric maps, e.g. diffusion in mm2/s) may
 * need less, and are then drawn by the LINEAR_EXACT function.
 */
public record WindowPreset(String name, double center, double width) {

    public WindowPreset {
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window width must be positive and finite, was " + width);
        }
    }

    public double lower() { return center - width / 2; }

    public double upper() { return center + width / 2; }
}
