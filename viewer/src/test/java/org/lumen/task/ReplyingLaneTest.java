// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lane whose outcomes come back on the executor given: results, the failure's own cause, and nothing on cancel. */
class ReplyingLaneTest {

    private final ExecutorService lane = Pools.privateLane("replying-lane-test");
    private final ExecutorService replies = Pools.privateLane("replies-test");

    @AfterEach
    void stop() {
        lane.shutdownNow();
        replies.shutdownNow();
    }

    @Test
    void resultsAndFailuresComeBackOnTheReplyExecutorInOrder() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        ReplyingLane replying = new ReplyingLane(lane, replies);
        replying.submit(BackgroundTask.of("ok", c -> Thread.currentThread().getName()), name -> {
            heard.add("ran on " + name + ", replied on " + Thread.currentThread().getName());
            done.countDown();
        }, e -> { });
        replying.submit(BackgroundTask.of("fail", c -> {
            throw new IOException("disk on fire");
        }), r -> { }, e -> {
            heard.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            done.countDown();
        });

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("ran on replying-lane-test-1, replied on replies-test-1", "IOException: disk on fire");
        assertThat(replying.executor()).isSameAs(lane);
    }

    @Test
    void aCancelledTaskCallsNeither() {
        List<String> heard = new CopyOnWriteArrayList<>();
        ReplyingLane replying = new ReplyingLane(Runnable::run, Runnable::run);
        replying.submit(BackgroundTask.of("cancelled", c -> {
            throw new TaskCancelledException();
        }), r -> heard.add("result"), e -> heard.add("failure"));
        assertThat(heard).isEmpty();
    }
}
