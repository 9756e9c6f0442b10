// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * The measurements of one session, in the order they were added, keyed by id. Viewports query it
 * per plane and listen for changes to redraw. Thread-confined: use it from one thread (the UI
 * thread); it does no locking. Listeners run on that thread after each change that altered the set.
 */
public final class MeasurementSet {

    private final Map<UUID, Measurement> byId = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a new measurement.
     *
     * @throws IllegalArgumentException when one with the same id is already here (use {@link #replace})
     */
    public void add(Measurement m) {
        Objects.requireNonNull(m, "measurement");
        if (byId.putIfAbsent(m.id(), m) != null) {
            throw new IllegalArgumentException("a measurement with id " + m.id() + " is already in the set");
        }
        changed();
    }

    /**
     * Replaces the measurement with {@code m}'s id (an edited copy), keeping its place in the order.
     *
     * @return false, changing nothing, when there is no measurement with that id
     */
    public boolean replace(Measurement m) {
        Objects.requireNonNull(m, "measurement");
        Measurement old = byId.get(m.id());
        if (old == null) {
            return false;
        }
        if (!old.equals(m)) {
            byId.put(m.id(), m);
            changed();
        }
        return true;
    }

    /** Removes the measurement with this id; false when there was none. */
    public boolean remove(UUID id) {
        boolean removed = byId.remove(id) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    public void clear() {
        if (!byId.isEmpty()) {
            byId.clear();
            changed();
        }
    }

    public Optional<Measurement> get(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /** A snapshot, in the order added. */
    public List<Measurement> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The measurements to show on plane {@code n}: those of the frame of reference
     * {@code frameOfReferenceUid} that {@link PlaneTolerance#liesOn lie on} the plane. A null frame
     * of reference matches nothing here; use {@link #on(ViewPlane, int, String, String)} for series
     * that declare none.
     */
    public List<Measurement> on(ViewPlane plane, int n, String frameOfReferenceUid) {
        return on(plane, n, frameOfReferenceUid, null);
    }

    /**
     * The measurements to show on plane {@code n} of a series: those in the same patient space
     * (both frames of reference known and equal; or, where either is missing, the same series) that
     * lie on the plane.
     */
    public List<Measurement> on(ViewPlane plane, int n, String frameOfReferenceUid, String seriesInstanceUid) {
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : byId.values()) {
            if (samePatientSpace(m, frameOfReferenceUid, seriesInstanceUid) && PlaneTolerance.liesOn(m, plane, n)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Calls {@code listener} after every change; returns it so the caller can remove it later. */
    public Runnable addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return listener;
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private static boolean samePatientSpace(Measurement m, String frameOfReferenceUid, String seriesInstanceUid) {
        if (m.frameOfReferenceUid() != null && frameOfReferenceUid != null) {
            return m.frameOfReferenceUid().equals(frameOfReferenceUid);
        }
        return seriesInstanceUid != null && seriesInstanceUid.equals(m.seriesInstanceUid());
    }

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
