// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** What a running task sees of its surroundings: where to report progress and whether to stop. */
public interface TaskContext {

    /** Reports {@code done} of {@code total} units of work; cheap enough to call per item. */
    void progress(long done, long total);

    /** Reports what the task is doing now, in words a user reads in the status bar. */
    void message(String message);

    boolean isCancelled();

    /** Ends the task with {@link TaskCancelledException} if someone asked it to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }

    /** A context that reports nowhere and is never cancelled, for code that runs outside a task. */
    static TaskContext none() {
        return NoTaskContext.INSTANCE;
    }
}
