// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

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
        if (pool.isShutdown() || !pool.getQueue().offer(task)) {
            throw new RejectedExecutionException("the " + pool + " queue is full");
        }
        // Queued directly, so make sure a worker is there to take it (idle core threads time out).
        pool.prestartCoreThread();
    }
}
