// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** STOW-RS to a real Orthanc (DICOMweb plugin 1.7): what it stores, QIDO-RS then finds, with the right count. */
class StowSenderTest {

    private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withUser("writer", "right-pass"));
    }

    @AfterAll
    static void stopArchive() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void aPhantomFolderIsStoredAndANonDicomFileIsReportedNotSent() throws Exception {
        PhantomResult chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(51).size(Size.of(64, 64, 15))
                .noduleCount(0).build());
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a DICOM file");
        List<Path> files = new ArrayList<>(filesUnder(chest.directory()));
        files.add(7, notes);
        List<Long> progress = new ArrayList<>();
        TaskContext task = new TaskContext() {
            @Override public void progress(long done, long total) {
                assertThat(total).isEqualTo(files.size());
                progress.add(done);
            }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() {
                return false;
            }
        };

        SendResult result;
        try (StowSender stow = new StowSender(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "right-pass"))) {
            result = stow.send(files, task);
        }

        assertThat(result.stored()).hasSize(15).doesNotContain(notes);
        assertThat(result.notStored()).containsOnlyKeys(notes);
        assertThat(result.notStored().get(notes)).contains("not a DICOM file");
        assertThat(progress).startsWith(1L).endsWith(16L).isSorted();
        try (QidoClient qido = new QidoClient(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "right-pass"))) {
            List<StudyMatch> found = qido.findStudies(StudyQuery.any().withStudyInstanceUid(chest.studyInstanceUid()), TaskContext.none());
            assertThat(found).singleElement().satisfies(study -> assertThat(study.numberOfInstances()).isEqualTo(15));
        }
    }

    @Test
    void aSendInSeveralRequests() throws Exception {
        PhantomResult head = Phantoms.writeMrSeries(dir.resolve("head"), HeadMrSpec.builder().seed(52).size(Size.of(32, 32, 10)).build());
        List<Path> files = filesUnder(head.directory());

        SendResult result;
        try (StowSender stow = new StowSender(new DicomWebHttp(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "right-pass")), 4)) {
            result = stow.send(files, TaskContext.none());
        }

        assertThat(result.stored()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(result.notStored()).isEmpty();
        try (QidoClient qido = new QidoClient(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "right-pass"))) {
            assertThat(qido.findStudies(StudyQuery.any().withStudyInstanceUid(head.studyInstanceUid()), TaskContext.none()))
                    .singleElement().satisfies(study -> assertThat(study.numberOfInstances()).isEqualTo(10));
        }
    }

    @Test
    void anInstanceTheArchiveCannotReadIsReportedWhileTheOthersAreStored() throws Exception {
        PhantomResult mr = Phantoms.writeMrSeries(dir.resolve("mr"), HeadMrSpec.builder().seed(54).size(Size.of(16, 16, 3)).build());
        List<Path> good = filesUnder(mr.directory());
        // File meta information that reads, then a data set cut after a few bytes: only the archive finds out.
        Path cut = dir.resolve("cut.dcm");
        byte[] whole = Files.readAllBytes(good.getFirst());
        long dataSetAt = org.lumen.network.dicom.InstanceFiles.read(good.getFirst()).dataSetOffset();
        Files.write(cut, java.util.Arrays.copyOf(whole, (int) dataSetAt + 6));
        List<Path> files = new ArrayList<>(good.subList(1, good.size()));
        files.add(cut);

        SendResult result;
        try (StowSender stow = new StowSender(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "right-pass"))) {
            result = stow.send(files, TaskContext.none());
        }

        assertThat(result.stored()).containsExactlyInAnyOrderElementsOf(good.subList(1, good.size()));
        assertThat(result.notStored()).containsOnlyKeys(cut);
        assertThat(result.notStored().get(cut)).isEqualTo(orthanc.dicomWebRoot() + " answered HTTP 400 and did not list this instance as stored");
    }

    @Test
    void wrongCredentialsStoreNothing() throws Exception {
        PhantomResult small = Phantoms.writeMrSeries(dir.resolve("small"), HeadMrSpec.builder().seed(53).size(Size.of(16, 16, 2)).build());

        try (StowSender stow = new StowSender(node(PacsNode.Auth.BASIC), QUICK, Credentials.basic("writer", "wrong-pass"))) {
            assertThatThrownBy(() -> stow.send(filesUnder(small.directory()), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
                    .hasMessage(orthanc.dicomWebRoot() + " refused a STOW-RS send (HTTP 401): wrong or missing credentials");
        }
    }

    @Test
    void failureReasonsInWords() {
        assertThat(StowSender.failureReason(0xC122)).isEqualTo("transfer syntax not supported (0xC122)");
        assertThat(StowSender.failureReason(0xA7FF)).isEqualTo("failure (0xA7FF)");
        assertThat(StowSender.failureReason(null)).isEqualTo("no reason given");
    }

    private static PacsNode node(PacsNode.Auth auth) {
        return QidoClientTest.node(orthanc, auth);
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            // A phantom's folder also holds its ground truth (JSON, NIfTI): only the DICOM files.
            return walk.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }
}
