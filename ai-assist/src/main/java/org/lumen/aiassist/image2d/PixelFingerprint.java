// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

/**
 * A 64-bit fingerprint of an image's values, part of a 2D result's cache key beside its SOP Instance UID and frame: a
 * file rewritten with other pixels under the same UID (a phantom generated again, an image edited and saved back)
 * must not be answered by the old result. Not a cryptographic hash; it only has to tell images apart that share a UID.
 * Every value of every channel counts, read row by row (a 4664 × 3064 mammogram takes some 20 ms).
 */
final class PixelFingerprint {

    private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;

    private PixelFingerprint() { }

    static String of(PlanarImage image) {
        int w = image.columns();
        float[] row = new float[w];
        long h = 0x5EED_1234_ABCD_0001L ^ ((long) w << 32 | image.rows()) ^ image.channels();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.rows(); y++) {
                image.readRow(c, y, 0, w, row);
                // Four independent lanes: one multiply chain would make the loop wait on each multiplication.
                long a = h;
                long b = h ^ 1;
                long d = h ^ 2;
                long e = h ^ 3;
                int x = 0;
                for (; x + 3 < w; x += 4) {
                    a = (a + Float.floatToRawIntBits(row[x])) * MULTIPLIER;
                    b = (b + Float.floatToRawIntBits(row[x + 1])) * MULTIPLIER;
                    d = (d + Float.floatToRawIntBits(row[x + 2])) * MULTIPLIER;
                    e = (e + Float.floatToRawIntBits(row[x + 3])) * MULTIPLIER;
                }
                for (; x < w; x++) {
                    a = (a + Float.floatToRawIntBits(row[x])) * MULTIPLIER;
                }
                h = mix(a ^ Long.rotateLeft(b, 17) ^ Long.rotateLeft(d, 31) ^ Long.rotateLeft(e, 47));
            }
        }
        return String.format("%016x", h);
    }

    /** The finaliser of SplitMix64: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
