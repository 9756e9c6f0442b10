// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The UI's way into a bounded pool: a full queue refuses the work; it never runs on the submitting (UI) thread. */
class RejectWhenFullTest {

    @Test
    void aFullQueueRefusesInsteadOfRunningOnTheCaller() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                Pools.daemonThreads("test-decode"), new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        CountDownLatch release = new CountDownLatch(1);
        try {
            RejectWhenFull ui = new RejectWhenFull(pool);
            ui.execute(() -> await(release));      // takes the only thread
            ui.execute(() -> await(release));      // fills the queue
            AtomicReference<Thread> ranOn = new AtomicReference<>();

            assertThatThrownBy(() -> ui.execute(() -> ranOn.set(Thread.currentThread()))).isInstanceOf(RejectedExecutionException.class);
            assertThat(ranOn.get()).as("the caller did not run it").isNull();
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void queuedWorkRunsEvenAfterTheIdleThreadsTimedOut() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4),
                Pools.daemonThreads("test-decode"), new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        try {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Thread> on = new AtomicReference<>();

            new RejectWhenFull(pool).execute(() -> {
                on.set(Thread.currentThread());
                ran.countDown();
            });

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(on.get()).isNotSameAs(Thread.currentThread());
            assertThat(on.get().getName()).startsWith("test-decode");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTaskALaneRefusesFailsWithASentence() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                Pools.daemonThreads("test-inference"), new ThreadPoolExecutor.CallerRunsPolicy());
        CountDownLatch release = new CountDownLatch(1);
        try {
            ExecutorTaskRunner runner = new ExecutorTaskRunner(new RejectWhenFull(pool), TaskListener.NONE);
            TaskHandle<String> first = runner.submit(BackgroundTask.of("first", c -> {
                await(release);
                return Thread.currentThread().getName();
            }));
            runner.submit(BackgroundTask.of("second", c -> "queued"));

            TaskHandle<String> third = runner.submit(BackgroundTask.of("third", c -> "never"));

            assertThatThrownBy(third::join).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("could not start");
            release.countDown();
            assertThat(first.join()).startsWith("test-inference");
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
