// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's bounded, named thread pools: one for file and network I/O, one for pixel
 * decoding sized to the cores, and a single lane for inference. Queues are bounded; a full
 * queue makes the submitter run the work itself, which is the back-pressure we want.
 *
 * <p>Servers (the storage receiver) get virtual threads instead: an association blocks on its socket
 * for as long as the peer takes, and must not hold one of the few I/O threads while it does.
 */
public final class Pools implements AutoCloseable {

    private final ThreadPoolExecutor io;
    private final ThreadPoolExecutor decode;
    private final ThreadPoolExecutor inference;
    private final ExecutorService servers = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("lumen-server-", 0).factory());

    public Pools() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public Pools(int cores) {
        int n = Math.max(1, cores);
        this.io = bounded("lumen-io", Math.max(2, n), 1024);
        this.decode = bounded("lumen-decode", n, 4096);
        this.inference = bounded("lumen-inference", 1, 16);
    }

    public ExecutorService io() { return io; }

    public ExecutorService decode() { return decode; }

    /** The decode pool for work the UI thread submits: a full queue refuses it rather than decoding on the UI thread. */
    public java.util.concurrent.Executor decodeFromUi() { return new RejectWhenFull(decode); }

    public ExecutorService inference() { return inference; }

    /** The inference lane for runs the UI thread starts: a full queue refuses the run rather than running the model on the UI thread. */
    public java.util.concurrent.Executor inferenceFromUi() { return new RejectWhenFull(inference); }

    /** Long-lived socket work: an accept loop and one virtual thread per association. */
    public ExecutorService servers() { return servers; }

    public int decodeThreads() { return decode.getMaximumPoolSize(); }

    @Override
    public void close() {
        io.shutdownNow();
        decode.shutdownNow();
        inference.shutdownNow();
        servers.shutdownNow();
    }

    private static ThreadPoolExecutor bounded(String prefix, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), daemonThreads(prefix), new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Daemon threads named {@code prefix-N}, so thread dumps say which pool is busy. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
