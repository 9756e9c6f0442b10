// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/** The test PACS fixture itself: it starts on free ports, stores what it is given, and is gone after close. */
class OrthancServerTest {

    @TempDir
    Path dir;

    @Test
    void storesAPhantomAndClosesItsPorts() throws IOException {
        PhantomResult phantom = Phantoms.writeChestCt(dir.resolve("phantom"), ChestCtSpec.builder().size(Size.of(64, 64, 12)).noduleCount(0).build());
        OrthancServer orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults());
        int http = orthanc.httpPort();
        int dicom = orthanc.dicomPort();
        try (orthanc) {
            assertThat(orthanc.dicomWebRoot()).isEqualTo("http://127.0.0.1:" + http + "/dicom-web");
            // The phantom folder also holds labels and ground truth: uploadTree skips what is not DICOM.
            List<String> ids = orthanc.uploadTree(phantom.directory());
            assertThat(ids).hasSize(12).doesNotHaveDuplicates();

            JsonNode statistics = orthanc.getJson("/statistics");
            assertThat(statistics.get("CountInstances").asInt()).isEqualTo(12);
            assertThat(statistics.get("CountSeries").asInt()).isEqualTo(1);
            assertThat(statistics.get("CountStudies").asInt()).isEqualTo(1);
            assertThat(orthanc.getJson("/system").get("DicomAet").asText()).isEqualTo("ORTHANC");
            assertThat(portOpen(dicom)).isTrue();
        }
        assertThat(orthanc.isRunning()).isFalse();
        assertThat(portOpen(http)).as("HTTP port after close").isFalse();
        assertThat(portOpen(dicom)).as("DICOM port after close").isFalse();
        assertThat(dir.resolve("orthanc/orthanc.log")).exists();
    }

    @Test
    void refusesAnonymousRequestsWhenAUserIsRegistered() throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(dir, OrthancServer.Options.defaults().withUser("reader", "s3cret"))) {
            assertThat(orthanc.getJson("/system").get("Version").asText()).startsWith("1.");
            HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(orthanc.baseUrl() + "/system")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(orthanc.options().toString()).doesNotContain("s3cret");
        }
    }

    @Test
    void knowsTheModalitiesItIsGiven() throws IOException {
        OrthancServer.Options options = OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112);
        try (OrthancServer orthanc = OrthancServer.start(dir, options)) {
            orthanc.registerModality("receiver", "LUMEN_RX", "127.0.0.1", 11113);
            JsonNode modalities = orthanc.getJson("/modalities?expand");
            assertThat(modalities.get("lumen").get("AET").asText()).isEqualTo("LUMEN");
            assertThat(modalities.get("receiver").get("AET").asText()).isEqualTo("LUMEN_RX");
            assertThat(modalities.get("receiver").get("Port").asInt()).isEqualTo(11113);
        }
    }

    @Test
    void aFileThatIsNotDicomIsRefusedWithOrthancsAnswer() throws IOException {
        Path notDicom = Files.writeString(dir.resolve("notes.txt"), "not a DICOM file");
        try (OrthancServer orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults())) {
            assertThatThrownBy(() -> orthanc.upload(notDicom)).isInstanceOf(IOException.class)
                    .hasMessageContaining("notes.txt").hasMessageContaining("HTTP 400");
        }
    }

    @Test
    void stopKillsItAtOnce() throws IOException {
        OrthancServer orthanc = OrthancServer.start(dir, OrthancServer.Options.defaults());
        orthanc.stop();
        assertThat(orthanc.isRunning()).isFalse();
        assertThat(portOpen(orthanc.httpPort())).isFalse();
        orthanc.close();
    }

    @Test
    void whereOrthancIsMissingItSaysWhatToInstall() {
        assertThatThrownBy(() -> OrthancServer.start(dir, OrthancServer.Options.defaults(), dir.resolve("no-Orthanc"),
                OrthancServer.DICOMWEB_PLUGIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Orthanc is not installed: apt-get install orthanc orthanc-dicomweb (see .ci/run)");
        assertThatThrownBy(() -> OrthancServer.start(dir, OrthancServer.Options.defaults(), OrthancServer.EXECUTABLE,
                dir.resolve("no-plugin.so")))
                .hasMessage(OrthancServer.NOT_INSTALLED);
    }

    private static boolean portOpen(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
