// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/**
 * A series load over the real 30-slice Philips CT: slices go to the decode pool a few at a time (ADR 0038), nearest the
 * focus first; progress reaches the whole series, a slice that cannot be read fails alone, and a cancel stops the load
 * between slices.
 */
class SeriesLoaderTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneDecodeThreadLoadsOutwardsFromTheFocusAndReportsEverySlice() throws Exception {
        StackPlan plan = plan(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            SeriesLoader loader = new SeriesLoader(one, 1, new PixelCache(1L << 30));
            List<Integer> order = new CopyOnWriteArrayList<>();
            AtomicLong lastDone = new AtomicLong();
            try (Volume volume = loader.open(plan)) {
                volume.addListener((v, k) -> order.add(k));
                loader.loadTask(volume, 10).run(context(lastDone, new AtomicBoolean()));
                assertThat(volume.failures()).isEmpty();
                assertThat(order).hasSize(plan.sliceCount()).doesNotHaveDuplicates();
                assertThat(order.getFirst()).isEqualTo(10);
                for (int i = 1; i < order.size(); i++) {
                    assertThat(Math.abs(order.get(i) - 10)).as("distance from the focus of the %d-th slice loaded", i)
                            .isGreaterThanOrEqualTo(Math.abs(order.get(i - 1) - 10));
                }
                assertThat(lastDone).hasValue(plan.sliceCount());
                for (int k = 0; k < plan.sliceCount(); k++) {
                    assertThat(volume.sliceOrNull(k)).as("slice %d", k).isNotNull();
                }
            }
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aSliceRemovedAfterIndexingFailsAloneWithItsReason() throws Exception {
        Path copy = Files.createDirectories(folder.resolve("ct"));
        try (var files = Files.list(Samples.file("ct_series/philips_phantom_std_brain_1mm"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        StackPlan plan = plan(copy);
        int gone = 13;
        Files.delete(plan.frames().get(gone).instance().file());
        SeriesLoader loader = new SeriesLoader(pool, 2, new PixelCache(1L << 30));
        try (Volume volume = loader.open(plan)) {
            loader.loadTask(volume, 0).run(context(new AtomicLong(), new AtomicBoolean()));
            assertThat(volume.failures()).containsOnlyKeys(gone);
            assertThat(volume.failures().get(gone)).contains("file not found");
            for (int k = 0; k < plan.sliceCount(); k++) {
                assertThat(volume.sliceOrNull(k) != null).as("slice %d loaded", k).isEqualTo(k != gone);
            }
        }
    }

    @Test
    void aCancelStopsTheLoadBetweenSlices() throws Exception {
        StackPlan plan = plan(Samples.file("ct_series/philips_phantom_std_brain_1mm"));
        SeriesLoader loader = new SeriesLoader(pool, 2, new PixelCache(1L << 30));
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Volume volume = loader.open(plan)) {
            volume.addListener((v, k) -> cancelled.set(true)); // cancelled as soon as the first slice is in
            assertThatThrownBy(() -> loader.loadTask(volume, 0).run(context(new AtomicLong(), cancelled)))
                    .isInstanceOf(TaskCancelledException.class);
            long loaded = java.util.stream.IntStream.range(0, plan.sliceCount()).filter(k -> volume.sliceOrNull(k) != null).count();
            // At most the slices already being decoded on the two threads when the cancel came.
            assertThat(loaded).isBetween(1L, 2L);
        }
    }

    private StackPlan plan(Path dir) throws Exception {
        var index = new Indexer(pool, 2).index(new FolderSource(dir), TaskContext.none());
        return new StackPlanner().plan(index.allSeries().getFirst());
    }

    private static TaskContext context(AtomicLong lastDone, AtomicBoolean cancelled) {
        return new TaskContext() {
            @Override public void progress(long done, long total) { lastDone.accumulateAndGet(done, Math::max); }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return cancelled.get(); }
        };
    }
}
