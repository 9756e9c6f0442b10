// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.lumen.annotation.mask.LabelMask;

/**
 * Remembers, for an edit in progress, each touched slice as it was before the edit's first change
 * to it; at the end it diffs those slices against the mask and keeps only what changed. Voxels
 * painted several times in one stroke thus cost one record, with their first and final labels.
 */
final class ChangeRecorder {

    /** Stands for "this slice had no labels" in {@link #before}. */
    private static final byte[] NONE = new byte[0];

    private final LabelMask mask;
    private final byte[][] before;
    private final BitSet touched;

    ChangeRecorder(LabelMask mask) {
        this.mask = mask;
        this.before = new byte[mask.slices()][];
        this.touched = new BitSet(mask.slices());
    }

    /** Call before changing any voxel of slice k. */
    void touch(int k) {
        if (!touched.get(k)) {
            touched.set(k);
            byte[] plane = mask.sliceOrNull(k);
            before[k] = plane == null ? NONE : plane.clone();
        }
    }

    boolean isEmpty() {
        return touched.isEmpty();
    }

    /** The edit made since the last {@link #finish} or {@link #revert}, and forgets the snapshots. */
    MaskEdit finish(String name) {
        List<SliceChange> changes = new ArrayList<>();
        for (int k = touched.nextSetBit(0); k >= 0; k = touched.nextSetBit(k + 1)) {
            SliceChange change = diff(k, before[k] == NONE ? null : before[k], mask.sliceOrNull(k));
            if (change != null) {
                changes.add(change);
            }
            before[k] = null;
        }
        touched.clear();
        return new MaskEdit(mask, name, changes);
    }

    /** Puts every touched slice back as it was and forgets the snapshots; returns those slices. */
    BitSet revert() {
        BitSet slices = (BitSet) touched.clone();
        for (int k = touched.nextSetBit(0); k >= 0; k = touched.nextSetBit(k + 1)) {
            mask.replaceSlice(k, before[k] == NONE ? null : before[k]);
            before[k] = null;
        }
        touched.clear();
        return slices;
    }

    private SliceChange diff(int k, byte[] old, byte[] now) {
        int size = mask.columns() * mask.rows();
        int changed = 0;
        boolean oldEmpty = true;
        boolean nowEmpty = true;
        for (int p = 0; p < size; p++) {
            byte a = old == null ? 0 : old[p];
            byte b = now == null ? 0 : now[p];
            oldEmpty &= a == 0;
            nowEmpty &= b == 0;
            if (a != b) {
                changed++;
            }
        }
        if (changed == 0) {
            return null;
        }
        long wholeBytes = (oldEmpty ? 0 : size) + (nowEmpty ? 0 : size);
        if (wholeBytes <= 6L * changed) {
            // The snapshot is already a private copy; the current slice must be copied.
            return new SliceChange.Whole(k, oldEmpty ? null : old, nowEmpty ? null : now.clone(), changed);
        }
        int[] offsets = new int[changed];
        byte[] was = new byte[changed];
        byte[] is = new byte[changed];
        int m = 0;
        for (int p = 0; p < size; p++) {
            byte a = old == null ? 0 : old[p];
            byte b = now == null ? 0 : now[p];
            if (a != b) {
                offsets[m] = p;
                was[m] = a;
                is[m] = b;
                m++;
            }
        }
        return new SliceChange.Voxels(k, offsets, was, is);
    }
}
