// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/** A named unit of background work that reports progress and honours cancellation. */
public interface BackgroundTask<T> {

    /** Shown to the user beside the progress bar, e.g. "Loading CT 1.2.3 (400 slices)". */
    String name();

    T run(TaskContext context) throws Exception;

    static <T> BackgroundTask<T> of(String name, Work<T> work) {
        return new BackgroundTask<>() {
            @Override public String name() { return name; }

            @Override public T run(TaskContext context) throws Exception { return work.run(context); }
        };
    }

    /** The body of a task, for {@link #of}. */
    @FunctionalInterface
    interface Work<T> {
        T run(TaskContext context) throws Exception;
    }
}
