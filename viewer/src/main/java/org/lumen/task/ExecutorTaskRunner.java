// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs tasks on an executor (usually one of {@link Pools}); a UI runner wraps the listener. */
public final class ExecutorTaskRunner implements TaskRunner {

    private final Executor executor;
    private final TaskListener listener;

    public ExecutorTaskRunner(Executor executor, TaskListener listener) {
        this.executor = executor;
        this.listener = listener;
    }

    @Override
    public <T> TaskHandle<T> submit(BackgroundTask<T> task) {
        TaskHandle<T> handle = new TaskHandle<>(task.name());
        try {
            executor.execute(() -> handle.complete(task, listener));
        } catch (RejectedExecutionException e) {
            // A lane that refuses rather than run work on the caller (RejectWhenFull): the task fails with a sentence.
            handle.result().completeExceptionally(new RejectedExecutionException("it could not start: too much work is waiting "
                    + "in its lane; try again when the running tasks are done", e));
        }
        return handle;
    }
}
