// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Problem;
import org.lumen.viewer.index.Series;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study while its instances arrive from an archive (decision 0017). Each file written into the cache
 * is announced with {@link #arrived}; its header is read on the lane given (never on the retrieving
 * thread), and what has arrived is published as a {@link Snapshot}: the index of the instances so far
 * and a stack plan per image series, made exactly as opening the folder would make them. A snapshot
 * is published when a series' first image is there, then at most every {@link #PUBLISH_SPACING_MS} ms,
 * and once more when the retrieve ends, so a fast retrieve is never paced by its viewers.
 *
 * <p>Readers pull {@link #latest()} at their own pace (the window on a 250 ms tick); nothing is pushed to
 * them. JavaFX-free and thread-safe.
 */
public final class ArrivingStudy {

    /** The least time between two snapshots while instances keep arriving. */
    public static final long PUBLISH_SPACING_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(ArrivingStudy.class);

    /** Where the retrieve stands. */
    public enum State {
        /** Instances are still coming. */
        ARRIVING,
        /** The retrieve ended and every instance it brought is in the snapshot. */
        COMPLETE,
        /** Cancelled or failed: what arrived stays viewable, and the snapshot's sentence says why the rest did not. */
        STOPPED
    }

    /**
     * What had arrived when it was published.
     *
     * @param version  counts snapshots: a reader compares it with the one it shows
     * @param plans    a stack plan per image series, by Series Instance UID, in the index's order
     * @param arrived  files announced and read so far (including those that could not be used)
     * @param expected instances the archive said the study holds (0: it did not say)
     * @param sentence why the retrieve stopped, for {@link State#STOPPED}; null otherwise
     */
    public record Snapshot(long version, DicomIndex index, Map<String, StackPlan> plans, int arrived, int expected, State state,
                           String sentence) {

        public Snapshot {
            plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
        }

        public boolean isArriving() { return state == State.ARRIVING; }

        /** "arriving 37 of 300" (or "arriving 37" when the archive gave no count); "37 of 300 arrived" once stopped; "" when complete. */
        public String progress() {
            String of = expected > 0 ? String.format(Locale.ROOT, "%d of %d", arrived, expected) : String.valueOf(arrived);
            return switch (state) {
                case ARRIVING -> "arriving " + of;
                case STOPPED -> of + " arrived";
                case COMPLETE -> "";
            };
        }
    }

    private final String studyUid;
    private final Executor lane;
    private final LongSupplier nanoClock;
    private final ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger announced = new AtomicInteger();
    private final Set<Path> files = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final StackPlanner planner = new StackPlanner();
    private final int expected;
    private volatile State end;
    private volatile String endSentence;
    private volatile Snapshot latest;

    // Guarded by this: touched by one drain at a time.
    private final List<InstanceHeader> headers = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> countsAtLastPlan = new LinkedHashMap<>();
    private final Map<String, StackPlan> plans = new LinkedHashMap<>();
    /** Series with an image among the headers read: one not planned yet is published at once. */
    private final java.util.Set<String> imageSeries = new java.util.HashSet<>();
    private volatile int read;
    private volatile int readAtLastPublish;
    private volatile long lastPublishNanos;
    private volatile boolean endPublished;

    /**
     * @param expected instances the archive announced for the study (0 when unknown)
     * @param lane     where headers are read and plans made (the I/O pool in the application)
     */
    public ArrivingStudy(String studyUid, int expected, Executor lane) {
        this(studyUid, expected, lane, System::nanoTime);
    }

    ArrivingStudy(String studyUid, int expected, Executor lane, LongSupplier nanoClock) {
        this.studyUid = Objects.requireNonNull(studyUid, "studyUid");
        this.expected = Math.max(0, expected);
        this.lane = Objects.requireNonNull(lane, "lane");
        this.nanoClock = nanoClock;
        this.latest = new Snapshot(0, DicomIndex.of(List.of(), List.of()), Map.of(), 0, this.expected, State.ARRIVING, null);
    }

    public String studyUid() { return studyUid; }

    /**
     * A file of the study is in the cache, whole (what a retrieve's instance listener is told). Returns at
     * once: the header is read on the lane. A file announced again (one the cache held before the
     * retrieve, then fetched again) counts once.
     */
    public void arrived(Path file) {
        if (end != null) {
            return; // a straggler after the end: the next open of the folder will see it
        }
        if (!files.add(file)) {
            return; // announced before (already in the cache, then fetched again): its header is read once
        }
        announced.incrementAndGet();
        queue.add(file);
        schedule();
    }

    /** The retrieve ended normally: the last snapshot holds every instance announced. */
    public void finished() {
        end(State.COMPLETE, null);
    }

    /** The retrieve was cancelled or failed: what arrived stays, and {@code sentence} says why the rest did not. */
    public void stopped(String sentence) {
        end(State.STOPPED, sentence);
    }

    private void end(State state, String sentence) {
        if (end == null) {
            endSentence = sentence;
            end = state;
            schedule();
        }
    }

    /** Files announced so far, read or not. */
    public int announced() {
        return announced.get();
    }

    /**
     * The latest snapshot. A reader that polls also lets instances through that arrived within the
     * spacing of the last snapshot and then nothing more (a stalled retrieve): it asks the lane for a
     * snapshot of them once the spacing has passed.
     */
    public Snapshot latest() {
        if (end == null && !draining.get() && hasUnpublished() && spacingPassed()) {
            schedule();
        }
        return latest;
    }

    private boolean hasUnpublished() {
        return read != readAtLastPublish;
    }

    private boolean spacingPassed() {
        return nanoClock.getAsLong() - lastPublishNanos >= TimeUnit.MILLISECONDS.toNanos(PUBLISH_SPACING_MS);
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                lane.execute(this::drain);
            } catch (RuntimeException e) {
                draining.set(false);
                LOG.warn("could not read arriving instances of study {}: {}", studyUid, e.toString());
            }
        }
    }

    private void drain() {
        do {
            try {
                Path file;
                while ((file = queue.poll()) != null) {
                    read(file);
                }
                publishIfDue();
            } catch (RuntimeException e) {
                // A bug here must not stop later arrivals from being shown: the log has it.
                LOG.warn("internal error while showing arriving instances of study {}", studyUid, e);
            } finally {
                draining.set(false);
            }
        } while (hasWork() && draining.compareAndSet(false, true));
    }

    private boolean hasWork() {
        return !queue.isEmpty() || end != null && !endPublished;
    }

    /** Reads one header (file I/O, outside the lock a reader's {@link #latest} never takes anyway). */
    private void read(Path file) {
        InstanceHeader header = null;
        Problem problem = null;
        try {
            header = reader.read(file);
        } catch (UnusableFileException e) {
            problem = new Problem(file.toString(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("internal error reading the header of {}", file, e);
            problem = new Problem(file.toString(), "Lumen could not read its header (an internal error; the log has the details)");
        }
        synchronized (this) {
            if (header != null) {
                headers.add(header);
                if (header.kind().isImage() && header.hasPixels()) {
                    imageSeries.add(header.series().seriesInstanceUid());
                }
            } else {
                problems.add(problem);
            }
            read++;
        }
    }

    private synchronized void publishIfDue() {
        State ending = end;
        boolean last = ending != null && queue.isEmpty();
        if (endPublished || !last && read == readAtLastPublish) {
            return;
        }
        // Decided before any grouping: a drain runs per arrival, and indexing every time would be quadratic.
        boolean newSeries = !countsAtLastPlan.keySet().containsAll(imageSeries);
        if (!last && !newSeries && !spacingPassed()) {
            return;
        }
        DicomIndex index = DicomIndex.of(headers, problems);
        List<Series> images = index.allSeries().stream().filter(Series::hasImages).toList();
        Map<String, StackPlan> next = new LinkedHashMap<>();
        for (Series s : images) {
            Integer before = countsAtLastPlan.get(s.uid());
            StackPlan plan = before != null && before == s.instances().size() ? plans.get(s.uid()) : planner.plan(s);
            countsAtLastPlan.put(s.uid(), s.instances().size());
            next.put(s.uid(), plan);
        }
        plans.clear();
        plans.putAll(next);
        readAtLastPublish = read;
        lastPublishNanos = nanoClock.getAsLong();
        State state = last ? ending : State.ARRIVING;
        endPublished = last;
        latest = new Snapshot(latest.version() + 1, index, next, read, expected, state, last ? endSentence : null);
    }
}
