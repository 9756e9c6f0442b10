// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.util.Objects;

/**
 * How 16-bit grey pixels are stored and turned into modality values (Image Pixel and
 * Modality LUT modules).
 *
 * @param bitsStored       significant bits of each 16-bit sample (HighBit is bitsStored - 1)
 * @param signed           two's complement samples (PixelRepresentation 1) or unsigned (0)
 * @param rescaleIntercept modality value = stored value * rescaleSlope + rescaleIntercept
 * @param rescaleSlope     see rescaleIntercept
 * @param rescaleType      units after rescale ("HU" for CT), or null to write no rescale at all
 */
public record PixelEncoding(int bitsStored, boolean signed, double rescaleIntercept, double rescaleSlope,
                            String rescaleType) {

    public PixelEncoding {
        if (bitsStored < 8 || bitsStored > 16) {
            throw new IllegalArgumentException("bitsStored must be between 8 and 16 for 16-bit pixels, was " + bitsStored);
        }
        if (!Double.isFinite(rescaleIntercept) || !Double.isFinite(rescaleSlope) || rescaleSlope == 0) {
            throw new IllegalArgumentException("rescale needs a finite intercept and a finite, non-zero slope, was "
                    + rescaleIntercept + " and " + rescaleSlope);
        }
        if (rescaleType == null && (rescaleIntercept != 0 || rescaleSlope != 1)) {
            throw new IllegalArgumentException("a rescale other than identity needs a rescale type (e.g. HU)");
        }
    }

    /** Unsigned samples shown as they are (typical for MR). */
    public static PixelEncoding unsigned(int bitsStored) {
        return new PixelEncoding(bitsStored, false, 0, 1, null);
    }

    /** Samples that rescale linearly into {@code rescaleType} units (typical for CT: "HU"). */
    public static PixelEncoding rescaled(int bitsStored, boolean signed, double intercept, double slope,
                                         String rescaleType) {
        return new PixelEncoding(bitsStored, signed, intercept, slope, Objects.requireNonNull(rescaleType, "rescaleType"));
    }

    public boolean hasRescale() { return rescaleType != null; }

    /** Smallest storable sample value. */
    public int minStoredValue() { return signed ? -(1 << (bitsStored - 1)) : 0; }

    /** Largest storable sample value. */
    public int maxStoredValue() { return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1; }

    /** The sample as an int: Java shorts are signed, so unsigned samples above 32767 arrive negative. */
    public int storedValue(short sample) { return signed ? sample : sample & 0xFFFF; }
}
