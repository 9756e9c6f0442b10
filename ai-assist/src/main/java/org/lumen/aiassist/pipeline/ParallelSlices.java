// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs per-slice work in chunks on the application's CPU pool (the decode pool), or on the calling
 * thread when there is none. No threads of its own: pools stay bounded and named.
 */
final class ParallelSlices {

    @FunctionalInterface
    interface SliceWork {
        void run(int k) throws Exception;
    }

    private ParallelSlices() { }

    static void forEach(ExecutorService pool, int slices, SliceWork work) throws Exception {
        if (pool == null || slices < 8) {
            for (int k = 0; k < slices; k++) {
                work.run(k);
            }
            return;
        }
        int chunks = Math.min(slices, Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) slices * c / chunks);
            int to = (int) ((long) slices * (c + 1) / chunks);
            futures.add(pool.submit(() -> {
                for (int k = from; k < to; k++) {
                    work.run(k);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
