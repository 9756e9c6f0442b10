// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** Runs each task on the calling thread before {@code submit} returns: deterministic for tests and the CLI. */
public final class SyncTaskRunner implements TaskRunner {

    private final TaskListener listener;

    public SyncTaskRunner() {
        this(TaskListener.NONE);
    }

    public SyncTaskRunner(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public <T> TaskHandle<T> submit(BackgroundTask<T> task) {
        TaskHandle<T> handle = new TaskHandle<>(task.name());
        handle.complete(task, listener);
        return handle;
    }
}
