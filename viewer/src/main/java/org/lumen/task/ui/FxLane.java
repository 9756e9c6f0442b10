// SPDX-License-Identifier: Apache-2.0
package org.lumen.task.ui;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ExecutorTaskRunner;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskHandle;
import org.lumen.task.TaskListener;
import org.lumen.task.TaskRunner;

/**
 * A lane (usually {@code Pools.catalog()}) as the UI uses it for short work it does not show in the
 * status bar: each task runs there in order, and its result or failure comes back on the FX thread.
 * Failures are logged with their stack by the task runner; the callback gets the cause itself.
 */
public final class FxLane {

    private final Executor lane;
    private final TaskRunner runner;

    public FxLane(Executor lane) {
        this.lane = lane;
        this.runner = new ExecutorTaskRunner(lane, TaskListener.NONE);
    }

    /** The lane itself, for code that queues plain work behind this lane's tasks (keeping their order). */
    public Executor executor() {
        return lane;
    }

    /** Runs {@code task} on the lane; {@code onSuccess} or {@code onFailure} then runs on the FX thread (not on cancel). */
    public <T> TaskHandle<T> submit(BackgroundTask<T> task, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        TaskHandle<T> handle = runner.submit(task);
        whenDone(handle, onSuccess, onFailure);
        return handle;
    }

    /** Hands a task's outcome to the FX thread: its result, or the cause of its failure; a cancelled task calls neither. */
    public static <T> void whenDone(TaskHandle<T> handle, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        handle.result().whenComplete((result, error) -> FxThread.later(() -> {
            if (error == null) {
                onSuccess.accept(result);
            } else if (!(error instanceof CancellationException) && !(error instanceof TaskCancelledException)) {
                onFailure.accept(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        }));
    }
}
