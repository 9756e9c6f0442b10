// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import java.util.SplittableRandom;

/**
 * A grey 2D phantom image being painted, in floating point: a background painted row band by row band in parallel,
 * lesions added on top, then noise and rounding to unsigned stored values.
 */
final class GreyCanvas {

    /** Paints one pixel's background value. */
    @FunctionalInterface
    interface Background {
        double at(int column, int row);
    }

    private static final int BAND_ROWS = 64;

    private final int columns;
    private final int rows;
    private final float[] values;

    GreyCanvas(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.values = new float[Math.multiplyExact(columns, rows)];
    }

    void paint(Background background) {
        bands((from, to) -> {
            for (int y = from; y < to; y++) {
                int offset = y * columns;
                for (int x = 0; x < columns; x++) {
                    values[offset + x] = (float) background.at(x, y);
                }
            }
        });
    }

    /**
     * Adds a sphere's projection: {@code amplitude} at the centre falling as sqrt(1 - (d/r)²) to 0 at radius r, the
     * rim smoothed over about a pixel so the edge is not aliased.
     */
    void addSphere(double cx, double cy, double radius, double amplitude) {
        int x0 = Math.max(0, (int) Math.floor(cx - radius - 1));
        int x1 = Math.min(columns - 1, (int) Math.ceil(cx + radius + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - radius - 1));
        int y1 = Math.min(rows - 1, (int) Math.ceil(cy + radius + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = Math.hypot(x - cx, y - cy);
                double inside = Math.clamp(radius + 0.5 - d, 0, 1);
                if (inside > 0) {
                    double t = Math.min(d, radius) / radius;
                    values[y * columns + x] += (float) (amplitude * inside * Math.sqrt(Math.max(0.15, 1 - t * t)));
                }
            }
        }
    }

    /**
     * Adds Gaussian noise and rounds to stored values in 0..{@code max}. Each row has its own generator seeded from
     * {@code seed} and the row, so the result does not depend on how the rows are shared among threads.
     */
    short[] toStored(long seed, double noiseSigma, int max) {
        short[] stored = new short[values.length];
        bands((from, to) -> {
            for (int y = from; y < to; y++) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + y);
                int offset = y * columns;
                for (int x = 0; x < columns; x++) {
                    double v = values[offset + x] + (noiseSigma > 0 ? random.nextGaussian() * noiseSigma : 0);
                    stored[offset + x] = (short) Math.clamp(Math.round(v), 0, max);
                }
            }
        });
        return stored;
    }

    /** Work on rows [from, to). */
    @FunctionalInterface
    interface Band {
        void run(int from, int to);
    }

    private void bands(Band band) {
        inBands(rows, band);
    }

    /** Runs {@code band} over row bands of an image of {@code rows} rows, in parallel. */
    static void inBands(int rows, Band band) {
        int count = (rows + BAND_ROWS - 1) / BAND_ROWS;
        ParallelSlices.forEach(count, b -> band.run(b * BAND_ROWS, Math.min(rows, (b + 1) * BAND_ROWS)));
    }
}
