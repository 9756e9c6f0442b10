// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ExecutorTaskRunner;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskHandle;
import org.lumen.task.TaskListener;
import org.lumen.task.TaskRunner;
import org.lumen.task.ui.FxThread;

/**
 * Runs background tasks on a pool and mirrors their progress into JavaFX properties for the status
 * bar. Progress is coalesced: however often a task reports, the FX thread sees at most one update
 * per pulse, so a fast loader is never paced by the UI.
 */
public final class FxTaskRunner implements TaskRunner {

    private final Executor executor;
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();

    public FxTaskRunner(Executor executor) {
        this.executor = executor;
    }

    /** Tasks in progress, for the status bar; changed on the FX thread only. */
    public ObservableList<RunningTask> running() {
        return running;
    }

    @Override
    public <T> TaskHandle<T> submit(BackgroundTask<T> task) {
        return submit(executor, task);
    }

    /** Runs {@code task} in another lane (e.g. {@code Pools.inferenceFromUi()}), shown in the same status bar. */
    public <T> TaskHandle<T> submit(Executor lane, BackgroundTask<T> task) {
        RunningTask entry = new RunningTask(task.name());
        TaskHandle<T> handle = new ExecutorTaskRunner(lane, entry).submit(task);
        entry.handle = handle;
        FxThread.later(() -> running.add(entry));
        handle.result().whenComplete((result, error) -> FxThread.later(() -> running.remove(entry)));
        return handle;
    }

    /** Submits a task and calls back on the FX thread with its result, or with its failure's sentence. */
    public <T> TaskHandle<T> submit(BackgroundTask<T> task, Consumer<T> onSuccess, Consumer<String> onFailure) {
        return submit(executor, task, onSuccess, onFailure);
    }

    /** As {@link #submit(BackgroundTask, Consumer, Consumer)}, in another lane. */
    public <T> TaskHandle<T> submit(Executor lane, BackgroundTask<T> task, Consumer<T> onSuccess, Consumer<String> onFailure) {
        TaskHandle<T> handle = submit(lane, task);
        handle.result().whenComplete((result, error) -> FxThread.later(() -> {
            if (error == null) {
                onSuccess.accept(result);
            } else if (!(error instanceof java.util.concurrent.CancellationException) && !(error instanceof TaskCancelledException)) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                onFailure.accept(task.name() + " failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        }));
        return handle;
    }

    /** One task as the status bar shows it. */
    public static final class RunningTask implements TaskListener {
        private final String name;
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final AtomicBoolean updateQueued = new AtomicBoolean();
        private volatile double latestProgress = -1;
        private volatile String latestMessage = "";
        private volatile TaskHandle<?> handle;

        RunningTask(String name) {
            this.name = name;
        }

        public String name() { return name; }

        public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

        public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

        public void cancel() {
            if (handle != null) {
                handle.cancel();
            }
        }

        @Override
        public void progress(String taskName, long done, long total) {
            latestProgress = total <= 0 ? -1 : (double) done / total;
            queueUpdate();
        }

        @Override
        public void message(String taskName, String text) {
            latestMessage = text;
            queueUpdate();
        }

        private void queueUpdate() {
            if (updateQueued.compareAndSet(false, true)) {
                FxThread.later(() -> {
                    updateQueued.set(false);
                    progress.set(latestProgress);
                    message.set(latestMessage);
                });
            }
        }
    }
}
