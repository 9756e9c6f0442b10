// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.SamePixels;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;

/**
 * WADO-RS from a real Orthanc (DICOMweb plugin 1.7) behind Basic authentication: every instance arrives
 * whole, as a Part 10 file with the pixels of the file sent to the archive; a cancel or an archive that
 * dies mid-answer leaves only whole files.
 */
class WadoRetrieverTest {

    private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
    private static final Credentials READER = Credentials.basic("reader", "right-pass");

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PhantomResult chest;
    private static PhantomResult head;
    private static Pools pools;

    @BeforeAll
    static void startArchive() throws IOException {
        pools = new Pools();
        chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(41).size(Size.of(64, 64, 20)).noduleCount(0).build());
        head = Phantoms.writeMrSeries(dir.resolve("head"), HeadMrSpec.builder().seed(42).size(Size.of(48, 48, 6)).build());
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withUser("reader", "right-pass"));
        orthanc.uploadTree(chest.directory());
        orthanc.uploadTree(head.directory());
    }

    @AfterAll
    static void stopArchive() {
        if (orthanc != null) {
            orthanc.close();
        }
        if (pools != null) {
            pools.close();
        }
    }

    @Test
    void aStudyArrivesWholeWithTheSamePixels() throws Exception {
        Path into = dir.resolve("cache-study");
        AtomicLong lastDone = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();
        TaskContext task = progress((done, total) -> {
            lastDone.set(done);
            lastTotal.set(total);
        });

        RetrieveResult result;
        List<Path> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WadoRetriever wado = new WadoRetriever(node(orthanc, PacsNode.Auth.BASIC), QUICK, READER)) {
            result = wado.get(chest.studyInstanceUid(), null, into, told::add, task);
        }

        assertThat(result.files()).hasSize(20);
        assertThat(told).as("the listener hears of each instance as it is written").containsExactlyElementsOf(result.files());
        assertThat(result.failed()).isZero();
        assertThat(lastDone.get()).isEqualTo(20);
        assertThat(lastTotal.get()).as("the total comes from QIDO-RS before the first instance").isEqualTo(20);
        assertThat(hiddenLeftovers(into)).as("temporary files").isEmpty();
        for (Path file : result.files()) {
            assertThat(file.getFileName().toString()).matches("[0-9.]+\\.dcm");
        }
        // DCMTK agrees that what Lumen wrote are DICOM Part 10 files.
        Process check = new ProcessBuilder("dcmftest", result.files().getFirst().toString()).redirectErrorStream(true).start();
        String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(verdict).isZero();
        assertThat(verdict).startsWith("yes:");
        assertSamePixels(into, chest.directory());
    }

    @Test
    void oneSeriesOfAStudy() throws Exception {
        Path into = dir.resolve("cache-series");
        String series;
        try (QidoClient qido = new QidoClient(node(orthanc, PacsNode.Auth.BASIC), QUICK, READER)) {
            series = qido.findSeries(head.studyInstanceUid(), TaskContext.none()).getFirst().seriesInstanceUid();
        }

        RetrieveResult result;
        try (WadoRetriever wado = new WadoRetriever(node(orthanc, PacsNode.Auth.BASIC), QUICK, READER)) {
            result = wado.get(head.studyInstanceUid(), series, into, TaskContext.none());
        }

        assertThat(result.files()).hasSize(6);
        assertSamePixels(into, head.directory());
    }

    @Test
    void wrongCredentialsAndAStudyTheArchiveDoesNotHave() throws Exception {
        try (WadoRetriever wrong = new WadoRetriever(node(orthanc, PacsNode.Auth.BASIC), QUICK, Credentials.basic("reader", "wrong-pass"))) {
            assertThatThrownBy(() -> wrong.get(chest.studyInstanceUid(), null, dir.resolve("cache-wrong"), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
                    .hasMessageContaining("HTTP 401").hasMessageNotContaining("wrong-pass");
        }
        try (WadoRetriever wado = new WadoRetriever(node(orthanc, PacsNode.Auth.BASIC), QUICK, READER)) {
            assertThatThrownBy(() -> wado.get("1.2.3.4.5.6.7.8.9", null, dir.resolve("cache-none"), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                    .hasMessage(orthanc.dicomWebRoot() + " does not have study 1.2.3.4.5.6.7.8.9 (HTTP 404 to a WADO-RS retrieve)");
        }
        assertThat(dir.resolve("cache-none")).isEmptyDirectory();
    }

    @Test
    void cancellingLeavesOnlyCompleteFiles() throws Exception {
        Path into = dir.resolve("cache-cancelled");
        AtomicBoolean cancel = new AtomicBoolean();
        TaskContext task = new TaskContext() {
            @Override public void progress(long done, long total) {
                if (done >= 3) {
                    cancel.set(true);
                }
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() {
                return cancel.get();
            }
        };

        try (WadoRetriever wado = new WadoRetriever(node(orthanc, PacsNode.Auth.BASIC), QUICK, READER)) {
            assertThatThrownBy(() -> wado.get(chest.studyInstanceUid(), null, into, task))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED))
                    .hasMessage("a WADO-RS retrieve on " + orthanc.dicomWebRoot() + " was cancelled");
        }

        assertOnlyWholeFiles(into, 3, 3);
    }

    @Test
    void anArchiveThatDiesMidAnswerLeavesOnlyCompleteFiles(@TempDir Path own) throws Exception {
        // Big enough (40 × 512 KiB) that most of the answer is still in Orthanc when it is killed, not in socket buffers.
        PhantomResult big = Phantoms.writeChestCt(own.resolve("big"), ChestCtSpec.builder().seed(43).size(Size.of(512, 512, 40))
                .noduleCount(0).build());
        Path into = own.resolve("cache");
        try (OrthancServer dying = OrthancServer.start(own.resolve("orthanc"), OrthancServer.Options.defaults())) {
            dying.uploadTree(big.directory());
            TaskContext task = progress((done, total) -> {
                if (done == 1) {
                    dying.stop();
                }
            });

            try (WadoRetriever wado = new WadoRetriever(node(dying, PacsNode.Auth.NONE), QUICK, Credentials.none())) {
                assertThatThrownBy(() -> wado.get(big.studyInstanceUid(), null, into, task))
                        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ABORTED))
                        .hasMessageStartingWith(dying.dicomWebRoot() + " closed the connection during a WADO-RS retrieve after ");
            }
        }
        assertOnlyWholeFiles(into, 1, 39);
    }

    static PacsNode node(OrthancServer server, PacsNode.Auth auth) {
        return QidoClientTest.node(server, auth);
    }

    private static void assertOnlyWholeFiles(Path folder, int atLeast, int atMost) throws IOException {
        assertThat(hiddenLeftovers(folder)).as("temporary files").isEmpty();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> kept = files.toList();
            assertThat(kept.size()).isBetween(atLeast, atMost);
            // Each file that is there is a whole instance: it indexes without a problem.
            DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(folder), TaskContext.none());
            assertThat(index.problems()).isEmpty();
            assertThat(index.allSeries().getFirst().instances()).hasSize(kept.size());
        }
    }

    private static void assertSamePixels(Path retrievedFolder, Path sentFolder) throws Exception {
        SamePixels.assertSame(retrievedFolder, sentFolder);
    }

    private static List<Path> hiddenLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** The decoded slices of the folder's one series, in stack order. */

    interface Progress {
        void report(long done, long total);
    }

    private static TaskContext progress(Progress progress) {
        return new TaskContext() {
            @Override public void progress(long done, long total) {
                progress.report(done, total);
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() {
                return false;
            }
        };
    }
}
