// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.MeasurementStore;
import org.lumen.annotation.catalog.StoredMeasurement;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * Keeps the window's measurements in the catalog: every add, edit and delete in the set is saved with
 * its study and series on the catalog lane (changes that pile up while the lane is busy, a handle
 * dragged, go as one transaction); opening a series puts its saved measurements back. Taking a
 * closed study's measurements off screen ({@link #forget}) leaves them in the catalog. The set is
 * used on the FX thread only.
 */
final class MeasurementKeeper {

    private final MeasurementSet set;
    private final Supplier<Catalog> catalog;
    private final ExecutorService lane;
    private final FxTaskRunner tasks;
    private final Function<String, String> studyOfSeries;
    private final Consumer<String> report;
    /** What the catalog holds (or will, once the lane has run) of the measurements in the set. */
    private final Map<UUID, Measurement> known = new HashMap<>();
    /** Changes waiting for the lane: a save, or null for a delete. Guarded by itself. */
    private final Map<UUID, MeasurementStore.Save> pending = new LinkedHashMap<>();
    private boolean quiet;
    private boolean flushQueued;

    /** @param studyOfSeries the study UID of a series on screen (null: unknown, the measurement is not kept) */
    MeasurementKeeper(MeasurementSet set, Supplier<Catalog> catalog, ExecutorService lane, FxTaskRunner tasks,
                      Function<String, String> studyOfSeries, Consumer<String> report) {
        this.set = set;
        this.catalog = catalog;
        this.lane = lane;
        this.tasks = tasks;
        this.studyOfSeries = studyOfSeries;
        this.report = report;
        set.addListener(this::changed);
    }

    /**
     * Reads the saved measurements of a series and adds those not already on screen, once the read is
     * done, if {@code stillShown} still says yes for the series (it may have been closed meanwhile).
     */
    void restore(String seriesUid, Predicate<String> stillShown) {
        tasks.submit(lane, BackgroundTask.of("Reading the measurements of the series", c -> {
            Catalog open = catalog.get();
            return open == null ? List.<StoredMeasurement>of() : open.measurements().ofSeries(seriesUid);
        }), saved -> {
            if (!stillShown.test(seriesUid)) {
                return;
            }
            quietly(() -> saved.stream().map(StoredMeasurement::measurement).filter(m -> set.get(m.id()).isEmpty()).forEach(set::add));
        }, report);
    }

    /** Takes the measurements {@code which} matches off screen, keeping them in the catalog. */
    void forget(Predicate<Measurement> which) {
        quietly(() -> set.all().stream().filter(which).forEach(m -> set.remove(m.id())));
    }

    private void quietly(Runnable change) {
        quiet = true;
        try {
            change.run();
        } finally {
            quiet = false;
            known.clear();
            set.all().forEach(m -> known.put(m.id(), m));
        }
    }

    private void changed() {
        if (quiet) {
            return;
        }
        Map<UUID, Measurement> now = new LinkedHashMap<>();
        set.all().forEach(m -> now.put(m.id(), m));
        List<UUID> gone = new ArrayList<>();
        known.keySet().stream().filter(id -> !now.containsKey(id)).forEach(gone::add);
        synchronized (pending) {
            for (Measurement m : now.values()) {
                if (!m.equals(known.get(m.id()))) {
                    String study = studyOfSeries.apply(m.seriesInstanceUid());
                    if (study != null) {
                        pending.put(m.id(), new MeasurementStore.Save(study, m));
                    }
                }
            }
            gone.forEach(id -> pending.put(id, null));
            if (pending.isEmpty() || flushQueued) {
                known.clear();
                known.putAll(now);
                return;
            }
            flushQueued = true;
        }
        known.clear();
        known.putAll(now);
        tasks.submit(lane, BackgroundTask.of("Keeping the measurements", c -> flush()), done -> { },
                failure -> report.accept("Could not keep the measurements in the catalog: " + failure));
    }

    /** On the lane: writes what piled up since the last flush as one transaction. */
    private Void flush() {
        Map<UUID, MeasurementStore.Save> saves = new LinkedHashMap<>();
        List<UUID> deletions = new ArrayList<>();
        synchronized (pending) {
            pending.forEach((id, save) -> {
                if (save == null) {
                    deletions.add(id);
                } else {
                    saves.put(id, save);
                }
            });
            pending.clear();
            flushQueued = false;
        }
        Catalog open = catalog.get();
        if (open == null) {
            throw new IllegalStateException("the catalog is not open");
        }
        open.measurements().apply(saves, deletions);
        return null;
    }
}
