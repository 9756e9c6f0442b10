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
 * decoding sized to the cores, a single lane for inference and a single catalog writer. Queues are
 * bounded; a full I/O, decode or inference queue makes the submitter run the work itself, which is
 * the back-pressure we want (the UI thread uses the {@code ...FromUi()} views, which refuse instead).
 *
 * <p>The catalog lane is one thread: catalog work runs in the order it was submitted, never two at
 * once and never on the submitter (a full queue refuses the work, since running it on the caller
 * would break the order). Code outside this package never makes threads or executors (ADR 0006).
 *
 * <p>Servers (the storage receiver) get virtual threads instead: an association blocks on its socket
 * for as long as the peer takes, and must not hold one of the few I/O threads while it does.
 */
public final class Pools implements AutoCloseable {

    private final ThreadPoolExecutor io;
    private final ThreadPoolExecutor decode;
    private final ThreadPoolExecutor inference;
    private final ThreadPoolExecutor catalog;
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
        this.catalog = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096),
                daemonThreads("lumen-catalog"), new ThreadPoolExecutor.AbortPolicy());
        catalog.allowCoreThreadTimeOut(true);
    }

    public ExecutorService io() { return io; }

    public ExecutorService decode() { return decode; }

    /** The decode pool for work the UI thread submits: a full queue refuses it rather than decoding on the UI thread. */
    public java.util.concurrent.Executor decodeFromUi() { return new RejectWhenFull(decode); }

    public ExecutorService inference() { return inference; }

    /** The inference lane for runs the UI thread starts: a full queue refuses the run rather than running the model on the UI thread. */
    public java.util.concurrent.Executor inferenceFromUi() { return new RejectWhenFull(inference); }

    /**
     * The catalog writer: one thread, work in submission order. A full queue refuses with
     * {@link java.util.concurrent.RejectedExecutionException} rather than running on the caller.
     */
    public ExecutorService catalog() { return catalog; }

    /** Long-lived socket work: an accept loop and one virtual thread per association. */
    public ExecutorService servers() { return servers; }

    public int decodeThreads() { return decode.getMaximumPoolSize(); }

    @Override
    public void close() {
        io.shutdownNow();
        decode.shutdownNow();
        inference.shutdownNow();
        // Let queued catalog writes finish (each is one short transaction): a revision must not be lost at exit.
        catalog.shutdown();
        awaitQuietly(catalog, 10);
        servers.shutdownNow();
    }

    private static ThreadPoolExecutor bounded(String prefix, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), daemonThreads(prefix), new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A private one-thread lane that one piece of work owns for its duration and shuts down itself,
     * e.g. the inference pipeline's helper that prepares the next batch while ONNX Runtime runs
     * this one. Not for work that outlives its owner: use the pools for that.
     */
    public static ExecutorService privateLane(String prefix) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                daemonThreads(prefix));
    }

    private static void awaitQuietly(ExecutorService pool, int seconds) {
        try {
            pool.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
