// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.lumen.aiassist.grid.SeriesInput;

/**
 * The series slices the current band of work reads, as floats: loaded when first needed and
 * dropped when the band moves on, so memory follows the band, not the series. Not thread-safe; the
 * array {@link #load} returns may be read by several threads once it is returned.
 */
final class SliceWindow {

    private final SeriesInput series;
    private final java.util.concurrent.ExecutorService pool;
    private final int pixels;
    private final Map<Integer, float[]> slices = new HashMap<>();
    /** Arrays of dropped slices, reused for the next ones: a pass over a series allocates a band's worth, not the series'. */
    private final java.util.ArrayDeque<float[]> spare = new java.util.ArrayDeque<>();

    /** @param pool reads missing slices in parallel there (decoding, if the series must), or null */
    SliceWindow(SeriesInput series, java.util.concurrent.ExecutorService pool) {
        this.series = series;
        this.pool = pool;
        this.pixels = series.grid().nx() * series.grid().ny();
    }

    /**
     * Slices {@code low} to {@code high} (clamped to the series), element {@code k - low}; slices
     * outside the range are released.
     */
    float[][] load(int low, int high) throws IOException {
        int lo = Math.max(0, low);
        int hi = Math.min(series.grid().nz() - 1, high);
        slices.entrySet().removeIf(e -> {
            boolean drop = e.getKey() < lo || e.getKey() > hi;
            if (drop) {
                spare.push(e.getValue());
            }
            return drop;
        });
        int[] missing = java.util.stream.IntStream.rangeClosed(lo, hi).filter(k -> !slices.containsKey(k)).toArray();
        if (pool != null && missing.length >= 8) {
            float[][] read = new float[missing.length][];
            for (int m = 0; m < read.length; m++) {
                read[m] = spare.isEmpty() ? new float[pixels] : spare.pop();
            }
            try {
                ParallelSlices.forEach(pool, missing.length, m -> series.readSlice(missing[m], read[m]));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("reading slices " + lo + "-" + hi + " of series " + series.seriesUid() + " failed: " + e.getMessage(), e);
            }
            for (int m = 0; m < missing.length; m++) {
                slices.put(missing[m], read[m]);
            }
        }
        float[][] out = new float[Math.max(0, high - low + 1)][];
        for (int k = lo; k <= hi; k++) {
            out[k - low] = slice(k);
        }
        return out;
    }

    /** Lets go of every slice and spare array. */
    void clear() {
        slices.clear();
        spare.clear();
    }

    private float[] slice(int k) throws IOException {
        float[] s = slices.get(k);
        if (s == null) {
            s = spare.isEmpty() ? new float[pixels] : spare.pop();
            series.readSlice(k, s);
            slices.put(k, s);
        }
        return s;
    }
}
