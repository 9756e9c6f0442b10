// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded pool as the UI thread must use it: when the queue is full the work is refused, never run
 * by the caller (the pools' caller-runs back-pressure would make the UI thread decode). The caller
 * asks again later, e.g. on the next repaint.
 */
public final class RejectWhenFull implements Executor {

    private final ThreadPoolExecutor pool;

    public RejectWhenFull(ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        // The pool itself decides (a new worker, the queue, or its rejection policy). Only caller-runs
        // runs the work inside execute() on this very thread: that one run is turned into a refusal.
        Thread caller = Thread.currentThread();
        AtomicBoolean submitting = new AtomicBoolean(true);
        AtomicBoolean refused = new AtomicBoolean();
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("the pool is shut down");
        }
        pool.execute(() -> {
            if (submitting.get() && Thread.currentThread() == caller) {
                refused.set(true);
                return;
            }
            task.run();
        });
        submitting.set(false);
        if (refused.get()) {
            throw new RejectedExecutionException("the pool's queue is full");
        }
    }
}
