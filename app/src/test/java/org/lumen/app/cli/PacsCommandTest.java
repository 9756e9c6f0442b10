// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** {@code lumen pacs echo|find} through the real command line, against a real Orthanc. */
class PacsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static OrthancServer orthanc;
    private static String node;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        orthanc.uploadTree(Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(21).size(Size.of(64, 64, 16))
                .noduleCount(0).build()).directory());
        node = "dimse://ORTHANC@127.0.0.1:" + orthanc.dicomPort();
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Test
    void echoSaysItAnswered() {
        CliRun run = lumen("pacs", "echo", node);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ORTHANC@127.0.0.1:" + orthanc.dicomPort() + " answered C-ECHO from LUMEN in ");
    }

    @Test
    void findAtPatientLevelListsPatientsOverDimseAndDicomWeb() throws Exception {
        String web = "dicomweb+http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web";
        for (String archive : List.of(node, web)) {
            CliRun run = lumen("pacs", "find", archive, "--patient-id", "LUMEN-PHANTOM-21", "--level", "patient", "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode patients = JSON.readTree(run.out()).get("patients");
            assertThat(patients).as(archive).hasSize(1);
            assertThat(patients.get(0).get("patientName").asText()).isEqualTo("PHANTOM^CHEST");
            assertThat(patients.get(0).get("numberOfStudies").asInt()).isEqualTo(1);
        }
        assertThat(lumen("pacs", "find", node, "--level", "instance").err()).contains("--level is patient, study or series");
    }

    @Test
    void findListsStudiesAndSeriesAsJson() throws Exception {
        CliRun run = lumen("pacs", "find", node, "--patient-id", "LUMEN-PHANTOM-21", "--study-date", "2024-01-01..", "--level", "series", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode studies = JSON.readTree(run.out()).get("studies");
        assertThat(studies).hasSize(1);
        JsonNode study = studies.get(0);
        assertThat(study.get("patientId").asText()).isEqualTo("LUMEN-PHANTOM-21");
        assertThat(study.get("patientName").asText()).isEqualTo("PHANTOM^CHEST");
        assertThat(study.get("studyDate").asText()).isEqualTo("20240101");
        assertThat(study.get("modalities").get(0).asText()).isEqualTo("CT");
        assertThat(study.get("numberOfInstances").asInt()).isEqualTo(16);
        assertThat(study.get("studyInstanceUid").asText()).startsWith("2.25.");
        JsonNode series = study.get("series").get(0);
        assertThat(series.get("modality").asText()).isEqualTo("CT");
        assertThat(series.get("instances").asInt()).isEqualTo(16);
        assertThat(series.get("seriesInstanceUid").asText()).startsWith("2.25.");
    }

    @Test
    void getRetrievesIntoTheCacheIndexesItAndCopiesOut() throws Exception {
        String study = JSON.readTree(lumen("pacs", "find", node, "--patient-id", "LUMEN-PHANTOM-21", "--json").out())
                .get("studies").get(0).get("studyInstanceUid").asText();
        Path catalog = dir.resolve("catalog.sqlite");
        Path copies = dir.resolve("copies");

        CliRun run = lumen("pacs", "get", node, "--study", study, "--out", copies.toString(), "--catalog", catalog.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Another test (or an earlier run) may have cached some of it already: a get fetches only the rest.
        assertThat(run.out()).containsPattern("[0-9]+ of 16 instance\\(s\\) of study " + study + " were already in the cache; fetched [0-9]+")
                .contains("indexed in the catalog: 1 series, 16 instance(s)").contains("copied 16 file(s) to " + copies);
        // The copies read as the same study, offline.
        CliRun info = lumen("info", "--json", copies.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode studies = JSON.readTree(info.out()).get("studies");
        assertThat(studies.get(0).get("studyInstanceUid").asText()).isEqualTo(study);
        assertThat(studies.get(0).get("series").get(0).get("instances").asInt()).isEqualTo(16);
        CliRun check = lumen("catalog", "check", "--json", "--catalog", catalog.toString());
        assertThat(JSON.readTree(check.out()).get("instances").asInt()).isEqualTo(16);
    }

    @Test
    void sendStoresTheDicomFilesOfAFolderAndSkipsTheRest() throws Exception {
        Path folder = Phantoms.writeChestCt(dir.resolve("to-send"), ChestCtSpec.builder().seed(22).size(Size.of(48, 48, 5))
                .noduleCount(0).build()).directory();

        CliRun run = lumen("pacs", "send", node, folder.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("sent 5 file(s) to ORTHANC@").contains("not DICOM and were skipped");
        // What left, and to where, in the audit trail of the data folder's catalog.
        JsonNode sends = JSON.readTree(lumen("audit", "list", "--action", "send", "--json").out());
        assertThat(sends).anySatisfy(e -> {
            assertThat(e.path("detail").path("stored").asInt()).isEqualTo(5);
            assertThat(e.path("detail").path("to").asText()).startsWith("ORTHANC@");
        });
        JsonNode found = JSON.readTree(lumen("pacs", "find", node, "--patient-id", "LUMEN-PHANTOM-22", "--json").out()).get("studies");
        assertThat(found.get(0).get("numberOfInstances").asInt()).isEqualTo(5);

        Path text = java.nio.file.Files.writeString(dir.resolve("note.txt"), "hello");
        CliRun named = lumen("pacs", "send", node, text.toString());
        assertThat(named.exitCode()).isEqualTo(1);
        assertThat(named.err()).contains("1 file(s) were not stored").contains("note.txt");
    }

    @Test
    void dicomWebNodesAnswerEchoAndFindLikeDimseOnes() throws Exception {
        String web = "dicomweb+http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web";

        CliRun echo = lumen("pacs", "echo", web);
        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(echo.out()).startsWith("http://127.0.0.1:" + orthanc.httpPort() + "/dicom-web answered a QIDO-RS search in ");
        CliRun find = lumen("pacs", "find", web, "--patient-id", "LUMEN-PHANTOM-21", "--level", "series", "--json");
        assertThat(find.exitCode()).as(find.err()).isZero();
        JsonNode study = JSON.readTree(find.out()).get("studies").get(0);
        assertThat(study.get("numberOfInstances").asInt()).isEqualTo(16);
        assertThat(study.get("series").get(0).get("instances").asInt()).isEqualTo(16);

        // WADO-RS and STOW-RS through the same commands.
        CliRun get = lumen("pacs", "get", web, "--study", study.get("studyInstanceUid").asText(), "--catalog",
                dir.resolve("web-catalog.sqlite").toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).containsPattern("[0-9]+ of 16 instance\\(s\\) of study .* were already in the cache; fetched [0-9]+ from http");
        Path folder = Phantoms.writeChestCt(dir.resolve("web-send"), ChestCtSpec.builder().seed(23).size(Size.of(48, 48, 4))
                .noduleCount(0).build()).directory();
        CliRun send = lumen("pacs", "send", web, folder.toString());
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).startsWith("sent 4 file(s) to http://127.0.0.1:");
        CliRun move = lumen("pacs", "get", web, "--study", study.get("studyInstanceUid").asText(), "--via", "move");
        assertThat(move.exitCode()).isEqualTo(1);
        assertThat(move.err()).contains("--via move is DIMSE's C-MOVE");
    }

    @Test
    void savedNodesAreUsedByNameAndTheirSecretsStayInTheSecretsFile() throws Exception {
        try (OrthancServer guarded = OrthancServer.start(dir.resolve("guarded"), OrthancServer.Options.defaults().withUser("reader", "s3cret"))) {
            Path password = java.nio.file.Files.writeString(dir.resolve("password.txt"), "s3cret\n");
            String web = "dicomweb+http://127.0.0.1:" + guarded.httpPort() + "/dicom-web";
            assertThat(lumen("pacs", "add", "test-dimse", node).exitCode()).isZero();
            CliRun add = lumen("pacs", "add", "test-web", web, "--user", "reader", "--password-file", password.toString());
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(add.out()).contains("readable by you only").doesNotContain("s3cret");
            try {
                CliRun listed = lumen("pacs", "nodes", "--json");
                assertThat(listed.out()).contains("\"test-dimse\"").contains("\"basic\"").doesNotContain("s3cret");

                CliRun byName = lumen("pacs", "find", "test-dimse", "--patient-id", "LUMEN-PHANTOM-21");
                assertThat(byName.exitCode()).as(byName.err()).isZero();
                assertThat(byName.out()).startsWith("1 study on ORTHANC@");
                CliRun withSecret = lumen("pacs", "echo", "test-web");
                assertThat(withSecret.exitCode()).as(withSecret.err()).isZero();
                CliRun withoutSecret = lumen("pacs", "echo", web);
                assertThat(withoutSecret.exitCode()).isEqualTo(1);
                assertThat(withoutSecret.err()).containsIgnoringCase("credentials");

                CliRun unknown = lumen("pacs", "echo", "no-such-node");
                assertThat(unknown.err()).contains("no saved node is named 'no-such-node'");
            } finally {
                assertThat(lumen("pacs", "remove", "test-dimse").exitCode()).isZero();
                assertThat(lumen("pacs", "remove", "test-web").exitCode()).isZero();
            }
            assertThat(lumen("pacs", "remove", "test-web").err()).contains("no saved node is named 'test-web'");
        }
    }

    @Test
    void getViaMoveRunsTheReceiverForTheRetrieve() throws Exception {
        String study = JSON.readTree(lumen("pacs", "find", node, "--patient-id", "LUMEN-PHANTOM-21", "--json").out())
                .get("studies").get(0).get("studyInstanceUid").asText();
        int port = freePort();
        orthanc.registerModality("mv", "LUMEN_MV", "127.0.0.1", port);

        CliRun run = lumen("pacs", "get", node, "--study", study, "--via", "move", "--aet", "LUMEN_MV", "--port", String.valueOf(port),
                "--catalog", dir.resolve("move-catalog.sqlite").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("retrieved 16 instance(s) of study " + study).contains("indexed in the catalog: 1 series, 16 instance(s)");
    }

    @Test
    void listenReceivesWhatTheArchiveSendsAndIndexesIt() throws Exception {
        int port = freePort();
        orthanc.registerModality("listener", "LUMEN_L", "127.0.0.1", port);
        java.util.concurrent.atomic.AtomicReference<CliRun> listening = new java.util.concurrent.atomic.AtomicReference<>();
        Thread listener = Thread.ofVirtual().start(() -> listening.set(lumen("pacs", "listen", "--port", String.valueOf(port), "--aet", "LUMEN_L",
                "--allow", "ORTHANC@127.0.0.1", "--for", "8", "--catalog", dir.resolve("listen-catalog.sqlite").toString())));
        // Orthanc pushes its study to the listener (REST: /modalities/listener/store) once the port is open.
        for (int i = 0; i < 50 && !open(port); i++) {
            Thread.sleep(100);
        }
        String orthancStudy = orthanc.getJson("/studies").get(0).asText();
        java.net.http.HttpResponse<String> pushed = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(orthanc.baseUrl() + "/modalities/listener/store"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(orthancStudy)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        listener.join();

        CliRun run = listening.get();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("listening as LUMEN_L on port " + port).contains("indexed study ").contains("stopped; received 1 study");
        assertThat(run.out().lines().filter(l -> l.startsWith("stored ")).count()).isEqualTo(16);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean open(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void getRefusesWhatIsNotAUid() {
        CliRun run = lumen("pacs", "get", node, "--study", "../../etc");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--study must be a DICOM UID");
    }

    @Test
    void findWithNoMatchSaysSoAndExitsZero() {
        CliRun run = lumen("pacs", "find", node, "--patient-id", "NOBODY");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("0 studies on ORTHANC@");
    }

    @Test
    void failuresAreOneSentenceAndExitOne() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun refused = lumen("pacs", "echo", "dimse://ORTHANC@127.0.0.1:" + closed, "--connect-timeout", "2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("port " + closed + " on 127.0.0.1 is closed");

        CliRun notANode = lumen("pacs", "find", "mainpacs");
        assertThat(notANode.exitCode()).isEqualTo(1);
        assertThat(notANode.err()).contains("no saved node is named 'mainpacs'").contains("dimse://AET@host:port");

        CliRun badDate = lumen("pacs", "find", node, "--study-date", "yesterday");
        assertThat(badDate.exitCode()).isEqualTo(1);
        assertThat(badDate.err()).contains("--study-date is a date (2024-03-01) or a range");
    }
}
