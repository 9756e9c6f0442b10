// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The object labels (boxes, points, lines, classifications) of a case, in the order added, with
 * every add, replace and remove an undoable step on the given {@link EditHistory} — the same history
 * as the masks', so Undo walks back through painting and drawing alike. A drag that moves a handle
 * should {@link #replace} once, on release. Thread-confined; listeners run after each change.
 */
public final class ObjectLabelSet {

    private final EditHistory history;
    private final List<ObjectLabel> labels = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ObjectLabelSet(EditHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Fills an empty set with labels read back from the catalog: the state a session starts from,
     * so not a step (nothing to undo, nothing to save again).
     *
     * @throws IllegalStateException when the set already holds labels
     * @throws IllegalArgumentException when two labels share an id
     */
    public void load(java.util.Collection<? extends ObjectLabel> saved) {
        if (!labels.isEmpty()) {
            throw new IllegalStateException("labels can only be loaded into an empty set; it holds " + labels.size());
        }
        long distinct = saved.stream().map(ObjectLabel::id).distinct().count();
        if (distinct != saved.size()) {
            throw new IllegalArgumentException("the saved labels repeat an id");
        }
        labels.addAll(saved);
        listeners.forEach(Runnable::run);
    }

    /**
     * Adds a new label.
     *
     * @throws IllegalArgumentException when one with the same id is here already (use {@link #replace})
     */
    public void add(ObjectLabel label) {
        Objects.requireNonNull(label, "label");
        if (indexOf(label.id()) >= 0) {
            throw new IllegalArgumentException("a label with id " + label.id() + " is already in the set");
        }
        apply(new Change("Add " + kind(label), labels.size(), null, label));
    }

    /** Replaces the label with {@code label}'s id (an edited copy), keeping its place; false when there is none. */
    public boolean replace(ObjectLabel label) {
        Objects.requireNonNull(label, "label");
        int index = indexOf(label.id());
        if (index < 0) {
            return false;
        }
        ObjectLabel old = labels.get(index);
        if (!old.equals(label)) {
            apply(new Change("Edit " + kind(label), index, old, label));
        }
        return true;
    }

    /** Removes the label with this id; false when there was none. */
    public boolean remove(UUID id) {
        int index = indexOf(id);
        if (index < 0) {
            return false;
        }
        ObjectLabel old = labels.get(index);
        apply(new Change("Delete " + kind(old), index, old, null));
        return true;
    }

    public Optional<ObjectLabel> get(UUID id) {
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(labels.get(index));
    }

    public int size() {
        return labels.size();
    }

    /** A snapshot, in the order added. */
    public List<ObjectLabel> all() {
        return List.copyOf(labels);
    }

    /** The vector labels (boxes, points, lines), in order. */
    public List<VectorLabel> vectorLabels() {
        return labels.stream().filter(VectorLabel.class::isInstance).map(VectorLabel.class::cast).toList();
    }

    /** The classification labels, in order. */
    public List<ClassificationLabel> classifications() {
        return labels.stream().filter(ClassificationLabel.class::isInstance).map(ClassificationLabel.class::cast).toList();
    }

    public void addListener(Runnable listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

    public void removeListener(Runnable listener) { listeners.remove(listener); }

    private void apply(Change change) {
        change.redo();
        history.done(change);
    }

    private int indexOf(UUID id) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String kind(ObjectLabel label) {
        return switch (label) {
            case BoxLabel b -> "box";
            case PointLabel p -> "point";
            case LineLabel l -> "line";
            case ClassificationLabel c -> "classification";
        };
    }

    /** One step: at {@code index}, {@code before} (null: absent) becomes {@code after} (null: removed). */
    private final class Change implements UndoableEdit {
        private final String name;
        private final int index;
        private final ObjectLabel before;
        private final ObjectLabel after;

        Change(String name, int index, ObjectLabel before, ObjectLabel after) {
            this.name = name;
            this.index = index;
            this.before = before;
            this.after = after;
        }

        @Override
        public String name() { return name; }

        @Override
        public void undo() { swap(after, before); }

        @Override
        public void redo() { swap(before, after); }

        @Override
        public long bytes() { return 256; }

        private void swap(ObjectLabel from, ObjectLabel to) {
            if (from == null) {
                labels.add(index, to);
            } else if (to == null) {
                labels.remove(index);
            } else {
                labels.set(index, to);
            }
            listeners.forEach(Runnable::run);
        }
    }
}
