// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.lumen.task.BackgroundTask;
import org.lumen.task.Pools;
import org.lumen.task.TaskHandle;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.ui.FxTaskRunner;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The volumes of the open study, one per series, shared by every viewport that shows the series.
 * Opening decodes the middle slice first (it sets the initial window), hands the volume to the
 * caller, then loads the rest outward from there as a cancellable task.
 */
final class SeriesVolumes {

    /** A series ready to show: its volume, the initial window, and the slice to start on. */
    record Opened(Series series, Volume volume, DisplaySettings display, int focus) { }

    private final Pools pools;
    private final PixelCache cache;
    private final FxTaskRunner tasks;
    private final Map<String, Opened> open = new HashMap<>();
    private final Map<String, TaskHandle<?>> loading = new HashMap<>();
    /** Counts {@link #closeAll}: a series still opening when its study was closed is dropped, not shown. */
    private long generation;

    SeriesVolumes(Pools pools, PixelCache cache, FxTaskRunner tasks) {
        this.pools = pools;
        this.cache = cache;
        this.tasks = tasks;
    }

    /** Calls back on the FX thread with the opened series, or with a sentence saying why it cannot be shown. */
    void open(Series series, Consumer<Opened> onOpened, Consumer<String> onFailure) {
        Opened existing = open.get(series.uid());
        if (existing != null) {
            onOpened.accept(existing);
            return;
        }
        if (!series.hasImages()) {
            onFailure.accept(describe(series) + " is a " + series.kind().description() + ", not an image series");
            return;
        }
        StackPlan plan = new StackPlanner().plan(series);
        if (plan.frames().isEmpty()) {
            onFailure.accept(describe(series) + ": " + String.join("; ", plan.notes()));
            return;
        }
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        Volume volume = loader.open(plan);
        int focus = plan.sliceCount() / 2;
        long mine = generation;
        tasks.submit(BackgroundTask.of("Opening " + describe(series), context -> volume.slice(focus)), first -> {
            if (mine != generation) {
                volume.close();
                return;
            }
            DisplaySettings display = DisplayDefaults.initial(volume.frame(focus).instance(), first);
            Opened opened = new Opened(series, volume, display, focus);
            open.put(series.uid(), opened);
            onOpened.accept(opened);
            loading.put(series.uid(), tasks.submit(loader.loadTask(volume, focus), loaded -> loading.remove(series.uid()),
                    onFailure));
        }, onFailure);
    }

    /**
     * An arriving series' volume grown to {@code plan} (decision 0017): a new volume over the larger plan
     * takes over the decoded slices of the one shown, the rest load outward from {@code focus} on the
     * decode pool, and {@code show} swaps it in (on the FX thread, at once) before the old volume is freed.
     * Nothing is decoded here. False when the series is not open (still opening, or closed meanwhile).
     */
    boolean grow(Series series, StackPlan plan, java.util.function.ToIntFunction<Volume> focusIn, Consumer<Opened> show) {
        Opened before = open.get(series.uid());
        if (before == null || plan.frames().isEmpty()) {
            return false;
        }
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        Volume volume = loader.grow(before.volume(), plan);
        int focus = Math.clamp(focusIn.applyAsInt(volume), 0, volume.sliceCount() - 1);
        TaskHandle<?> previous = loading.remove(series.uid());
        if (previous != null) {
            previous.cancel();
        }
        Opened grown = new Opened(series, volume, before.display(), focus);
        open.put(series.uid(), grown);
        show.accept(grown);
        before.volume().close();
        // A slice that cannot be decoded is said in its view; the task itself ends early only when cancelled.
        TaskHandle<?>[] handle = new TaskHandle<?>[1];
        handle[0] = tasks.submit(loader.loadTask(volume, focus), loaded -> loading.remove(series.uid(), handle[0]), this::loadFailed);
        loading.put(series.uid(), handle[0]);
        return true;
    }

    private void loadFailed(String sentence) {
        org.slf4j.LoggerFactory.getLogger(SeriesVolumes.class).warn("{}", sentence);
    }

    /** The volume shown for a series, if it is open. */
    java.util.Optional<Volume> volumeOf(String seriesUid) {
        return java.util.Optional.ofNullable(open.get(seriesUid)).map(Opened::volume);
    }

    /** Cancels loading and frees the pixels of every open series (a new study replaces the old). */
    void closeAll() {
        generation++;
        loading.values().forEach(TaskHandle::cancel);
        loading.clear();
        open.values().forEach(o -> o.volume().close());
        open.clear();
    }

    /** Cancels loading and frees the pixels of these series (their study was closed). */
    void close(java.util.Collection<String> seriesUids) {
        for (String uid : seriesUids) {
            TaskHandle<?> l = loading.remove(uid);
            if (l != null) {
                l.cancel();
            }
            Opened o = open.remove(uid);
            if (o != null) {
                o.volume().close();
            }
        }
    }

    static String describe(Series s) {
        return String.format(Locale.ROOT, "%s %s", s.modality() == null ? "" : s.modality(),
                s.info().description() == null ? s.uid() : s.info().description()).strip();
    }
}
