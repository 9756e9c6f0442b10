// SPDX-License-Identifier: Apache-2.0
package org.lumen.task.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ReplyingLane;
import org.lumen.task.TaskHandle;

/**
 * A lane (usually {@code Pools.catalog()}) as the UI uses it for short work it does not show in the
 * status bar: each task runs there in order, and its result or failure comes back on the FX thread.
 * Failures are logged with their stack by the task runner; the callback gets the cause itself.
 */
public final class FxLane {

    private final ReplyingLane lane;

    public FxLane(Executor lane) {
        this.lane = new ReplyingLane(lane, FxThread.executor());
    }

    /** The lane itself, for code that queues plain work behind this lane's tasks (keeping their order). */
    public Executor executor() {
        return lane.executor();
    }

    /** Runs {@code task} on the lane; {@code onSuccess} or {@code onFailure} then runs on the FX thread (not on cancel). */
    public <T> TaskHandle<T> submit(BackgroundTask<T> task, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return lane.submit(task, onSuccess, onFailure);
    }

    /** Hands a task's outcome to the FX thread: its result, or the cause of its failure; a cancelled task calls neither. */
    public static <T> void whenDone(TaskHandle<T> handle, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        ReplyingLane.whenDone(handle, FxThread.executor(), onSuccess, onFailure);
    }
}
