// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.lumen.annotation.mask.LabelMask;

/**
 * Compares two annotators' masks of one series: Dice per label value and lesion-level match
 * (6-connected components; a lesion matches when it shares at least one voxel with a lesion of the
 * same label in the other mask). Pure computation, no catalog.
 */
public final class MaskAgreement {

    private MaskAgreement() { }

    /** One entry per label value present in either mask, ascending. */
    public static List<ClassAgreement> compare(LabelMask a, LabelMask b) {
        if (a.columns() != b.columns() || a.rows() != b.rows() || a.slices() != b.slices()) {
            throw new IllegalArgumentException("masks of different grids cannot be compared: " + a.columns() + "x" + a.rows() + "x"
                    + a.slices() + " and " + b.columns() + "x" + b.rows() + "x" + b.slices());
        }
        long[] countA = new long[256];
        long[] countB = new long[256];
        long[] both = new long[256];
        BitSet slices = a.labelledSlices();
        slices.or(b.labelledSlices());
        for (int k = slices.nextSetBit(0); k >= 0; k = slices.nextSetBit(k + 1)) {
            byte[] pa = a.sliceOrNull(k);
            byte[] pb = b.sliceOrNull(k);
            int n = a.columns() * a.rows();
            for (int p = 0; p < n; p++) {
                int la = pa == null ? 0 : pa[p] & 0xFF;
                int lb = pb == null ? 0 : pb[p] & 0xFF;
                countA[la]++;
                countB[lb]++;
                if (la == lb && la != 0) {
                    both[la]++;
                }
            }
        }
        LesionComponents ca = LesionComponents.of(a);
        LesionComponents cb = LesionComponents.of(b);
        BitSet matchedRootsA = new BitSet(ca.runs());
        BitSet matchedRootsB = new BitSet(cb.runs());
        for (long key : ca.rowKeys()) {
            int[] ra = ca.runsOfKey(key);
            int[] rb = cb.runsOfKey(key);
            if (rb != null) {
                LesionComponents.forOverlaps(ca, ra[0], ra[1], cb, rb[0], rb[1], (x, y) -> {
                    matchedRootsA.set(ca.root(x));
                    matchedRootsB.set(cb.root(y));
                });
            }
        }
        int[] lesionsA = ca.componentsPerLabel();
        int[] lesionsB = cb.componentsPerLabel();
        int[] matchedA = matchedPerLabel(ca, matchedRootsA);
        int[] matchedB = matchedPerLabel(cb, matchedRootsB);
        List<ClassAgreement> result = new ArrayList<>();
        for (int label = 1; label < 256; label++) {
            if (countA[label] + countB[label] > 0) {
                double dice = 2.0 * both[label] / (countA[label] + countB[label]);
                result.add(new ClassAgreement(label, dice, countA[label], countB[label], both[label],
                        lesionsA[label], lesionsB[label], matchedA[label], matchedB[label]));
            }
        }
        return result;
    }

    private static int[] matchedPerLabel(LesionComponents c, BitSet matchedRoots) {
        int[] perLabel = new int[256];
        for (int r = matchedRoots.nextSetBit(0); r >= 0; r = matchedRoots.nextSetBit(r + 1)) {
            perLabel[c.labelOf(r)]++;
        }
        return perLabel;
    }
}
