// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.source.FolderSource;

/**
 * A study shown while it arrives (decision 0017), with real files: a chest CT phantom and its scout,
 * copied file by file in a shuffled order into a cache folder, the arriving study told of each as a
 * retrieve would tell it. It lives in the network module's tests because the phantoms (src-test-data)
 * are built on the viewer, which therefore cannot use them in its own tests.
 */
class ArrivingStudyTest {

    private static final long SPACING = TimeUnit.MILLISECONDS.toNanos(ArrivingStudy.PUBLISH_SPACING_MS);

    @TempDir
    static Path source;

    private static PhantomResult ct;
    private static Path scout;
    private static Pools pools;

    @TempDir
    Path cache;

    /** The test's own clock: a snapshot is due only when the test moves it on. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @BeforeAll
    static void writePhantom() throws IOException {
        ChestCtSpec spec = ChestCtSpec.builder().seed(17).size(Size.of(64, 64, 40)).noduleCount(1).build();
        ct = Phantoms.writeChestCt(source.resolve("ct"), spec);
        scout = Phantoms.writeChestScout(source.resolve("scout"), spec);
        pools = new Pools(2);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void plansGrowAsShuffledFilesArriveKeepTheFrameShownAndEndAsTheFolderOpens() throws Exception {
        List<Path> files = shuffled(41);
        ArrivingStudy arriving = new ArrivingStudy(ct.studyInstanceUid(), files.size(), pools.io(), now::get);
        String series = ct.seriesInstanceUid();
        List<ArrivingStudy.Snapshot> seen = new ArrayList<>();
        FrameRef firstShown = null;
        for (int i = 0; i < files.size(); i++) {
            now.addAndGet(SPACING); // every arrival is due: each step is seen
            arriving.arrived(copy(files.get(i)));
            int arrived = i + 1;
            ArrivingStudy.Snapshot snap = await(arriving, s -> s.arrived() == arrived);
            assertThat(snap.isArriving()).isTrue();
            assertThat(snap.progress()).isEqualTo("arriving " + arrived + " of " + files.size());
            seen.add(snap);
            StackPlan plan = snap.plans().get(series);
            if (plan != null && firstShown == null) {
                firstShown = plan.frames().getFirst();
            }
            if (firstShown != null) {
                // The reader's frame is found in every grown plan by its instance, not by its index.
                int k = SeriesLoader.indexOf(plan, firstShown);
                assertThat(k).isNotNegative();
                assertThat(plan.frames().get(k).instance().sopInstanceUid()).isEqualTo(firstShown.instance().sopInstanceUid());
            }
        }
        for (int i = 1; i < seen.size(); i++) {
            ArrivingStudy.Snapshot before = seen.get(i - 1);
            ArrivingStudy.Snapshot after = seen.get(i);
            assertThat(after.version()).isGreaterThan(before.version());
            for (var e : before.plans().entrySet()) {
                // Plans only grow: every frame stacked before is still stacked, in the same order relative to the others.
                List<String> earlier = sops(e.getValue());
                List<String> later = sops(after.plans().get(e.getKey()));
                assertThat(later).containsAll(earlier);
                assertThat(later.stream().filter(earlier::contains).toList()).isEqualTo(earlier);
            }
        }

        arriving.finished();
        ArrivingStudy.Snapshot last = await(arriving, s -> !s.isArriving());
        assertThat(last.state()).isEqualTo(ArrivingStudy.State.COMPLETE);
        assertThat(last.progress()).isEmpty();
        DicomIndex folder = new Indexer(pools.io(), 2).index(new FolderSource(cache), TaskContext.none());
        assertThat(last.index().allSeries().stream().map(Series::uid).toList())
                .isEqualTo(folder.allSeries().stream().map(Series::uid).toList());
        StackPlanner planner = new StackPlanner();
        for (Series s : folder.allSeries()) {
            StackPlan opened = planner.plan(s);
            StackPlan arrived = last.plans().get(s.uid());
            assertThat(arrived.sameFramesAs(opened)).isTrue();
            assertThat(arrived.geometry()).isEqualTo(opened.geometry());
            assertThat(arrived.isVolume()).isEqualTo(opened.isVolume());
            assertThat(arrived.notes()).isEqualTo(opened.notes());
        }
        assertThat(last.plans().get(series).sliceCount()).isEqualTo(40);
        assertThat(last.plans().get(series).isRegular()).isTrue();
    }

    @Test
    void aGrownVolumeKeepsTheSlicesAlreadyDecoded() throws Exception {
        List<Path> files = ct.dicomFiles().stream().sorted().toList();
        // The real clock: whatever the drains' timing, the spacing passes and a look publishes the rest.
        ArrivingStudy arriving = new ArrivingStudy(ct.studyInstanceUid(), files.size(), pools.io());
        for (Path f : files.subList(0, 10)) {
            arriving.arrived(copy(f));
        }
        StackPlan small = await(arriving, s -> s.arrived() == 10).plans().get(ct.seriesInstanceUid());
        for (Path f : files.subList(10, files.size())) {
            arriving.arrived(copy(f));
        }
        StackPlan whole = await(arriving, s -> s.arrived() == files.size()).plans().get(ct.seriesInstanceUid());
        SeriesLoader loader = new SeriesLoader(pools.decode(), 2, new PixelCache(64L << 20));
        try (Volume first = loader.open(small)) {
            VoxelSlice shown = first.slice(3);
            try (Volume grown = loader.grow(first, whole)) {
                int k = SeriesLoader.indexOf(whole, first.frame(3));
                assertThat(grown.sliceOrNull(k)).isSameAs(shown);
                assertThat(grown.loadedCount()).isEqualTo(1);
                grown.slice(k == 0 ? 1 : 0); // the others decode as usual
                assertThat(grown.loadedCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void whatArrivesWithinTheSpacingWaitsForItThenShowsWhenAReaderLooks() throws Exception {
        List<Path> files = ct.dicomFiles().stream().sorted().toList();
        ArrivingStudy arriving = new ArrivingStudy(ct.studyInstanceUid(), 0, pools.io(), now::get);
        arriving.arrived(copy(files.get(0)));
        ArrivingStudy.Snapshot first = await(arriving, s -> s.arrived() == 1); // a series' first image is shown at once
        assertThat(first.plans()).containsKey(ct.seriesInstanceUid());
        assertThat(first.progress()).isEqualTo("arriving 1");
        arriving.arrived(copy(files.get(1)));
        arriving.arrived(copy(files.get(2)));
        Thread.sleep(300); // real time passes; the test's clock does not: nothing is due
        assertThat(arriving.latest().version()).isEqualTo(first.version());
        now.addAndGet(SPACING);
        // The retrieve stalls (nothing more arrives): a reader's look lets the waiting instances through.
        ArrivingStudy.Snapshot caughtUp = await(arriving, s -> s.arrived() == 3);
        assertThat(caughtUp.plans().get(ct.seriesInstanceUid()).sliceCount()).isEqualTo(3);
    }

    @Test
    void aStoppedRetrieveKeepsWhatArrivedAndSaysWhy() throws Exception {
        List<Path> files = shuffled(7);
        ArrivingStudy arriving = new ArrivingStudy(ct.studyInstanceUid(), files.size(), pools.io(), now::get);
        for (Path f : files.subList(0, 12)) {
            arriving.arrived(copy(f));
        }
        arriving.arrived(cache.resolve(files.get(0).getParent().getFileName() + "-" + files.get(0).getFileName())); // again: counts once
        Path notDicom = Files.writeString(cache.resolve("1.2.3.dcm"), "not a DICOM file");
        arriving.arrived(notDicom);
        arriving.stopped("a WADO-RS retrieve on http://127.0.0.1:8042/dicom-web was cancelled");
        arriving.arrived(copy(files.get(12))); // a straggler after the end is not announced
        ArrivingStudy.Snapshot last = await(arriving, s -> !s.isArriving());
        assertThat(last.state()).isEqualTo(ArrivingStudy.State.STOPPED);
        assertThat(last.sentence()).contains("was cancelled");
        assertThat(last.arrived()).isEqualTo(13);
        assertThat(last.progress()).isEqualTo("13 of 41 arrived");
        assertThat(last.index().problems()).singleElement().satisfies(p -> assertThat(p.file()).endsWith("1.2.3.dcm"));
        int images = last.plans().values().stream().mapToInt(StackPlan::sliceCount).sum();
        assertThat(images).isEqualTo(12);
    }

    private List<Path> shuffled(long seed) {
        List<Path> files = new ArrayList<>(ct.dicomFiles());
        files.add(scout);
        Collections.shuffle(files, new Random(seed));
        return files;
    }

    /** Copies a file into the cache as a retrieve writes it: whole, by a rename. */
    private Path copy(Path file) throws IOException {
        Path partial = cache.resolve(".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, cache.resolve(file.getParent().getFileName() + "-" + file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private static ArrivingStudy.Snapshot await(ArrivingStudy arriving, Predicate<ArrivingStudy.Snapshot> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        ArrivingStudy.Snapshot s = arriving.latest();
        while (!until.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such snapshot within 20 s; the latest: " + s);
            }
            Thread.sleep(2);
            s = arriving.latest();
        }
        return s;
    }

    private static List<String> sops(StackPlan plan) {
        return plan.frames().stream().map(f -> f.instance().sopInstanceUid() + "/" + f.frame()).toList();
    }
}
