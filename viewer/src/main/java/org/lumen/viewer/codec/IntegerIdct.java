// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

/**
 * The inverse DCT of the Independent JPEG Group's library ({@code jidctint.c}, the "islow" method: 13-bit
 * fixed-point constants, the Loeffler–Ligtenberg–Moschytz factorisation, one column pass then one row pass),
 * which DCMTK's {@code dcmdjpeg}, GDCM and Java's own JPEG reader all use. Computing the same integers makes
 * Lumen's DCT decoders give those decoders' values exactly instead of within one unit. The intermediate
 * scaling keeps 2 extra bits at 8-bit precision and 1 at 12 bits, as the library does.
 */
final class IntegerIdct {

    private static final int CONST_BITS = 13;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private IntegerIdct() { }

    /**
     * Inverse transforms one block of dequantised coefficients (natural order, row-major) into samples,
     * level-shifted and clamped to {@code 0..(1 << precision) - 1}.
     *
     * @param work 64 ints of scratch
     */
    static void inverse(int[] f, int[] work, int[] out, int precision) {
        int pass1 = precision <= 8 ? 2 : 1;
        for (int c = 0; c < 8; c++) {
            if (f[8 + c] == 0 && f[16 + c] == 0 && f[24 + c] == 0 && f[32 + c] == 0 && f[40 + c] == 0 && f[48 + c] == 0
                    && f[56 + c] == 0) {
                int dc = f[c] << pass1;
                for (int r = 0; r < 8; r++) {
                    work[r * 8 + c] = dc;
                }
                continue;
            }
            butterfly(f[c], f[8 + c], f[16 + c], f[24 + c], f[32 + c], f[40 + c], f[48 + c], f[56 + c],
                    work, c, 8, CONST_BITS - pass1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        int centre = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int r = 0; r < 8; r++) {
            int b = r * 8;
            butterfly(work[b], work[b + 1], work[b + 2], work[b + 3], work[b + 4], work[b + 5], work[b + 6], work[b + 7],
                    out, b, 1, CONST_BITS + pass1 + 3, centre, 0, max);
        }
    }

    /** One 8-point inverse transform of x0..x7 into out[at + i·step], descaled by {@code shift}, shifted and clamped. */
    private static void butterfly(int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, int[] out, int at, int step,
                                  int shift, int level, int low, int high) {
        // Even part.
        int z1 = (x2 + x6) * FIX_0_541196100;
        int tmp2 = z1 - x6 * FIX_1_847759065;
        int tmp3 = z1 + x2 * FIX_0_765366865;
        int tmp0 = (x0 + x4) << CONST_BITS;
        int tmp1 = (x0 - x4) << CONST_BITS;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;
        // Odd part.
        int t0 = x7;
        int t1 = x5;
        int t2 = x3;
        int t3 = x1;
        z1 = t0 + t3;
        int z2 = t1 + t2;
        int z3 = t0 + t2;
        int z4 = t1 + t3;
        int z5 = (z3 + z4) * FIX_1_175875602;
        t0 *= FIX_0_298631336;
        t1 *= FIX_2_053119869;
        t2 *= FIX_3_072711026;
        t3 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560 + z5;
        z4 = z4 * -FIX_0_390180644 + z5;
        t0 += z1 + z3;
        t1 += z2 + z4;
        t2 += z2 + z3;
        t3 += z1 + z4;
        int round = 1 << (shift - 1);
        out[at] = Math.clamp(((tmp10 + t3 + round) >> shift) + level, low, high);
        out[at + 7 * step] = Math.clamp(((tmp10 - t3 + round) >> shift) + level, low, high);
        out[at + step] = Math.clamp(((tmp11 + t2 + round) >> shift) + level, low, high);
        out[at + 6 * step] = Math.clamp(((tmp11 - t2 + round) >> shift) + level, low, high);
        out[at + 2 * step] = Math.clamp(((tmp12 + t1 + round) >> shift) + level, low, high);
        out[at + 5 * step] = Math.clamp(((tmp12 - t1 + round) >> shift) + level, low, high);
        out[at + 3 * step] = Math.clamp(((tmp13 + t0 + round) >> shift) + level, low, high);
        out[at + 4 * step] = Math.clamp(((tmp13 - t0 + round) >> shift) + level, low, high);
    }
}
