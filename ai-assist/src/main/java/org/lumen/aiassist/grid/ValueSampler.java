// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import java.io.IOException;
import org.lumen.aiassist.model.ValueSample;

/**
 * Reads a sample of a series' modality values for the intended-use check: every 4th voxel along
 * rows and columns of up to 48 evenly spread slices (about 3 % of a 512 × 512 series), enough for
 * its 1st and 99th percentiles.
 */
public final class ValueSampler {

    static final int STRIDE = 4;
    static final int MAX_SLICES = 48;

    private ValueSampler() { }

    public static ValueSample sample(SeriesInput input) throws IOException {
        Grid g = input.grid();
        int slices = Math.min(MAX_SLICES, g.nz());
        int perSlice = ((g.nx() + STRIDE - 1) / STRIDE) * ((g.ny() + STRIDE - 1) / STRIDE);
        float[] values = new float[slices * perSlice];
        float[] slice = new float[g.nx() * g.ny()];
        int n = 0;
        for (int s = 0; s < slices; s++) {
            int k = slices == 1 ? g.nz() / 2 : (int) Math.round((double) s * (g.nz() - 1) / (slices - 1));
            input.readSlice(k, slice);
            for (int j = 0; j < g.ny(); j += STRIDE) {
                for (int i = 0; i < g.nx(); i += STRIDE) {
                    values[n++] = slice[i + g.nx() * j];
                }
            }
        }
        return new ValueSample(n == values.length ? values : java.util.Arrays.copyOf(values, n));
    }
}
