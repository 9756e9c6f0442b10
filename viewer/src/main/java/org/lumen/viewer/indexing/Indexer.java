// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.indexing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.IndexBuilder;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.source.DicomSource;
import org.lumen.viewer.source.SourceListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes a source: reads every file's header (no pixels) on a bounded pool, groups the instances
 * Patient → Study → Series and reports each file it could not use with its reason.
 */
public final class Indexer {

    /** Files per pool task: large enough to amortise scheduling, small enough to cancel promptly. */
    private static final int CHUNK = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

    private final ExecutorService pool;
    private final int parallelism;

    public Indexer(ExecutorService pool, int parallelism) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
    }

    public BackgroundTask<DicomIndex> task(DicomSource source) {
        return BackgroundTask.of("Indexing " + source.description(), context -> index(source, context));
    }

    public DicomIndex index(DicomSource source, TaskContext context) throws IOException {
        context.message("Listing " + source.description());
        SourceListing listing = source.list(context);
        List<Path> files = listing.files();
        IndexBuilder builder = new IndexBuilder();
        listing.problems().forEach(builder::addProblem);
        AtomicInteger done = new AtomicInteger();
        Queue<List<Path>> chunks = new ConcurrentLinkedQueue<>();
        int chunk = Math.max(1, Math.min(CHUNK, files.size() / (parallelism * 4) + 1));
        for (int start = 0; start < files.size(); start += chunk) {
            chunks.add(files.subList(start, Math.min(files.size(), start + chunk)));
        }
        // The calling thread (itself often an I/O-pool thread) reads chunks too, and waits only for chunks
        // that another thread has already started: never for work queued behind it on a busy pool, which
        // deadlocked two overlapping opens on two I/O threads.
        CountDownLatch finished = new CountDownLatch(chunks.size());
        Runnable worker = () -> {
            List<Path> part;
            while ((part = chunks.poll()) != null) {
                try {
                    readChunk(part, builder, context, done, files.size());
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int helper = 1; helper < parallelism && helper < chunks.size(); helper++) {
            pool.execute(worker);
        }
        worker.run();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException();
        }
        context.checkCancelled();
        return builder.build();
    }

    private static void readChunk(List<Path> part, IndexBuilder builder, TaskContext context, AtomicInteger done, int total) {
        DicomHeaderReader reader = new DicomHeaderReader();
        for (Path file : part) {
            if (context.isCancelled()) {
                return;
            }
            try {
                builder.add(reader.read(file));
            } catch (UnusableFileException e) {
                builder.addProblem(new Problem(file.toString(), e.getMessage()));
            } catch (TaskCancelledException e) {
                return;
            } catch (RuntimeException | StackOverflowError e) {
                // A bug or a pathological file must cost this file only, never the whole index.
                // The exception's text is for developers: the log keeps it, the reader gets a sentence.
                LOG.warn("internal error reading the header of {}", file, e);
                builder.addProblem(new Problem(file.toString(), "Lumen could not read its header (an internal error; the log has the details)"));
            }
            context.progress(done.incrementAndGet(), total);
        }
    }
}
