// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.render.DisplayDefaults;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.source.DicomSources;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * From "open this folder" to the first image in the screen buffer, along the GUI's own path without
 * JavaFX: {@code DicomSources.open} + {@link Indexer} (what {@code StudyOpener} runs), then what
 * {@code SeriesVolumes.open} and the viewport do: {@link StackPlanner#plan}, {@link SeriesLoader#open},
 * {@code volume.slice(middle)}, {@link DisplayDefaults#initial}, {@link SliceRenderer#renderArgb}.
 * Every run starts with a new index, volume and pixel cache; the remaining slices' background load
 * (started by the GUI after the first image is shown) is not started.
 */
final class FirstImage {

    private FirstImage() { }

    /** Milliseconds per step and in total, for one opening. */
    record Run(double listAndIndexMs, double planMs, double openMs, double firstSliceMs, double renderMs, double totalMs, int files) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("indexMs", listAndIndexMs);
            m.put("planMs", planMs);
            m.put("openMs", openMs);
            m.put("firstSliceMs", firstSliceMs);
            m.put("renderMs", renderMs);
            m.put("totalMs", totalMs);
            m.put("files", files);
            return m;
        }
    }

    static Run open(Path folder, Pools pools) throws Exception {
        Path scratch = Files.createTempDirectory("lumen-bench-scratch");
        try {
            long t0 = System.nanoTime();
            DicomSource source = DicomSources.open(folder, scratch);
            DicomIndex index = new Indexer(pools.io(), pools.decodeThreads()).index(source, TaskContext.none());
            long t1 = System.nanoTime();
            Series series = index.allSeries().stream().filter(Series::hasImages).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no image series in " + folder));
            StackPlan plan = new StackPlanner().plan(series);
            long t2 = System.nanoTime();
            SeriesLoader loader = new SeriesLoader(pools.decode(), pools.decodeThreads(), PixelCache.withDefaultBudget());
            try (Volume volume = loader.open(plan)) {
                long t3 = System.nanoTime();
                int focus = plan.sliceCount() / 2;
                VoxelSlice first = volume.slice(focus);
                long t4 = System.nanoTime();
                DisplaySettings display = DisplayDefaults.initial(volume.frame(focus).instance(), first);
                int[] screen = new int[first.columns() * first.rows()];
                new SliceRenderer().renderArgb(first, display, screen);
                long t5 = System.nanoTime();
                return new Run(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t5 - t0), index.instanceCount());
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
