// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The catalog writer: one thread, work in submission order, never on the submitter, drained on close. */
class CatalogLaneTest {

    @Test
    void runsWorkOneAtATimeInTheOrderItWasSubmitted() throws Exception {
        try (Pools pools = new Pools(4)) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch done = new CountDownLatch(500);
            for (int i = 0; i < 500; i++) {
                int n = i;
                pools.catalog().execute(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add(i);
            }
            assertThat(order).isEqualTo(expected);
            assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("lumen-catalog-"));
        }
    }

    @Test
    void aFullQueueRefusesRatherThanWritingOnTheCaller() throws Exception {
        try (Pools pools = new Pools(2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            pools.catalog().execute(() -> {
                started.countDown();
                await(release);
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 4096; i++) {
                pools.catalog().execute(() -> { });
            }
            AtomicBoolean ranHere = new AtomicBoolean();
            Thread caller = Thread.currentThread();
            assertThatThrownBy(() -> pools.catalog().execute(() -> ranHere.set(Thread.currentThread() == caller)))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThat(ranHere).isFalse();
            release.countDown();
        }
    }

    @Test
    void closingThePoolsLetsQueuedCatalogWorkFinish() {
        AtomicBoolean written = new AtomicBoolean();
        Pools pools = new Pools(2);
        for (int i = 0; i < 100; i++) {
            pools.catalog().execute(() -> sleep(2)); // still queued when close() is called
        }
        pools.catalog().execute(() -> written.set(true));
        pools.close();
        assertThat(written).as("a write queued before close is not lost").isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
