// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

/**
 * Agreement of two masks on one label value: Dice (2|A∩B| / (|A|+|B|)) with the voxel counts behind
 * it, and lesion-level match: the connected components (lesions) each annotator drew and how many of
 * them overlap a lesion of the same label drawn by the other.
 */
public record ClassAgreement(int label, double dice, long voxelsA, long voxelsB, long overlap,
                             int lesionsA, int lesionsB, int matchedA, int matchedB) {

    /** Lesion-level F1: matched lesions of both over all lesions of both (1 when neither drew any). */
    public double lesionF1() {
        int all = lesionsA + lesionsB;
        return all == 0 ? 1 : (double) (matchedA + matchedB) / all;
    }
}
