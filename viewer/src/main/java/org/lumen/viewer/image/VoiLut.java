// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.image;

/** A VOI LUT from the file (VOI LUT Sequence): maps modality values from {@code firstMapped} on to display values. */
public record VoiLut(String explanation, int firstMapped, int bits, int[] entries) {

    /** The LUT output for a modality value, clamped at both ends. */
    public int lookup(double value) {
        int index = (int) Math.round(value) - firstMapped;
        if (index < 0) {
            return entries[0];
        }
        return entries[Math.min(index, entries.length - 1)];
    }

    public int maxOutput() {
        return (1 << bits) - 1;
    }
}
