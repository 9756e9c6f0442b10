// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A submitted task: its result to come, and the switch to cancel it. */
public final class TaskHandle<T> {

    /** Made on first use: the window makes this class on the FX thread, and a logger made then configured logging there (ADR 0023). */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskHandle.class);
    }

    private final String name;
    private final CompletableFuture<T> result;
    private volatile boolean cancelRequested;

    TaskHandle(String name) {
        this.name = name;
        this.result = new CompletableFuture<>();
    }

    public String name() { return name; }

    public CompletableFuture<T> result() { return result; }

    /** Asks the task to stop at its next cancellation check; the result then completes cancelled. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() { return cancelRequested; }

    /** Waits for the result, unwrapping the task's own exception. */
    public T join() throws Exception {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (CancellationException e) {
            throw new TaskCancelledException();
        }
    }

    void complete(BackgroundTask<T> task, TaskListener listener) {
        TaskContext context = new TaskContext() {
            @Override public void progress(long done, long total) { listener.progress(name, done, total); }

            @Override public void message(String message) { listener.message(name, message); }

            @Override public boolean isCancelled() { return cancelRequested; }
        };
        try {
            result.complete(task.run(context));
        } catch (TaskCancelledException e) {
            result.cancel(false);
        } catch (Throwable e) {
            // The reader gets one sentence; the log keeps the whole failure, stack trace and causes.
            Log.LOG.warn("task '{}' failed", name, e);
            result.completeExceptionally(e);
        }
    }
}
