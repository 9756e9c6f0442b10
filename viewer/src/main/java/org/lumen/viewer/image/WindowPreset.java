// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** A named window (VOI linear function): centre and width in modality units (HU for CT). */
public record WindowPreset(String name, double center, double width) {

    public WindowPreset {
        if (!(width >= 1)) {
            throw new IllegalArgumentException("window width must be at least 1, was " + width);
        }
    }

    public double lower() { return center - width / 2; }

    public double upper() { return center + width / 2; }
}
