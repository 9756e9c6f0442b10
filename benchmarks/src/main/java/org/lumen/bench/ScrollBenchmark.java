// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.lang.management.ManagementFactory;
import java.util.BitSet;
import org.lumen.viewer.render.DisplaySettings;
import org.lumen.viewer.render.SliceRenderer;
import org.lumen.viewer.viewport.PlaneSampler;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.Volume;
import org.lumen.viewer.volume.VoxelSlice;

/**
 * The per-frame work of a viewport while scrolling, without JavaFX: {@link PlaneSampler#sample}
 * then {@link SliceRenderer#renderArgb} into the screen image's int[] (what {@code SliceViewport.repaint}
 * does before handing the buffer to JavaFX). Each frame is timed alone; the bytes the thread
 * allocated over all measured frames come from {@code com.sun.management.ThreadMXBean}.
 */
final class ScrollBenchmark {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ScrollBenchmark() { }

    /** Timings and allocation of one scrolling run. */
    record Run(FrameTimes times, double bytesPerFrame, long bytesTotal, int frames) { }

    /** What one frame does; {@code n} is the plane index shown in that frame. */
    @FunctionalInterface
    interface Frame {
        void draw(int n);
    }

    /**
     * Scrolls planes 0 → count-1 → 0 → … for {@code frames} frames after {@code warmup} frames
     * (the same walk), timing each frame.
     */
    static Run scroll(int count, int warmup, int frames, Frame frame) {
        for (int f = 0; f < warmup; f++) {
            frame.draw(pingPong(f, count));
        }
        long[] nanos = new long[frames];
        long id = Thread.currentThread().threadId();
        // The counter itself: two reads with nothing between, subtracted from the loop's figure.
        long c0 = THREADS.getThreadAllocatedBytes(id);
        long c1 = THREADS.getThreadAllocatedBytes(id);
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int f = 0; f < frames; f++) {
            int n = pingPong(f, count);
            long start = System.nanoTime();
            frame.draw(n);
            nanos[f] = System.nanoTime() - start;
        }
        long allocated = Math.max(0, THREADS.getThreadAllocatedBytes(id) - before - (c1 - c0));
        return new Run(new FrameTimes(nanos), allocated / (double) frames, allocated, frames);
    }

    /** The viewport's frame: sample plane n (slab planes thick) and render it into {@code pixels}. */
    static Frame viewport(Volume volume, ViewPlane plane, int slab, DisplaySettings display) {
        PlaneSampler sampler = new PlaneSampler(volume, plane);
        SliceRenderer renderer = new SliceRenderer();
        int[] pixels = new int[plane.width() * plane.height()];
        return n -> {
            VoxelSlice image = sampler.sample(n, slab);
            if (image == null) {
                throw new IllegalStateException("plane " + n + " has no pixels in memory: the volume must be fully loaded");
            }
            renderer.renderArgb(image, display, pixels);
        };
    }

    /**
     * The viewport's frame with the rest of {@code SliceViewport.repaint}'s bookkeeping on the stored
     * plane: the missing-slices query and moving the pin to the slice on screen.
     */
    static Frame viewportWithBookkeeping(Volume volume, ViewPlane plane, DisplaySettings display) {
        PlaneSampler sampler = new PlaneSampler(volume, plane);
        SliceRenderer renderer = new SliceRenderer();
        int[] pixels = new int[plane.width() * plane.height()];
        PixelCache.Pin[] pinned = new PixelCache.Pin[1];
        return n -> {
            VoxelSlice image = sampler.sample(n, 1);
            BitSet missing = sampler.missingSlices();
            if (!missing.isEmpty() || image == null) {
                throw new IllegalStateException("plane " + n + " is not in memory: the volume must be fully loaded");
            }
            if (pinned[0] != null) {
                pinned[0].close();
            }
            pinned[0] = volume.pin(n);
            renderer.renderArgb(image, display, pixels);
        };
    }

    /** The baseline: one System.arraycopy of the stored slice shown in that frame (no window/level, no image). */
    static Frame rawCopy(VoxelSlice[] slices) {
        short[] target = new short[slices[0].shorts().length];
        return n -> System.arraycopy(slices[n].shorts(), 0, target, 0, target.length);
    }

    /** 0, 1, …, count-1, count-2, …, 1, 0, 1, …: scrolling back and forth through the planes. */
    static int pingPong(int f, int count) {
        if (count == 1) {
            return 0;
        }
        int period = 2 * (count - 1);
        int p = f % period;
        return p < count ? p : period - p;
    }
}
