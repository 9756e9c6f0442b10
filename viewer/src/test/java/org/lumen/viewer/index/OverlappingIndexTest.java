// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.viewer.Samples;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/**
 * Index tasks run on the I/O pool and read their files on the same pool. On a two-core machine (two
 * I/O threads) two opens at once (a zip still unpacking while a folder is dropped) used to take both
 * threads, each waiting for chunks queued behind it: neither could ever finish.
 */
class OverlappingIndexTest {

    @Test
    void asManyIndexTasksAsIoThreadsAllFinish() throws Exception {
        try (Pools pools = new Pools(2)) {
            ExecutorService io = pools.io();
            int tasks = 2;
            CountDownLatch allRunning = new CountDownLatch(tasks);
            List<Future<DicomIndex>> indexes = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                indexes.add(io.submit(() -> {
                    // Both tasks hold an I/O thread before either queues its chunks.
                    allRunning.countDown();
                    allRunning.await();
                    return new Indexer(io, 2).index(new FolderSource(Samples.file("ct_series/philips_phantom_std_brain_1mm")),
                            TaskContext.none());
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (Future<DicomIndex> index : indexes) {
                DicomIndex done = index.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(done.allSeries()).isNotEmpty();
                assertThat(done.problems()).isEmpty();
            }
        }
    }
}
