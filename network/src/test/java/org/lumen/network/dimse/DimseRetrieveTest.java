// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.SamePixels;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.TaskContext;
import org.lumen.task.Pools;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/** C-GET from a real Orthanc into a folder: every instance arrives whole, with the same pixels as the files sent to it. */
class DimseRetrieveTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    private static final DimseRetriever RETRIEVER = new DimseRetriever(TIMEOUTS, null);

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PacsNode node;
    private static PhantomResult phantom;
    private static Pools pools;

    @BeforeAll
    static void startArchive() throws IOException {
        pools = new Pools();
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        phantom = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(31).size(Size.of(64, 64, 20)).noduleCount(0).build());
        orthanc.uploadTree(phantom.directory());
        node = PacsNode.dimse("test", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false);
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
        pools.close();
    }

    @Test
    void aStudyArrivesWholeWithTheSamePixels() throws Exception {
        String study = studyUid();
        Path into = dir.resolve("cache-study");

        List<Path> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetrieveResult result = RETRIEVER.get(node, study, null, into, told::add, TaskContext.none());

        assertThat(result.files()).hasSize(20);
        assertThat(told).as("the listener hears of each instance as it is written").containsExactlyElementsOf(result.files());
        assertThat(result.failed()).isZero();
        assertThat(hiddenLeftovers(into)).as("temporary files").isEmpty();
        // DCMTK agrees that what Lumen wrote are DICOM Part 10 files.
        Process check = new ProcessBuilder("dcmftest", result.files().getFirst().toString()).redirectErrorStream(true).start();
        String verdict = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(verdict).isZero();
        assertThat(verdict).startsWith("yes:");
        SamePixels.assertSame(into, phantom.directory());
    }

    @Test
    void oneSeriesAndAStudyTheArchiveDoesNotHave() throws Exception {
        String study = studyUid();
        String series = new DimseClient(TIMEOUTS, null).findSeries(node, study, TaskContext.none()).getFirst().seriesInstanceUid();

        assertThat(RETRIEVER.get(node, study, series, dir.resolve("cache-series"), TaskContext.none()).files()).hasSize(20);
        assertThatThrownBy(() -> RETRIEVER.get(node, "1.2.3.4.5.6.7.8.9", null, dir.resolve("cache-none"), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("refused the C-GET: unable to process");
    }

    @Test
    void cancellingLeavesOnlyCompleteFiles() throws Exception {
        String study = studyUid();
        Path into = dir.resolve("cache-cancelled");
        AtomicBoolean cancel = new AtomicBoolean();
        TaskContext task = new TaskContext() {
            @Override public void progress(long done, long total) {
                if (done >= 3) {
                    cancel.set(true);
                }
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return cancel.get(); }
        };

        assertThatThrownBy(() -> RETRIEVER.get(node, study, null, into, task))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));

        assertThat(hiddenLeftovers(into)).isEmpty();
        try (Stream<Path> files = Files.list(into)) {
            List<Path> kept = files.toList();
            assertThat(kept.size()).isBetween(1, 19);
            // Each file that is there is a whole instance: it indexes and its pixels decode.
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(into), TaskContext.none());
            assertThat(index.problems()).isEmpty();
            assertThat(index.allSeries().getFirst().instances()).hasSize(kept.size());
        }
    }

    @Test
    void anArchiveThatStopsMidRetrieveLeavesOnlyWholeFilesAndASentence() throws Exception {
        // An Orthanc of its own: this test kills it after the third instance.
        OrthancServer dying = OrthancServer.start(dir.resolve("dying"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        Path into = dir.resolve("cache-dying");
        try (dying) {
            dying.uploadTree(phantom.directory());
            PacsNode target = PacsNode.dimse("dying", OrthancServer.AET, "127.0.0.1", dying.dicomPort(), false);
            String study = new DimseClient(TIMEOUTS, null).findStudies(target, StudyQuery.any(), TaskContext.none()).getFirst().studyInstanceUid();
            TaskContext task = new TaskContext() {
                @Override public void progress(long done, long total) {
                    if (done == 3) {
                        dying.stop();
                    }
                }
                @Override public void message(String message) { }
                @Override public boolean isCancelled() { return false; }
            };

            assertThatThrownBy(() -> RETRIEVER.get(target, study, null, into, task))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ABORTED))
                    .hasMessageContaining("closed the connection");
        }
        assertThat(hiddenLeftovers(into)).isEmpty();
        DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(into), TaskContext.none());
        assertThat(index.problems()).as("every file left is a whole instance").isEmpty();
        int kept = index.allSeries().getFirst().instances().size();
        assertThat(kept).as("the instances that arrived before it stopped").isBetween(3, 19);

        // The archive comes back (same storage, new ports): a retry fetches only what is missing and completes the study.
        try (OrthancServer back = OrthancServer.start(dir.resolve("dying"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112))) {
            PacsNode again = PacsNode.dimse("back", OrthancServer.AET, "127.0.0.1", back.dicomPort(), false);
            String study = new DimseClient(TIMEOUTS, null).findStudies(again, StudyQuery.any(), TaskContext.none()).getFirst().studyInstanceUid();

            org.lumen.network.ResumingRetrieve.Result retry = new org.lumen.network.ResumingRetrieve(again,
                    org.lumen.network.node.Credentials.none(), TIMEOUTS, null).get(study, null, into, org.lumen.network.InstanceListener.NONE,
                    TaskContext.none());

            assertThat(retry.alreadyCached()).isEqualTo(kept);
            assertThat(retry.fetched()).hasSize(20 - kept);
            SamePixels.assertSame(into, phantom.directory());
        }
    }

    private static String studyUid() throws NetworkException {
        List<StudyMatch> studies = new DimseClient(TIMEOUTS, null).findStudies(node, StudyQuery.any(), TaskContext.none());
        return studies.getFirst().studyInstanceUid();
    }

    private static List<Path> hiddenLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The decoded slices of the folder's one series, in stack order. */
}
