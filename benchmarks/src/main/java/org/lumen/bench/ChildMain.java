// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The measurements that need a JVM of their own, started by {@link ChildJvm}:
 * <ul>
 * <li>{@code first-image DIR}: one opening of a folder up to the first rendered image in a fresh,
 *     JIT-cold JVM (see {@link FirstImage});</li>
 * <li>{@code big-series DIR}: a series larger than the pixel budget, loaded in a small heap with the
 *     slice on screen pinned, then scrolled end to end (evicted slices reload).</li>
 * </ul>
 * Logging is set up before the clock starts, as the workstation does at launch. Prints one
 * {@code RESULT {json}} line; exits 0 when the work completed, 1 when it did not.
 */
public final class ChildMain {

    private ChildMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ChildMain first-image|big-series DIR");
            System.exit(2);
        }
        Path folder = Path.of(args[1]);
        // The workstation sets up logging when it starts (LumenMain), before any study is opened: do the
        // same here, or the first header parse would pay logback's start-up (about 0.4 s on a cold JVM).
        org.slf4j.LoggerFactory.getLogger(ChildMain.class).debug("child benchmark {} on {}", args[0], folder);
        Map<String, Object> result = switch (args[0]) {
            case "first-image" -> firstImage(folder);
            case "big-series" -> bigSeries(folder);
            default -> throw new IllegalArgumentException("unknown child benchmark " + args[0]);
        };
        ChildJvm.printResult(result);
        System.exit(Boolean.TRUE.equals(result.get("completed")) ? 0 : 1);
    }

    private static Map<String, Object> firstImage(Path folder) throws Exception {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        try (Pools pools = new Pools()) {
            Map<String, Object> result = new LinkedHashMap<>(FirstImage.open(folder, pools).toMap());
            result.put("jvmUptimeAtStartMs", uptime);
            result.put("completed", true);
            return result;
        }
    }

    private static Map<String, Object> bigSeries(Path folder) {
        List<String> errors = new CopyOnWriteArrayList<>();
        int[] outOfMemory = new int[1];
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                outOfMemory[0]++;
            }
            errors.add(thread.getName() + ": " + e);
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        boolean completed = false;
        try (Pools pools = new Pools(); HeapSampler heap = HeapSampler.start()) {
            long t0 = System.nanoTime();
            DicomIndex index = new Indexer(pools.io(), pools.decodeThreads()).index(new FolderSource(folder), TaskContext.none());
            Series series = index.allSeries().stream().filter(Series::hasImages).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no image series in " + folder));
            StackPlan plan = new StackPlanner().plan(series);
            PixelCache cache = PixelCache.withDefaultBudget();
            SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
            try (Volume volume = loader.open(plan)) {
                int n = plan.sliceCount();
                int focus = n / 2;
                long pixelBytes = (long) n * volume.geometry().columns() * volume.geometry().rows() * volume.voxelType().bytesPerVoxel();
                r.put("slices", n);
                r.put("pixelBytes", pixelBytes);
                r.put("budgetBytes", cache.budgetBytes());
                long tIndexed = System.nanoTime();
                // What SeriesVolumes.open and the viewport do: decode the middle slice, show it, pin it, load the rest.
                VoxelSlice first = volume.slice(focus);
                PixelCache.Pin pin = volume.pin(focus);
                DisplaySettings display = DisplayDefaults.initial(volume.frame(focus).instance(), first);
                SliceRenderer renderer = new SliceRenderer();
                int[] screen = new int[first.columns() * first.rows()];
                renderer.renderArgb(first, display, screen);
                long tFirst = System.nanoTime();
                new SyncTaskRunner().submit(loader.loadTask(volume, focus)).join();
                long tLoaded = System.nanoTime();
                r.put("indexMs", (tIndexed - t0) / 1e6);
                r.put("firstImageMs", (tFirst - t0) / 1e6);
                r.put("loadMs", (tLoaded - tFirst) / 1e6);
                r.put("decodedAtLeastOnce", volume.loadedCount());
                r.put("failures", volume.failures().size());
                r.put("pinnedSliceKeptThroughLoad", volume.sliceIfPresent(focus).isPresent());
                r.put("evictionsDuringLoad", cache.evictions());
                r.put("cacheUsedAfterLoadBytes", cache.usedBytes());
                // Scroll end to end as a user dragging through the stack: the slice on screen is pinned,
                // evicted slices are decoded again (here on this thread, so the frame time includes it).
                long[] nanos = new long[n];
                int reloads = 0;
                for (int k = 0; k < n; k++) {
                    long start = System.nanoTime();
                    if (volume.sliceIfPresent(k).isEmpty()) {
                        reloads++;
                    }
                    VoxelSlice slice = volume.slice(k);
                    pin.close();
                    pin = volume.pin(k);
                    renderer.renderArgb(slice, display, screen);
                    nanos[k] = System.nanoTime() - start;
                }
                pin.close();
                FrameTimes scroll = new FrameTimes(nanos);
                r.put("scrollReloads", reloads);
                r.put("scrollMedianMs", scroll.medianMs());
                r.put("scrollP99Ms", scroll.p99Ms());
                r.put("scrollMaxMs", scroll.maxMs());
                r.put("evictionsTotal", cache.evictions());
                r.put("cachePeakBytes", cache.peakBytes());
                r.put("heapPeakUsedBytes", heap.peakBytes());
                System.gc();
                r.put("heapUsedAfterGcBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
                completed = volume.loadedCount() == n && volume.failures().isEmpty();
            }
        } catch (OutOfMemoryError e) {
            outOfMemory[0]++;
            errors.add("main: " + e);
        } catch (Exception e) {
            errors.add("main: " + e);
        }
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName() + ": " + gc.getCollectionCount() + " in " + gc.getCollectionTime() + " ms");
        }
        r.put("collectors", collectors);
        r.put("outOfMemoryErrors", outOfMemory[0]);
        r.put("errors", errors);
        r.put("completed", completed && outOfMemory[0] == 0 && errors.isEmpty());
        return r;
    }
}
