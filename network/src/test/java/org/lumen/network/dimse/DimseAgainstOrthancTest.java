// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** C-ECHO and C-FIND against a real Orthanc holding a chest CT and a head MR of two patients. */
class DimseAgainstOrthancTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static PacsNode node;
    private static final DimseClient CLIENT = DimseClient.withDefaultTrust(TIMEOUTS);

    @BeforeAll
    static void startArchive() throws IOException {
        // Orthanc answers queries only from AE titles it lists: Lumen's is registered with its address.
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        orthanc.uploadTree(Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(11).size(Size.of(64, 64, 24))
                .noduleCount(0).build()).directory());
        orthanc.uploadTree(Phantoms.writeMrSeries(dir.resolve("head"), HeadMrSpec.builder().seed(12).size(Size.of(48, 48, 8)).build()).directory());
        node = PacsNode.dimse("test", OrthancServer.AET, "127.0.0.1", orthanc.dicomPort(), false);
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Test
    void echoAnswers() throws Exception {
        assertThat(CLIENT.echo(node, TaskContext.none())).isLessThan(TIMEOUTS.response().toMillis());
    }

    @Test
    void findsStudiesByEachFilter() throws Exception {
        assertThat(find(StudyQuery.any())).extracting(StudyMatch::patientId).containsExactlyInAnyOrder("LUMEN-PHANTOM-11", "LUMEN-PHANTOM-12");
        assertThat(find(StudyQuery.any().withPatientId("LUMEN-PHANTOM-11"))).extracting(StudyMatch::patientName).containsExactly("PHANTOM^CHEST");
        assertThat(find(StudyQuery.any().withPatientName("PHANTOM^H*"))).extracting(StudyMatch::patientId).containsExactly("LUMEN-PHANTOM-12");
        assertThat(find(StudyQuery.any().withModality("MR"))).extracting(StudyMatch::patientId).containsExactly("LUMEN-PHANTOM-12");
        assertThat(find(StudyQuery.any().withStudyDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)))).hasSize(2);
        assertThat(find(StudyQuery.any().withStudyDates(LocalDate.of(2025, 1, 1), null))).isEmpty();

        StudyMatch chest = find(StudyQuery.any().withPatientId("LUMEN-PHANTOM-11")).getFirst();
        assertThat(chest.modalities()).containsExactly("CT");
        assertThat(chest.studyDate()).isEqualTo("20240101");
        assertThat(chest.numberOfSeries()).isEqualTo(1);
        assertThat(chest.numberOfInstances()).isEqualTo(24);
    }

    @Test
    void findsPatientsAtPatientLevelWithTheirStudyCounts() throws Exception {
        List<org.lumen.network.query.PatientMatch> all = CLIENT.findPatients(node, StudyQuery.any(), TaskContext.none());
        List<org.lumen.network.query.PatientMatch> heads = CLIENT.findPatients(node, StudyQuery.any().withPatientName("PHANTOM^H*"),
                TaskContext.none());

        assertThat(all).extracting(org.lumen.network.query.PatientMatch::patientId)
                .containsExactlyInAnyOrder("LUMEN-PHANTOM-11", "LUMEN-PHANTOM-12");
        assertThat(heads).singleElement().satisfies(p -> {
            assertThat(p.patientId()).isEqualTo("LUMEN-PHANTOM-12");
            assertThat(p.numberOfStudies()).isEqualTo(1);
        });
    }

    @Test
    void listsTheSeriesOfAStudyWithTheirCounts() throws Exception {
        StudyMatch head = find(StudyQuery.any().withPatientId("LUMEN-PHANTOM-12")).getFirst();

        List<SeriesMatch> series = CLIENT.findSeries(node, head.studyInstanceUid(), TaskContext.none());

        assertThat(series).hasSize(1);
        assertThat(series.getFirst().modality()).isEqualTo("MR");
        assertThat(series.getFirst().instances()).isEqualTo(8);
        assertThat(series.getFirst().studyInstanceUid()).isEqualTo(head.studyInstanceUid());
    }

    @Test
    void aWrongCalledAeTitleIsRejectedWithTheReason() {
        PacsNode wrong = PacsNode.dimse("wrong", "NOT_ORTHANC", "127.0.0.1", orthanc.dicomPort(), false);

        assertThatThrownBy(() -> CLIENT.echo(wrong, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("called AE title not recognised");
    }

    @Test
    void aQueryFromAnAeTitleTheArchiveDoesNotKnowSaysWhatToCheck() {
        PacsNode stranger = node.withCallingAet("STRANGER");

        assertThatThrownBy(() -> CLIENT.findStudies(stranger, StudyQuery.any(), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ABORTED))
                .hasMessageContaining("it may not allow this request from AE title STRANGER");
    }

    private static List<StudyMatch> find(StudyQuery q) throws NetworkException {
        return CLIENT.findStudies(node, q, TaskContext.none());
    }
}
