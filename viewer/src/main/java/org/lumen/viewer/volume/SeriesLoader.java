// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Turns a stack plan into a volume and decodes its slices in parallel on the decode pool,
 * nearest the focus slice first, so the slice on screen is there before the rest has loaded.
 */
public final class SeriesLoader {

    /** Slices decoded by one pool task (see {@link #decodeSome}). */
    static final int SLICES_PER_TASK = 8;

    private final ExecutorService decodePool;
    private final int parallelism;
    private final PixelCache cache;
    private final FrameDecoder frames = new FrameDecoder();

    public SeriesLoader(ExecutorService decodePool, int parallelism, PixelCache cache) {
        this.decodePool = decodePool;
        this.parallelism = Math.max(1, parallelism);
        this.cache = cache;
    }

    /** A volume over the plan's frames; nothing is decoded yet. */
    public Volume open(StackPlan plan) {
        if (plan.frames().isEmpty()) {
            throw new IllegalArgumentException("series " + plan.seriesUid() + " has no image frames to load");
        }
        Set<org.lumen.viewer.image.ModalityLut> luts = new LinkedHashSet<>();
        plan.frames().forEach(f -> luts.add(f.instance().modalityLutOfFrame(f.frame())));
        // A map's real-world values are real numbers whatever its stored values are (ADR 0039).
        boolean realWorld = RealWorldSlices.appliesTo(plan);
        VoxelType type = realWorld ? VoxelType.FLOAT32 : VoxelType.choose(plan.frames().getFirst().instance().pixels(), luts);
        return new Volume(plan, type, cache, new SliceDecoder(frames, type), realWorld);
    }

    /**
     * A volume over a grown plan of the same series (more of it has arrived): every slice the previous
     * volume has in memory is handed over, so only the new ones need decoding. Frames are matched by
     * instance and frame, not by index, since new slices land between the old ones. Slices are not
     * handed over when the new plan needs another voxel type (an instance with another rescale arrived).
     */
    public Volume grow(Volume previous, StackPlan plan) {
        Volume next = open(plan);
        if (next.voxelType() != previous.voxelType()) {
            return next;
        }
        Map<FrameKey, Integer> before = new java.util.HashMap<>();
        for (int k = 0; k < previous.sliceCount(); k++) {
            before.put(FrameKey.of(previous.frame(k)), k);
        }
        for (int k = 0; k < next.sliceCount(); k++) {
            Integer old = before.get(FrameKey.of(next.frame(k)));
            VoxelSlice slice = old == null ? null : previous.sliceOrNull(old);
            if (slice != null) {
                next.publish(k, slice);
            }
        }
        return next;
    }

    /** The slice index of {@code frame} (same instance, same frame) in {@code plan}, or -1 when the plan does not hold it. */
    public static int indexOf(StackPlan plan, FrameRef frame) {
        FrameKey key = FrameKey.of(frame);
        for (int k = 0; k < plan.sliceCount(); k++) {
            if (FrameKey.of(plan.frames().get(k)).equals(key)) {
                return k;
            }
        }
        return -1;
    }

    /** One frame of one instance, whichever header object read it. */
    private record FrameKey(String sopInstanceUid, int frame) {
        static FrameKey of(FrameRef f) {
            return new FrameKey(f.instance().sopInstanceUid(), f.frame());
        }
    }

    /** A task that decodes every slice of {@code volume}, starting at {@code focus} and moving outwards. */
    public BackgroundTask<Volume> loadTask(Volume volume, int focus) {
        String name = "Loading " + volume.sliceCount() + " slices of series " + volume.plan().seriesUid();
        return BackgroundTask.of(name, context -> loadAll(volume, focus, context));
    }

    private Volume loadAll(Volume volume, int focus, TaskContext context) throws InterruptedException {
        List<List<Integer>> jobs = jobs(volume, focus);
        int total = volume.sliceCount();
        // Slices already in memory (handed over from a smaller plan, or decoded for the first view) are not decoded again.
        AtomicInteger done = new AtomicInteger(total - jobs.stream().mapToInt(List::size).sum());
        AtomicInteger next = new AtomicInteger();
        Semaphore inFlight = new Semaphore(parallelism * 2);
        Phaser running = new Phaser(1);
        while (next.get() < jobs.size() && !context.isCancelled()) {
            inFlight.acquire();
            running.register();
            decodePool.execute(() -> {
                try {
                    decodeSome(volume, jobs, next, context, done, total);
                } finally {
                    inFlight.release();
                    running.arriveAndDeregister();
                }
            });
        }
        running.arriveAndAwaitAdvance();
        if (context.isCancelled()) {
            throw new TaskCancelledException();
        }
        return volume;
    }

    /**
     * One pool task: takes the next jobs in decoding order, whichever thread is free, until it has decoded about
     * {@link #SLICES_PER_TASK} slices. A task per slice cost two thread wake-ups per slice (the pool's worker, then the
     * loader at its semaphore), 9 % of a one-thread load of uncompressed CT (ADR 0038); taking jobs from one shared
     * cursor keeps the order nearest-the-focus-first across threads, and a few slices per task keep the decode pool
     * answering a slice asked for on screen within milliseconds, which one long task per thread would not.
     */
    private static void decodeSome(Volume volume, List<List<Integer>> jobs, AtomicInteger next, TaskContext context,
            AtomicInteger done, int total) {
        for (int slices = 0; slices < SLICES_PER_TASK && !context.isCancelled();) {
            int j = next.getAndIncrement();
            if (j >= jobs.size()) {
                return;
            }
            List<Integer> job = jobs.get(j);
            decode(volume, job);
            slices += job.size();
            context.progress(done.addAndGet(job.size()), total);
        }
    }

    /** Slices that share a multi-frame compressed file decode together; everything else alone. */
    private static List<List<Integer>> jobs(Volume volume, int focus) {
        int n = volume.sliceCount();
        List<Integer> order = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            order.add(k);
        }
        int center = Math.clamp(focus, 0, n - 1);
        order.sort(Comparator.comparingInt(k -> Math.abs(k - center)));
        Map<InstanceHeader, List<Integer>> byInstance = new LinkedHashMap<>();
        List<List<Integer>> jobs = new ArrayList<>();
        for (int k : order) {
            if (volume.sliceOrNull(k) != null) {
                continue;
            }
            FrameRef ref = volume.frame(k);
            if (ref.instance().frames() > 1 && !FrameDecoder.isDirectReadable(ref.instance())) {
                byInstance.computeIfAbsent(ref.instance(), i -> {
                    List<Integer> job = new ArrayList<>();
                    jobs.add(job);
                    return job;
                }).add(k);
            } else {
                jobs.add(List.of(k));
            }
        }
        return jobs;
    }

    private static void decode(Volume volume, List<Integer> job) {
        SliceDecoder decoder = volume.decoder();
        if (job.size() == 1) {
            int k = job.getFirst();
            try {
                volume.publish(k, volume.mapped(volume.frame(k), decoder.decode(volume.frame(k))));
            } catch (UnusableFileException | RuntimeException e) {
                volume.failed(k, e.getMessage());
            }
            return;
        }
        try {
            List<DecodedFrame> decoded = decoder.decodeInstance(volume.frame(job.getFirst()));
            for (int k : job) {
                FrameRef ref = volume.frame(k);
                volume.publish(k, volume.mapped(ref, decoder.convert(decoded.get(ref.frame()), ref)));
            }
        } catch (UnusableFileException | RuntimeException e) {
            job.forEach(k -> volume.failed(k, e.getMessage()));
        }
    }
}
