// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import java.io.IOException;
import org.lumen.aiassist.grid.SeriesInput;
import org.lumen.aiassist.model.Normalisation;
import org.lumen.task.TaskContext;

/** Applies a card's intensity normalisation to modality values; a z-score without fixed figures measures the series first. */
final class Normaliser {

    private final float scale;
    private final float shift;
    private final float low;
    private final float high;
    private final boolean clip;

    private Normaliser(float scale, float shift, float low, float high, boolean clip) {
        this.scale = scale;
        this.shift = shift;
        this.low = low;
        this.high = high;
        this.clip = clip;
    }

    static Normaliser of(Normalisation n, SeriesInput series, TaskContext context) throws IOException {
        return switch (n.kind()) {
            case HU_WINDOW -> new Normaliser((float) (1 / (n.high() - n.low())), (float) -n.low(), (float) n.low(),
                    (float) n.high(), true);
            case Z_SCORE -> {
                double mean = n.mean();
                double std = n.std();
                if (n.needsSeriesStatistics()) {
                    double[] stats = statistics(series, context);
                    mean = stats[0];
                    std = stats[1] > 0 ? stats[1] : 1;
                }
                yield new Normaliser((float) (1 / std), (float) -mean, 0, 0, false);
            }
            case NONE -> new Normaliser(1, 0, 0, 0, false);
        };
    }

    float apply(float v) {
        if (clip) {
            v = v < low ? low : v > high ? high : v;
        }
        return (v + shift) * scale;
    }

    /** Mean and standard deviation of every voxel of the series. */
    private static double[] statistics(SeriesInput series, TaskContext context) throws IOException {
        int nz = series.grid().nz();
        float[] slice = new float[series.grid().nx() * series.grid().ny()];
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (int k = 0; k < nz; k++) {
            context.checkCancelled();
            series.readSlice(k, slice);
            for (float v : slice) {
                sum += v;
                sumSq += (double) v * v;
            }
            count += slice.length;
        }
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / count - mean * mean))};
    }
}
