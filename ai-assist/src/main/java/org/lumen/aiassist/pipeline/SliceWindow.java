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
    private final int pixels;
    private final Map<Integer, float[]> slices = new HashMap<>();
    private float[] spare;

    SliceWindow(SeriesInput series) {
        this.series = series;
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
                spare = e.getValue();
            }
            return drop;
        });
        float[][] out = new float[Math.max(0, high - low + 1)][];
        for (int k = lo; k <= hi; k++) {
            out[k - low] = slice(k);
        }
        return out;
    }

    private float[] slice(int k) throws IOException {
        float[] s = slices.get(k);
        if (s == null) {
            s = spare != null ? spare : new float[pixels];
            spare = null;
            series.readSlice(k, s);
            slices.put(k, s);
        }
        return s;
    }
}
