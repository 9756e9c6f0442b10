// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.BitSet;
import java.util.List;
import org.lumen.annotation.mask.LabelMask;

/**
 * One undoable change to a {@link LabelMask} — a stroke, a fill, an interpolation — holding only
 * the voxels it changed (or, for slices it mostly rewrote, those slices before and after). Made by
 * {@link MaskEditor}; the catalog can save just {@link #slices()} after it.
 */
public final class MaskEdit implements UndoableEdit {

    private final LabelMask mask;
    private final String name;
    private final List<SliceChange> changes;

    MaskEdit(LabelMask mask, String name, List<SliceChange> changes) {
        this.mask = mask;
        this.name = name;
        this.changes = List.copyOf(changes);
    }

    /** The mask this edit changes. */
    public LabelMask mask() { return mask; }

    @Override
    public String name() { return name; }

    /** The slices (index k) this edit changed. */
    public BitSet slices() {
        BitSet slices = new BitSet(mask.slices());
        changes.forEach(c -> slices.set(c.slice()));
        return slices;
    }

    /** How many voxels changed label. */
    public long changedVoxels() {
        return changes.stream().mapToLong(SliceChange::changedVoxels).sum();
    }

    @Override
    public long bytes() {
        return 48 + changes.stream().mapToLong(SliceChange::bytes).sum();
    }

    @Override
    public void undo() {
        changes.forEach(c -> c.apply(mask, false));
    }

    @Override
    public void redo() {
        changes.forEach(c -> c.apply(mask, true));
    }

    @Override
    public String toString() {
        return name + " (" + changedVoxels() + " voxels in " + changes.size() + " slices, " + bytes() + " bytes)";
    }
}
