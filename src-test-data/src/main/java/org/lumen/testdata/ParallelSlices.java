// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task per slice on a bounded pool of at most one thread per core, stopping at the first failure. */
final class ParallelSlices {

    /** Work on one slice, which may fail with {@code E}. */
    @FunctionalInterface
    interface SliceTask<E extends Exception> {
        void run(int slice) throws E;
    }

    private ParallelSlices() { }

    /**
     * Runs {@code task} for slices 0..slices-1 and waits for all of them.
     *
     * @throws E the first failure, after the remaining slices are cancelled
     * @throws CancellationException when the calling thread is interrupted (its interrupt flag stays set)
     */
    static <E extends Exception> void forEach(int slices, SliceTask<E> task) throws E {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), slices));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("phantom-slice-", 0).daemon().factory())) {
            List<Future<Void>> futures = new ArrayList<>(slices);
            for (int k = 0; k < slices; k++) {
                int slice = k;
                futures.add(pool.submit((Callable<Void>) () -> {
                    task.run(slice);
                    return null;
                }));
            }
            for (Future<Void> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw ParallelSlices.<E>rethrow(e.getCause());
                } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while generating slices");
                }
            }
        }
    }

    /** The task can only have thrown E or an unchecked throwable. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return (E) cause;
    }
}
