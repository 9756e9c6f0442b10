// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The task abstraction: results, failures, progress and cancellation, synchronous and pooled. */
class TaskRunnerTest {

    @Test
    void syncRunnerReportsProgressAndReturnsTheResult() throws Exception {
        List<Long> progress = new CopyOnWriteArrayList<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void progress(String name, long done, long total) {
                progress.add(done);
            }
        };
        TaskHandle<Integer> handle = new SyncTaskRunner(listener).submit(BackgroundTask.of("count", context -> {
            for (int i = 1; i <= 3; i++) {
                context.progress(i, 3);
            }
            return 42;
        }));
        assertThat(handle.join()).isEqualTo(42);
        assertThat(progress).containsExactly(1L, 2L, 3L);
        assertThat(handle.name()).isEqualTo("count");
    }

    @Test
    void aFailureComesBackAsTheTasksOwnException() {
        TaskHandle<Object> handle = new SyncTaskRunner().submit(BackgroundTask.of("fail", context -> {
            throw new IOException("disk on fire");
        }));
        assertThatThrownBy(handle::join).isInstanceOf(IOException.class).hasMessage("disk on fire");
    }

    @Test
    void cancellingAPooledTaskStopsItAtItsNextCheck() throws Exception {
        try (Pools pools = new Pools(2)) {
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle<Integer> handle = new ExecutorTaskRunner(pools.io(), TaskListener.NONE).submit(BackgroundTask.of("spin", context -> {
                started.countDown();
                while (true) {
                    context.checkCancelled();
                    Thread.sleep(1);
                }
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            assertThatThrownBy(handle::join).isInstanceOf(TaskCancelledException.class);
            assertThat(handle.result().isCancelled()).isTrue();
        }
    }

    @Test
    void poolThreadsAreNamedDaemons() throws Exception {
        try (Pools pools = new Pools(2)) {
            String[] name = new String[1];
            boolean[] daemon = new boolean[1];
            pools.decode().submit(() -> {
                name[0] = Thread.currentThread().getName();
                daemon[0] = Thread.currentThread().isDaemon();
            }).get();
            assertThat(name[0]).startsWith("lumen-decode-");
            assertThat(daemon[0]).isTrue();
            assertThat(pools.decodeThreads()).isEqualTo(2);
        }
    }
}
