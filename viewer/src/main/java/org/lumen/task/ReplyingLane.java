// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A lane (usually {@code Pools.catalog()}) whose tasks hand their outcome back on another executor:
 * the FX thread in the window ({@code FxLane}), the calling thread in a view-model's tests. Each task
 * runs on the lane in order; failures are logged with their stack by the task runner, and the
 * callback gets the cause itself.
 */
public final class ReplyingLane {

    private final Executor lane;
    private final Executor replies;
    private final TaskRunner runner;

    /**
     * @param lane    where the tasks run
     * @param replies where their results and failures are handed over
     */
    public ReplyingLane(Executor lane, Executor replies) {
        this.lane = lane;
        this.replies = replies;
        this.runner = new ExecutorTaskRunner(lane, TaskListener.NONE);
    }

    /** The lane itself, for code that queues plain work behind this lane's tasks (keeping their order). */
    public Executor executor() {
        return lane;
    }

    /** Runs {@code task} on the lane; {@code onSuccess} or {@code onFailure} then runs on the reply executor (not on cancel). */
    public <T> TaskHandle<T> submit(BackgroundTask<T> task, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        TaskHandle<T> handle = runner.submit(task);
        whenDone(handle, replies, onSuccess, onFailure);
        return handle;
    }

    /** Hands a task's outcome to {@code replies}: its result, or the cause of its failure; a cancelled task calls neither. */
    public static <T> void whenDone(TaskHandle<T> handle, Executor replies, Consumer<? super T> onSuccess,
                                    Consumer<? super Throwable> onFailure) {
        handle.result().whenComplete((result, error) -> replies.execute(() -> {
            if (error == null) {
                onSuccess.accept(result);
            } else if (!(error instanceof CancellationException) && !(error instanceof TaskCancelledException)) {
                onFailure.accept(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        }));
    }
}
