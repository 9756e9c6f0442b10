// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

/**
 * What Lumen did with one damaged file: {@link Verdict#READ} and {@link Verdict#REFUSED} (with a sentence) are the
 * acceptable answers; every other verdict is a finding.
 *
 * @param detail the refusal's sentence, or what went wrong
 * @param allocatedBytes bytes allocated by all threads while the file was handled: an upper bound on its peak memory
 */
public record FuzzOutcome(Verdict verdict, String detail, long allocatedBytes, long millis) {

    public enum Verdict {
        /** Listed, stacked and rendered. */
        READ,
        /** Refused with a sentence: as a problem in the listing, or when its slice is decoded. */
        REFUSED,
        /** An exception or error other than a refusal escaped. */
        CRASH,
        /** Out of memory. */
        OUT_OF_MEMORY,
        /** Still running after the time limit. */
        HANG,
        /** A failure without a sentence: a blank reason, or a listing that neither lists nor refuses the file. */
        SILENT,
        /** An undamaged file beside the damaged one was not listed. */
        SPOILED_LISTING
    }

    public boolean acceptable() { return verdict == Verdict.READ || verdict == Verdict.REFUSED; }
}
