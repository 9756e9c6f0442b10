// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.ExecutorService;

/** Runs tasks on an executor (usually one of {@link Pools}); a UI runner wraps the listener. */
public final class ExecutorTaskRunner implements TaskRunner {

    private final ExecutorService executor;
    private final TaskListener listener;

    public ExecutorTaskRunner(ExecutorService executor, TaskListener listener) {
        this.executor = executor;
        this.listener = listener;
    }

    @Override
    public <T> TaskHandle<T> submit(BackgroundTask<T> task) {
        TaskHandle<T> handle = new TaskHandle<>(task.name());
        executor.execute(() -> handle.complete(task, listener));
        return handle;
    }
}
