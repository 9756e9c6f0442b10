// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.Collection;
import org.lumen.viewer.image.ModalityLut;
import org.lumen.viewer.image.PixelDescription;

/** How a volume stores its voxels, chosen so the modality LUT applies exactly in the smallest type. */
public enum VoxelType {
    /** Signed 16-bit modality values (HU for CT). */
    INT16(2),
    /** Unsigned 16-bit modality values (many MR, CR and DX images). */
    UINT16(2),
    /** 32-bit float: non-integral rescale, or values beyond 16 bits. */
    FLOAT32(4),
    /** Packed ARGB colour. */
    RGB(4);

    private final int bytesPerVoxel;

    VoxelType(int bytesPerVoxel) {
        this.bytesPerVoxel = bytesPerVoxel;
    }

    public int bytesPerVoxel() { return bytesPerVoxel; }

    /** The smallest type that holds every stored value of {@code pixels} after each of the LUTs. */
    public static VoxelType choose(PixelDescription pixels, Collection<ModalityLut> luts) {
        if (pixels.isColor()) {
            return RGB;
        }
        if (pixels.bitsAllocated() > 16 || luts.stream().anyMatch(l -> !l.isIntegral())) {
            return FLOAT32;
        }
        int bits = pixels.bitsStored();
        double lowStored = pixels.signed() ? -(1L << (bits - 1)) : 0;
        double highStored = pixels.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (ModalityLut lut : luts) {
            double[] range = lut.outputRange(lowStored, highStored);
            low = Math.min(low, range[0]);
            high = Math.max(high, range[1]);
        }
        if (low >= Short.MIN_VALUE && high <= Short.MAX_VALUE) {
            return INT16;
        }
        if (low >= 0 && high <= 0xFFFF) {
            return UINT16;
        }
        return FLOAT32;
    }
}
