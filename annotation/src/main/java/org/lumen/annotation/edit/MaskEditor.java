// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

/**
 * The one way tools change a {@link LabelMask}: every voxel change happens inside an edit, and each
 * edit ends as one {@link MaskEdit} on the {@link EditHistory}. A stroke ({@link #beginStroke} …
 * {@link #endStroke}) groups everything a mouse drag does into one undoable step; a tool called
 * outside a stroke is its own step. Changing the mask other than through its editor while the
 * history holds its edits makes undo restore stale labels. Undo and redo through the history itself
 * (shared by several masks and the object labels of a case) reach this editor's listeners too.
 * Thread-confined.
 */
public final class MaskEditor {

    /** Told which slices (index k) changed: as tools paint, and on undo and redo of this mask's edits. */
    @FunctionalInterface
    public interface Listener {
        void slicesChanged(BitSet slices);
    }

    private final LabelMask mask;
    private final EditHistory history;
    private final ChangeRecorder recorder;
    private final BitSet unreported;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final EditHistory.Listener historyListener;
    private String strokeName;

    public MaskEditor(LabelMask mask, EditHistory history) {
        this.mask = Objects.requireNonNull(mask, "mask");
        this.history = Objects.requireNonNull(history, "history");
        this.recorder = new ChangeRecorder(mask);
        this.unreported = new BitSet(mask.slices());
        this.historyListener = (action, edit) -> {
            if (action != EditHistory.Action.DONE && edit instanceof MaskEdit m && m.mask() == mask) {
                fire(m.slices());
            }
        };
        history.addListener(historyListener);
    }

    /**
     * Stops listening to the history (which otherwise keeps this editor reachable as long as it
     * lives): call when the mask is closed but the history, shared with other masks, stays.
     */
    public void detach() {
        endStroke();
        history.removeListener(historyListener);
    }

    public LabelMask mask() { return mask; }

    public EditHistory history() { return history; }

    public int columns() { return mask.columns(); }

    public int rows() { return mask.rows(); }

    public int slices() { return mask.slices(); }

    public int get(int i, int j, int k) {
        return mask.get(i, j, k);
    }

    /**
     * Sets one voxel inside the open edit; ignores voxels outside the grid. Returns the previous label.
     *
     * @throws IllegalStateException outside {@link #edit} or a stroke
     */
    public int set(int i, int j, int k, int label) {
        requireOpen();
        if (!mask.contains(i, j, k)) {
            return 0;
        }
        recorder.touch(k);
        unreported.set(k);
        return mask.set(i, j, k, label);
    }

    /**
     * Writes {@code rule}'s label into voxel (i, j, k) if the rule allows it there; true when the
     * label changed. Outside the grid nothing happens.
     *
     * @throws IllegalStateException outside {@link #edit} or a stroke, when the voxel would change
     */
    public boolean paint(int i, int j, int k, PaintRule rule) {
        if (!mask.contains(i, j, k)) {
            return false;
        }
        int current = mask.get(i, j, k);
        if (current == rule.label() || !rule.allows(current)) {
            return false;
        }
        set(i, j, k, rule.label());
        return true;
    }

    /**
     * Replaces slice k inside the open edit (null clears it).
     *
     * @throws IllegalStateException outside {@link #edit} or a stroke
     */
    public void replaceSlice(int k, byte[] labels) {
        requireOpen();
        Objects.checkIndex(k, mask.slices());
        recorder.touch(k);
        unreported.set(k);
        mask.replaceSlice(k, labels);
    }

    /**
     * Opens a stroke: every change until {@link #endStroke} is one undoable step named {@code name}.
     *
     * @throws IllegalStateException when a stroke is already open
     */
    public void beginStroke(String name) {
        Objects.requireNonNull(name, "name");
        if (strokeName != null) {
            throw new IllegalStateException("a stroke (" + strokeName + ") is already open");
        }
        strokeName = name;
    }

    public boolean inStroke() { return strokeName != null; }

    /** Closes the open stroke and records it; empty (and nothing recorded) when it changed no voxel or none was open. */
    public Optional<MaskEdit> endStroke() {
        if (strokeName == null) {
            return Optional.empty();
        }
        String name = strokeName;
        strokeName = null;
        report();
        MaskEdit edit = recorder.finish(name);
        if (edit.changedVoxels() == 0) {
            return Optional.empty();
        }
        history.done(edit);
        return Optional.of(edit);
    }

    /** Abandons the open stroke, putting back every voxel it changed; nothing is recorded. */
    public void cancelStroke() {
        if (strokeName == null) {
            return;
        }
        strokeName = null;
        unreported.clear();
        BitSet slices = recorder.revert();
        if (!slices.isEmpty()) {
            fire(slices);
        }
    }

    /**
     * Runs one tool action. Inside an open stroke it joins the stroke; otherwise it is a step of its
     * own named {@code name}. If the action throws, the changes of its own step are put back.
     */
    public <T> T edit(String name, Supplier<T> action) {
        if (strokeName != null) {
            T result = action.get();
            report();
            return result;
        }
        beginStroke(name);
        T result;
        try {
            result = action.get();
        } catch (RuntimeException | Error e) {
            cancelStroke();
            throw e;
        }
        endStroke();
        return result;
    }

    /** Closes any open stroke, then undoes the newest step of the history. */
    public Optional<UndoableEdit> undo() {
        endStroke();
        return history.undo();
    }

    /** Closes any open stroke, then redoes the history's last undone step. */
    public Optional<UndoableEdit> redo() {
        endStroke();
        return history.redo();
    }

    /** Checks that {@code g} is the grid of this editor's mask. */
    void requireGrid(VolumeGeometry g) {
        if (g.columns() != mask.columns() || g.rows() != mask.rows() || g.slices() != mask.slices()) {
            throw new IllegalArgumentException("the series grid is " + g.columns() + "x" + g.rows() + "x" + g.slices()
                    + ", the mask's " + mask.columns() + "x" + mask.rows() + "x" + mask.slices());
        }
    }

    public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

    public void removeListener(Listener listener) { listeners.remove(listener); }

    private void requireOpen() {
        if (strokeName == null) {
            throw new IllegalStateException("voxels change only inside an edit or a stroke, so that they can be undone");
        }
    }

    private void report() {
        if (!unreported.isEmpty()) {
            BitSet slices = (BitSet) unreported.clone();
            unreported.clear();
            fire(slices);
        }
    }

    private void fire(BitSet slices) {
        listeners.forEach(l -> l.slicesChanged((BitSet) slices.clone()));
    }
}
