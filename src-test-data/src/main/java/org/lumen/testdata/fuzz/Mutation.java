// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

/** One damaged copy of a sample: its bytes and what was done to it, in words a failure report can quote. */
public record Mutation(Kind kind, String what, byte[] bytes) {

    /** The kinds of damage fuzzing found Lumen vulnerable to (issue 15). */
    public enum Kind {
        /** Degenerate Image Orientation / Position / Pixel Spacing: zero, parallel, huge or missing vectors. */
        GEOMETRY,
        /** Rows, columns, frames, bits and element lengths that promise more than the file holds. */
        SIZES,
        /** NaN, infinities and 1e308 in the numbers a viewer computes with. */
        NON_FINITE,
        /** The file cut short, in the header or inside the pixels. */
        CUT,
        /** Encapsulated fragments that are stale: lengths past the end, swapped, emptied, offsets that point nowhere. */
        STALE_FRAGMENTS,
        /** Random bytes of the header changed. */
        BYTES
    }
}
