// SPDX-License-Identifier: Apache-2.0
package org.lumen.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.lumen.task.Pools;
import org.lumen.task.SyncTaskRunner;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.PixelMedBaseline;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FileSource;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** Indexing and series loading, each beside a baseline measured on the same files in the same run. */
final class IoBenchmarks {

    private final Pools pools;
    private final int threads;

    IoBenchmarks(Pools pools) {
        this.pools = pools;
        this.threads = pools.decodeThreads();
    }

    /** Raw read of every byte of the files, on {@code threads} threads: the floor for any loader. */
    double rawReadSeconds(List<Path> files) throws Exception {
        long start = System.nanoTime();
        forEachParallel(files, file -> {
            ByteBuffer buffer = BUFFER.get();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (true) {
                    buffer.clear();
                    if (channel.read(buffer) < 0) {
                        break;
                    }
                }
            }
            return null;
        });
        return seconds(start);
    }

    /** PixelMed's plain header read ({@code AttributeList.read} up to Pixel Data) on {@code threads} threads. */
    double pixelMedHeaderSeconds(List<Path> files) throws Exception {
        long start = System.nanoTime();
        forEachParallel(files, PixelMedBaseline::readHeader);
        return seconds(start);
    }

    /** PixelMed reading whole files with decompression, the way a PixelMed application loads pixels. */
    double pixelMedFullReadSeconds(List<Path> files) throws Exception {
        long start = System.nanoTime();
        forEachParallel(files, PixelMedBaseline::readWithPixels);
        return seconds(start);
    }

    /** Lumen's indexer over the same files. */
    IndexRun index(List<Path> files) throws Exception {
        long start = System.nanoTime();
        DicomIndex index = new Indexer(pools.io(), threads).index(new FileSource(files), TaskContext.none());
        return new IndexRun(index, seconds(start));
    }

    record IndexRun(DicomIndex index, double seconds) { }

    /** Plans and loads the series the way the viewer does, focus on the middle slice. */
    LoadRun load(DicomIndex index) throws Exception {
        StackPlan plan = new StackPlanner().plan(index.allSeries().getFirst());
        PixelCache cache = PixelCache.withDefaultBudget();
        SeriesLoader loader = new SeriesLoader(pools.decode(), threads, cache);
        AtomicLong firstSliceAt = new AtomicLong();
        try (HeapSampler heap = HeapSampler.start()) {
            long baseHeap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            long start = System.nanoTime();
            try (Volume volume = loader.open(plan)) {
                volume.addListener((v, k) -> firstSliceAt.compareAndSet(0, System.nanoTime()));
                new SyncTaskRunner().submit(loader.loadTask(volume, plan.sliceCount() / 2)).join();
                double total = seconds(start);
                long pixelBytes = (long) plan.sliceCount() * volume.geometry().columns() * volume.geometry().rows()
                        * volume.voxelType().bytesPerVoxel();
                if (!volume.failures().isEmpty()) {
                    throw new IllegalStateException("slices failed to load: " + volume.failures());
                }
                return new LoadRun(plan.sliceCount(), total, (firstSliceAt.get() - start) / 1e9, pixelBytes,
                        heap.peakBytes() - baseHeap, cache.evictions());
            }
        }
    }

    record LoadRun(int slices, double seconds, double firstSliceSeconds, long pixelBytes, long peakHeapGrowth, long evictions) { }

    private void forEachParallel(List<Path> files, FileWork work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            int per = (files.size() + threads - 1) / threads;
            List<Future<Object>> parts = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Path> part = files.subList(Math.min(files.size(), t * per), Math.min(files.size(), (t + 1) * per));
                parts.add(executor.submit(() -> {
                    for (Path f : part) {
                        work.run(f);
                    }
                    return null;
                }));
            }
            for (Future<Object> part : parts) {
                part.get();
            }
        } finally {
            executor.shutdown();
        }
    }

    @FunctionalInterface
    private interface FileWork {
        Object run(Path file) throws IOException;
    }

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
