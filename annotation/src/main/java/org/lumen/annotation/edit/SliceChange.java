// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import org.lumen.annotation.mask.LabelMask;

/**
 * What one edit changed in one slice of a mask: either the changed voxels with their labels before
 * and after (small edits), or the whole slice before and after (when that is cheaper).
 */
sealed interface SliceChange {

    /** Fixed bookkeeping cost of one change object and its arrays' headers. */
    long OVERHEAD_BYTES = 64;

    int slice();

    /** Voxels whose label differs before and after. */
    long changedVoxels();

    long bytes();

    void apply(LabelMask mask, boolean forward);

    /** Changed voxels as offsets in the slice (row-major), with their labels before and after. */
    record Voxels(int slice, int[] offsets, byte[] before, byte[] after) implements SliceChange {

        @Override
        public long changedVoxels() {
            return offsets.length;
        }

        @Override
        public long bytes() {
            return OVERHEAD_BYTES + 6L * offsets.length;
        }

        @Override
        public void apply(LabelMask mask, boolean forward) {
            byte[] labels = forward ? after : before;
            int columns = mask.columns();
            for (int m = 0; m < offsets.length; m++) {
                mask.set(offsets[m] % columns, offsets[m] / columns, slice, labels[m] & 0xFF);
            }
        }
    }

    /** The whole slice before and after; null stands for a slice without labels. */
    record Whole(int slice, byte[] before, byte[] after, long changedVoxels) implements SliceChange {

        @Override
        public long bytes() {
            return OVERHEAD_BYTES + (before == null ? 0 : before.length) + (after == null ? 0 : after.length);
        }

        @Override
        public void apply(LabelMask mask, boolean forward) {
            mask.replaceSlice(slice, forward ? after : before);
        }
    }
}
