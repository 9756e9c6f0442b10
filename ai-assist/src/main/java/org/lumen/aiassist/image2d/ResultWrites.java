// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts computed 2D results into the store off the run's path (decision 0041): each write is queued on a lane once the
 * run has the result, and the writes run one at a time in the order they were queued, so neither the reader looking at
 * the result nor the next image's inference waits for a mammogram's dense map to be encoded and written. Until its
 * write is done, a result is answered from memory. A write that fails costs only the saved copy (the result was given
 * already): it is logged and counted, nothing half-written is left in place, and the next run computes the image
 * again.
 */
final class ResultWrites {

    /** Made on first use, as in {@code TaskHandle}: a failed write is the only thing logged here. */
    private static final class Log {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultWrites.class);
    }

    private final ImageResultStore store;
    private final Executor lane;
    private final Map<String, ImageResult> pending = new ConcurrentHashMap<>();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    /** The last write queued: the next one runs after it. */
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    ResultWrites(ImageResultStore store, Executor lane) {
        this.store = store;
        this.lane = lane;
    }

    /** Queues {@code result}'s write under {@code key}; from now until it is written, {@link #pending} answers with it. */
    synchronized void write(String key, ImageResult result) {
        pending.put(key, result);
        CompletableFuture<Void> previous = last;
        CompletableFuture<Void> done = new CompletableFuture<>();
        last = done;
        previous.whenComplete((ignored, error) -> submit(key, result, done));
    }

    /** Hands one write to the lane once the one before it is done. */
    private void submit(String key, ImageResult result, CompletableFuture<Void> done) {
        try {
            // A shut-down pool may drop work without a word (caller-runs does): refuse it here instead.
            if (lane instanceof ExecutorService pool && pool.isShutdown()) {
                throw new RejectedExecutionException("the lane is shut down");
            }
            lane.execute(() -> {
                try {
                    store(key, result);
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            refused(key, result, e);
            done.complete(null);
        }
    }

    /** The result queued under {@code key} and not yet written, if any. */
    Optional<ImageResult> pending(String key) {
        return Optional.ofNullable(pending.get(key));
    }

    /** Waits until every write queued so far is done or failed, at most {@code timeout}; true when none is left. */
    boolean await(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> until;
        synchronized (this) {
            until = last;
        }
        try {
            until.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a result write's own future never fails", e);
        }
    }

    ImageInferenceEngine.WriteStats stats() {
        return new ImageInferenceEngine.WriteStats(written.get(), failed.get(), nanos.get());
    }

    private void store(String key, ImageResult result) {
        long t0 = System.nanoTime();
        try {
            store.storeImage(key, result);
            written.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
            Log.LOG.warn("The result of {} on image {} could not be saved in the result cache ({}); it was given all the same,"
                    + " and the next run computes it again.", result.provenance().modelName(), result.facts().label(), e.toString(), e);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
            pending.remove(key, result);
        }
    }

    /** The lane refused the write (shut down, or full without running it on the caller): the result stays unsaved. */
    private void refused(String key, ImageResult result, RejectedExecutionException error) {
        pending.remove(key, result);
        failed.incrementAndGet();
        Log.LOG.warn("The result of {} on image {} was not saved in the result cache: {}", result.provenance().modelName(),
                result.facts().label(), error.getMessage());
    }
}
