// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.Samples;

/**
 * QIDO-RS search against a real archive (Orthanc with its DICOMweb plugin) holding three studies: a chest
 * CT phantom, a head MR phantom (both dated 2024-01-01, patient names PHANTOM^...) and a real MR series
 * from the sample corpus (patient FRUIT, 2024-04-25, 24 images).
 */
class QidoClientTest {

    private static final String FRUIT_STUDY = "1.2.840.113713.20.280023911736152577783328064041893667800";
    private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @TempDir
    static Path dir;

    private static OrthancServer orthanc;
    private static PhantomResult chest;
    private static PhantomResult head;
    private static QidoClient qido;

    @BeforeAll
    static void startArchive() throws IOException {
        chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(7).size(Size.of(64, 64, 12)).noduleCount(0).build());
        head = Phantoms.writeMrSeries(dir.resolve("head"), HeadMrSpec.builder().seed(8).size(Size.of(48, 48, 8)).build());
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults());
        orthanc.uploadTree(chest.directory());
        orthanc.uploadTree(head.directory());
        assertThat(orthanc.uploadTree(Samples.file("mr_series/ge_sag_ir_spgr"))).hasSize(24);
        qido = new QidoClient(node(orthanc, PacsNode.Auth.NONE), QUICK, Credentials.none());
    }

    @AfterAll
    static void stopArchive() {
        if (qido != null) {
            qido.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void findsAStudyByPatientIdWithItsCounts() throws NetworkException {
        List<StudyMatch> found = qido.findStudies(StudyQuery.any().withPatientId("LUMEN-PHANTOM-7"), TaskContext.none());

        assertThat(found).singleElement().satisfies(study -> {
            assertThat(study.studyInstanceUid()).isEqualTo(chest.studyInstanceUid());
            assertThat(study.patientName()).isEqualTo("PHANTOM^CHEST");
            assertThat(study.studyDate()).isEqualTo("20240101");
            assertThat(study.studyDescription()).isEqualTo("Lumen synthetic chest CT phantom");
            assertThat(study.accessionNumber()).startsWith("PH");
            assertThat(study.modalities()).containsExactly("CT");
            assertThat(study.numberOfSeries()).isEqualTo(1);
            assertThat(study.numberOfInstances()).isEqualTo(12);
        });
    }

    @Test
    void findsStudiesByAWildcardPatientName() throws NetworkException {
        List<StudyMatch> found = qido.findStudies(StudyQuery.any().withPatientName("PHANTOM^*"), TaskContext.none());

        assertThat(found).extracting(StudyMatch::studyInstanceUid)
                .containsExactlyInAnyOrder(chest.studyInstanceUid(), head.studyInstanceUid());
        assertThat(qido.findStudies(StudyQuery.any().withPatientName("PHANT?M^HEAD"), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(head.studyInstanceUid());
    }

    @Test
    void findsStudiesInADateRange() throws NetworkException {
        assertThat(qido.findStudies(StudyQuery.any().withStudyDates(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30)), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(FRUIT_STUDY);
        assertThat(qido.findStudies(StudyQuery.any().withStudyDates(null, LocalDate.of(2024, 1, 1)), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactlyInAnyOrder(chest.studyInstanceUid(), head.studyInstanceUid());
        assertThat(qido.findStudies(StudyQuery.any().withStudyDates(LocalDate.of(2024, 2, 1), null), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(FRUIT_STUDY);
    }

    @Test
    void findsStudiesByModality() throws NetworkException {
        assertThat(qido.findStudies(StudyQuery.any().withModality("MR"), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactlyInAnyOrder(head.studyInstanceUid(), FRUIT_STUDY);
        assertThat(qido.findStudies(StudyQuery.any().withModality("CT").withPatientName("PHANTOM*"), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(chest.studyInstanceUid());
    }

    @Test
    void findsStudiesByAccessionNumberAndDescription() throws NetworkException {
        StudyMatch fruit = qido.findStudies(StudyQuery.any().withPatientId("FRUIT"), TaskContext.none()).getFirst();
        assertThat(qido.findStudies(StudyQuery.any().withAccessionNumber(fruit.accessionNumber()), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(FRUIT_STUDY);
        assertThat(qido.findStudies(StudyQuery.any().withStudyDescription("Lumen synthetic head*"), TaskContext.none()))
                .extracting(StudyMatch::studyInstanceUid).containsExactly(head.studyInstanceUid());
    }

    @Test
    void nothingMatchingIsAnEmptyList() throws NetworkException {
        assertThat(qido.findStudies(StudyQuery.any().withPatientId("NOBODY"), TaskContext.none())).isEmpty();
    }

    @Test
    void listsTheSeriesOfAStudyWithTheirCounts() throws NetworkException {
        assertThat(qido.findSeries(FRUIT_STUDY, TaskContext.none())).singleElement().satisfies(series -> {
            assertThat(series.studyInstanceUid()).isEqualTo(FRUIT_STUDY);
            assertThat(series.modality()).isEqualTo("MR");
            assertThat(series.seriesNumber()).isEqualTo(10);
            assertThat(series.seriesDescription()).isEqualTo("Accelerated SAG IR-SPGR");
            assertThat(series.instances()).isEqualTo(24);
        });
        assertThat(qido.findSeries(head.studyInstanceUid(), TaskContext.none()))
                .extracting(SeriesMatch::seriesInstanceUid, SeriesMatch::instances)
                .containsExactly(Tuple.tuple(head.seriesInstanceUid(), 8));
    }

    @Test
    void verifiesTheNode() throws NetworkException {
        assertThat(qido.verify(TaskContext.none())).isNotNegative();
    }

    @Test
    void basicAuthenticationWithRightAndWrongCredentials(@TempDir Path own) throws IOException {
        try (OrthancServer guarded = OrthancServer.start(own, OrthancServer.Options.defaults().withUser("reader", "right-pass"))) {
            guarded.uploadTree(chest.directory());
            PacsNode node = node(guarded, PacsNode.Auth.BASIC);

            try (QidoClient right = new QidoClient(node, QUICK, Credentials.basic("reader", "right-pass"))) {
                assertThat(right.findStudies(StudyQuery.any(), TaskContext.none()))
                        .extracting(StudyMatch::studyInstanceUid).containsExactly(chest.studyInstanceUid());
            }
            try (QidoClient wrong = new QidoClient(node, QUICK, Credentials.basic("reader", "wrong-pass"))) {
                assertThatThrownBy(() -> wrong.findStudies(StudyQuery.any(), TaskContext.none()))
                        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
                        .hasMessage(node.describe() + " refused a QIDO-RS search (HTTP 401): wrong or missing credentials")
                        .hasMessageNotContaining("wrong-pass");
            }
            // A node set up without authentication against this archive: the same reason, so the reader is asked for credentials.
            try (QidoClient anonymous = new QidoClient(node(guarded, PacsNode.Auth.NONE), QUICK, Credentials.basic("reader", "right-pass"))) {
                assertThatThrownBy(() -> anonymous.findStudies(StudyQuery.any(), TaskContext.none()))
                        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION));
            }
        }
    }

    static PacsNode node(OrthancServer server, PacsNode.Auth auth) {
        return new PacsNode("test PACS", PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, URI.create(server.dicomWebRoot()), auth);
    }
}
