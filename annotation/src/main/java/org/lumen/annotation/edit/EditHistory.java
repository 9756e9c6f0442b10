// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Undo and redo stacks of {@link UndoableEdit}s, bounded by the bytes the edits hold and by a number
 * of steps: past either bound the oldest undo steps are forgotten. The newest step is always kept,
 * even when it alone is over the byte bound, so the last action can always be undone. One history
 * may serve several masks and the object labels of a case. Thread-confined.
 */
public final class EditHistory {

    /** Default byte bound: 64 MiB, a small share of a workstation heap. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Default step bound. */
    public static final int DEFAULT_MAX_STEPS = 500;

    /** What happened to the history, for listeners that repaint or autosave. */
    public enum Action { DONE, UNDONE, REDONE }

    /** Told after every change to the stacks, with the edit concerned. */
    @FunctionalInterface
    public interface Listener {
        void changed(Action action, UndoableEdit edit);
    }

    private final long maxBytes;
    private final int maxSteps;
    private final Deque<UndoableEdit> undo = new ArrayDeque<>();
    private final Deque<UndoableEdit> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long bytes;

    public EditHistory() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_STEPS);
    }

    public EditHistory(long maxBytes, int maxSteps) {
        if (maxBytes <= 0 || maxSteps <= 0) {
            throw new IllegalArgumentException("history bounds must be positive: " + maxBytes + " bytes, " + maxSteps + " steps");
        }
        this.maxBytes = maxBytes;
        this.maxSteps = maxSteps;
    }

    /** Records an edit that has just been done; clears the redo stack. */
    public void done(UndoableEdit edit) {
        Objects.requireNonNull(edit, "edit");
        redo.forEach(e -> bytes -= e.bytes());
        redo.clear();
        undo.push(edit);
        bytes += edit.bytes();
        while (undo.size() > 1 && (bytes > maxBytes || undo.size() > maxSteps)) {
            bytes -= undo.removeLast().bytes();
        }
        fire(Action.DONE, edit);
    }

    /** Undoes the newest step; empty when there is nothing to undo. */
    public Optional<UndoableEdit> undo() {
        UndoableEdit edit = undo.poll();
        if (edit == null) {
            return Optional.empty();
        }
        edit.undo();
        redo.push(edit);
        fire(Action.UNDONE, edit);
        return Optional.of(edit);
    }

    /** Redoes the step undone last; empty when there is nothing to redo. */
    public Optional<UndoableEdit> redo() {
        UndoableEdit edit = redo.poll();
        if (edit == null) {
            return Optional.empty();
        }
        edit.redo();
        undo.push(edit);
        fire(Action.REDONE, edit);
        return Optional.of(edit);
    }

    public boolean canUndo() { return !undo.isEmpty(); }

    public boolean canRedo() { return !redo.isEmpty(); }

    /** The step {@link #undo} would undo. */
    public Optional<UndoableEdit> nextUndo() { return Optional.ofNullable(undo.peek()); }

    /** The step {@link #redo} would redo. */
    public Optional<UndoableEdit> nextRedo() { return Optional.ofNullable(redo.peek()); }

    public int undoSteps() { return undo.size(); }

    public int redoSteps() { return redo.size(); }

    /** Bytes held by both stacks together. */
    public long bytes() { return bytes; }

    public long maxBytes() { return maxBytes; }

    public int maxSteps() { return maxSteps; }

    /** Forgets every step (after a save that starts a new revision, for instance). */
    public void clear() {
        undo.clear();
        redo.clear();
        bytes = 0;
    }

    public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

    public void removeListener(Listener listener) { listeners.remove(listener); }

    private void fire(Action action, UndoableEdit edit) {
        listeners.forEach(l -> l.changed(action, edit));
    }
}
