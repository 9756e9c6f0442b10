// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.image.PixelDescription;

/** Turns raw 8/16-bit words into stored values: keeps Bits Stored below High Bit and extends the sign. */
final class SampleBits {

    private SampleBits() { }

    static GrayFrame normalise(PixelDescription p, short[] samples) {
        boolean unsigned = normaliseInPlace(p, samples, samples.length);
        return GrayFrame.of16(p.columns(), p.rows(), samples, unsigned);
    }

    /**
     * Normalises the first {@code count} words of {@code samples} in place; true when the values are to be read as
     * unsigned 16-bit (all 16 bits stored, not signed). A decoder can run this over a warm scratch array before its one
     * copy into the frame's own array, instead of a second pass over memory that copy has just left the cache with.
     */
    static boolean normaliseInPlace(PixelDescription p, short[] samples, int count) {
        int bitsStored = p.bitsStored();
        int container = p.bitsAllocated() == 8 ? 8 : 16;
        int shift = p.highBit() + 1 - bitsStored;
        boolean signed = p.signed();
        if (bitsStored >= container && shift == 0) {
            if (container == 8 && signed) {
                for (int i = 0; i < count; i++) {
                    samples[i] = (byte) samples[i];
                }
            }
            return !signed && container == 16;
        }
        int low = Math.max(0, shift);
        // Branch-free loops so the JIT can vectorise them: this runs over every pixel of every slice.
        if (signed) {
            int up = 32 - bitsStored;
            for (int i = 0; i < count; i++) {
                samples[i] = (short) ((((samples[i] & 0xFFFF) >>> low) << up) >> up);
            }
        } else {
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < count; i++) {
                samples[i] = (short) (((samples[i] & 0xFFFF) >>> low) & mask);
            }
        }
        // Fewer than 16 stored bits always fit a signed short, so the values need no unsigned view.
        return false;
    }
}
