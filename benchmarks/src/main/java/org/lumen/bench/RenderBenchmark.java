// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * Window/level of one slice: into display bytes (the lookup-table renderer against the per-pixel
 * formula) and into the screen image's ARGB pixels (against a plain copy of the slice's pixels).
 */
final class RenderBenchmark {

    private RenderBenchmark() { }

    /** Mean milliseconds per slice over {@code rounds} renders, after a warm-up. */
    static double lutMillis(VoxelSlice slice, int rounds) {
        SliceRenderer renderer = new SliceRenderer();
        byte[] out = new byte[slice.columns() * slice.rows()];
        DisplaySettings[] windows = {
            DisplaySettings.window(new WindowPreset("lung", -600, 1500), false),
            DisplaySettings.window(new WindowPreset("soft", 40, 400), false)};
        for (int i = 0; i < 200; i++) {
            renderer.renderGray(slice, windows[i % 2], out);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            // Alternate windows so every render rebuilds the table, as a window drag does.
            renderer.renderGray(slice, windows[i % 2], out);
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    /** The same output computed with the linear VOI formula per pixel, no table: the baseline. */
    static double formulaMillis(VoxelSlice slice, int rounds) {
        short[] data = slice.shorts();
        byte[] out = new byte[data.length];
        double c = 40;
        double w = 400;
        long start = 0;
        for (int r = -200; r < rounds; r++) {
            if (r == 0) {
                start = System.nanoTime();
            }
            for (int i = 0; i < data.length; i++) {
                double x = data[i];
                double y = x <= c - 0.5 - (w - 1) / 2 ? 0 : x > c - 0.5 + (w - 1) / 2 ? 255 : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
                out[i] = (byte) Math.round(y);
            }
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    /**
     * Mean milliseconds per {@link SliceRenderer#renderArgb} of the slice into an int[] screen image,
     * what the viewport does per frame. With {@code windowChanges}, the window alternates every render
     * (a window/level drag: the table is rebuilt each time); without, it stays (scrolling).
     */
    static double argbMillis(VoxelSlice slice, int rounds, boolean windowChanges) {
        SliceRenderer renderer = new SliceRenderer();
        int[] out = new int[slice.columns() * slice.rows()];
        DisplaySettings[] windows = {
            DisplaySettings.window(new WindowPreset("soft", 40, 400), false),
            DisplaySettings.window(new WindowPreset("lung", -600, 1500), false)};
        for (int i = 0; i < 200; i++) {
            renderer.renderArgb(slice, windows[i % 2], out);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            renderer.renderArgb(slice, windows[windowChanges ? i % 2 : 0], out);
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    /** Baseline: mean milliseconds per System.arraycopy of the slice's pixels into another array. */
    static double copyMillis(VoxelSlice slice, int rounds) {
        short[] data = slice.shorts();
        short[] out = new short[data.length];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(data, 0, out, 0, data.length);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            System.arraycopy(data, 0, out, 0, data.length);
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }
}
