// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.testdata.Size;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The viewer's targets (docs/performance.md, "Viewer"): scrolling at display rate without per-frame
 * allocation, time to the first image of a series, and a series larger than the pixel budget in a
 * small heap. Each beside a baseline measured on the same data in the same run.
 */
final class ViewerFigures {

    /** One frame at 60 Hz. */
    static final double DISPLAY_FRAME_MS = 1000.0 / 60;

    private ViewerFigures() { }

    // ---------------------------------------------------------------- scrolling

    static List<Measurement> scroll(Path plain, IoBenchmarks io, Pools pools, boolean quick) throws Exception {
        StackPlan plan = new StackPlanner().plan(io.index(BenchData.dicomFiles(plain)).index().allSeries().getFirst());
        PixelCache cache = PixelCache.withDefaultBudget();
        SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), cache);
        List<Measurement> m = new ArrayList<>();
        try (Volume volume = loader.open(plan)) {
            int n = volume.sliceCount();
            new SyncTaskRunner().submit(loader.loadTask(volume, n / 2)).join();
            if (cache.evictions() > 0 || volume.loadedCount() != n) {
                throw new IllegalStateException("the scrolling benchmark needs the whole volume in memory; raise -Xmx");
            }
            VoxelSlice[] slices = new VoxelSlice[n];
            for (int k = 0; k < n; k++) {
                slices[k] = volume.slice(k);
            }
            DisplaySettings display = DisplayDefaults.initial(volume.frame(n / 2).instance(), slices[n / 2]);
            var g = volume.geometry();
            ViewPlane axial = ViewPlane.stored(g);
            ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
            ViewPlane sagittal = ViewPlane.of(g, PlaneAxis.COLUMNS);
            int passes = quick ? 1 : 2;

            ScrollBenchmark.Run copy = run(n, passes, ScrollBenchmark.rawCopy(slices));
            String base = "System.arraycopy of one stored slice (" + g.columns() + "x" + g.rows() + " int16)";
            addScroll(m, "stored (axial) " + axial.width() + "x" + axial.height(), run(n, passes,
                    ScrollBenchmark.viewport(volume, axial, 1, display)), base, copy);
            addScroll(m, "stored (axial) + repaint bookkeeping", run(n, passes,
                    ScrollBenchmark.viewportWithBookkeeping(volume, axial, display)), base, copy);
            addScroll(m, "coronal reformat " + coronal.width() + "x" + coronal.height(), run(coronal.count(), passes,
                    ScrollBenchmark.viewport(volume, coronal, 1, display)), base, copy);
            addScroll(m, "sagittal reformat " + sagittal.width() + "x" + sagittal.height(), run(sagittal.count(), passes,
                    ScrollBenchmark.viewport(volume, sagittal, 1, display)), base, copy);
            addScroll(m, "axial MIP, slab 10", run(n, passes,
                    ScrollBenchmark.viewport(volume, axial, 10, display)), base, copy);
        }
        return m;
    }

    /** One walk through the planes as warm-up, then {@code passes} round trips (there and back) measured. */
    private static ScrollBenchmark.Run run(int count, int passes, ScrollBenchmark.Frame frame) {
        int roundTrip = Math.max(1, 2 * (count - 1));
        return ScrollBenchmark.scroll(count, count, passes * roundTrip, frame);
    }

    private static void addScroll(List<Measurement> m, String what, ScrollBenchmark.Run run, String baseline, ScrollBenchmark.Run copy) {
        FrameTimes t = run.times();
        FrameTimes c = copy.times();
        String name = "scroll " + what;
        m.add(new Measurement(name + ": ms/frame, median", t.medianMs(), "ms", baseline + ", median", c.medianMs(),
                String.format(Locale.ROOT, "%.0f frames/s; %d frames; target <= %.1f ms (60 Hz)", t.framesPerSecond(), run.frames(),
                        DISPLAY_FRAME_MS)));
        m.add(new Measurement(name + ": ms/frame, p99", t.p99Ms(), "ms", baseline + ", p99", c.p99Ms(),
                String.format(Locale.ROOT, "max %.2f ms, mean %.3f ms", t.maxMs(), t.meanMs())));
        m.add(new Measurement(name + ": bytes allocated/frame", run.bytesPerFrame(), "B", baseline, copy.bytesPerFrame(),
                String.format(Locale.ROOT, "%,d B over %d frames (ThreadMXBean)", run.bytesTotal(), run.frames())));
    }

    // ---------------------------------------------------------------- first image

    static List<Measurement> firstImage(String label, Path folder, IoBenchmarks io, Pools pools, int repeat, int freshJvms)
            throws Exception {
        List<Path> files = BenchData.dicomFiles(folder);
        for (int w = 0; w < 3; w++) {
            io.rawReadSeconds(files);
            FirstImage.open(folder, pools);
        }
        List<FirstImage.Run> runs = new ArrayList<>();
        double[] raw = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            raw[r] = io.rawReadSeconds(files) * 1000;
            runs.add(FirstImage.open(folder, pools));
        }
        double rawMs = BenchMain.median(raw);
        String baseline = "raw read of the " + files.size() + " files' bytes, same threads";
        List<Measurement> m = new ArrayList<>();
        m.add(new Measurement(label + ": first image, warm JVM", median(runs, FirstImage.Run::totalMs), "ms", baseline, rawMs,
                String.format(Locale.ROOT, "median of %d; index %.1f, plan %.1f, open %.1f, slice %.1f, render %.1f ms", repeat,
                        median(runs, FirstImage.Run::listAndIndexMs), median(runs, FirstImage.Run::planMs),
                        median(runs, FirstImage.Run::openMs), median(runs, FirstImage.Run::firstSliceMs),
                        median(runs, FirstImage.Run::renderMs))));
        if (freshJvms > 0) {
            double[] total = new double[freshJvms];
            double[] index = new double[freshJvms];
            double[] slice = new double[freshJvms];
            for (int r = 0; r < freshJvms; r++) {
                ChildJvm.Outcome child = ChildJvm.run(null, "first-image", folder.toString());
                if (child.exitCode() != 0 || child.result() == null) {
                    throw new IllegalStateException("the first-image child JVM failed (exit " + child.exitCode() + ")");
                }
                total[r] = child.result().get("totalMs").asDouble();
                index[r] = child.result().get("indexMs").asDouble();
                slice[r] = child.result().get("firstSliceMs").asDouble();
            }
            m.add(new Measurement(label + ": first image, fresh JVM (JIT cold)", BenchMain.median(total), "ms", baseline, rawMs,
                    String.format(Locale.ROOT, "median of %d JVMs; index %.1f, first slice %.1f ms; JVM start not included",
                            freshJvms, BenchMain.median(index), BenchMain.median(slice))));
        }
        return m;
    }

    private static double median(List<FirstImage.Run> runs, java.util.function.ToDoubleFunction<FirstImage.Run> f) {
        return BenchMain.median(runs.stream().mapToDouble(f).toArray());
    }

    // ---------------------------------------------------------------- a series larger than the budget

    static List<Measurement> bigSeries(Path root, Size size, String maxHeap, IoBenchmarks io) throws Exception {
        Path folder = BenchData.uncompressedCt(root, size);
        List<Path> files = BenchData.dicomFiles(folder);
        double[] raw = new double[3];
        io.rawReadSeconds(files);
        for (int r = 0; r < raw.length; r++) {
            raw[r] = io.rawReadSeconds(files);
        }
        double rawSlicesPerSecond = files.size() / BenchMain.median(raw);
        System.err.printf("loading the %s CT in a child JVM with -Xmx%s ...%n", size, maxHeap);
        ChildJvm.Outcome child = ChildJvm.run(maxHeap, "big-series", folder.toString());
        JsonNode r = child.result();
        String what = size + " CT in -Xmx" + maxHeap;
        List<Measurement> m = new ArrayList<>();
        if (r == null) {
            m.add(new Measurement(what + ": completed", 0, "", null, null,
                    "the child JVM printed no result (exit " + child.exitCode() + "): " + String.join(" | ", child.output())));
            return m;
        }
        double mb = 1 << 20;
        int slices = r.path("slices").asInt();
        m.add(new Measurement(what + ": OutOfMemoryErrors", r.path("outOfMemoryErrors").asInt(), "", null, null,
                String.format(Locale.ROOT, "completed: %s (exit %d); pinned slice kept through the load: %s; errors: %s",
                        r.path("completed").asBoolean(), child.exitCode(), r.path("pinnedSliceKeptThroughLoad").asBoolean(),
                        r.path("errors"))));
        if (!r.has("firstImageMs")) {
            return m;
        }
        m.add(new Measurement(what + ": time to first image", r.path("firstImageMs").asDouble(), "ms", null, null,
                String.format(Locale.ROOT, "from opening the folder (index %.0f ms) to the middle slice rendered",
                        r.path("indexMs").asDouble())));
        double loadMs = r.path("loadMs").asDouble();
        m.add(new Measurement(what + ": full load", slices / (loadMs / 1000), "slices/s", "raw read of the same files, same threads",
                rawSlicesPerSecond, String.format(Locale.ROOT, "%d slices in %.2f s; %,d evictions during the load", slices, loadMs / 1000,
                        r.path("evictionsDuringLoad").asLong())));
        m.add(new Measurement(what + ": pixel cache peak", r.path("cachePeakBytes").asDouble() / mb, "MiB",
                "pixel budget (60% of max heap)", r.path("budgetBytes").asDouble() / mb,
                String.format(Locale.ROOT, "series is %.0f MiB of pixels; %,d evictions in all", r.path("pixelBytes").asDouble() / mb,
                        r.path("evictionsTotal").asLong())));
        m.add(new Measurement(what + ": heap peak used", r.path("heapPeakUsedBytes").asDouble() / mb, "MiB", "max heap",
                r.path("maxHeapBytes").asDouble() / mb,
                String.format(Locale.ROOT, "sampled every 2 ms, garbage included; %.0f MiB after a full GC; %s",
                        r.path("heapUsedAfterGcBytes").asDouble() / mb, r.path("collectors"))));
        m.add(new Measurement(what + ": scroll all slices, ms/frame median", r.path("scrollMedianMs").asDouble(), "ms", null, null,
                String.format(Locale.ROOT, "p99 %.2f ms, max %.2f ms; %d of %d slices reloaded (decoded on the scrolling thread)",
                        r.path("scrollP99Ms").asDouble(), r.path("scrollMaxMs").asDouble(), r.path("scrollReloads").asInt(), slices)));
        return m;
    }
}
