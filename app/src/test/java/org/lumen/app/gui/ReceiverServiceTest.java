// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.pacs.NetworkSettingsDialog;
import org.lumen.app.workflow.pacs.NodeDialog;
import org.lumen.app.workflow.pacs.QueryRetrieveWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The storage receiver inside the window, against a real Orthanc: turned on in the network settings, it
 * runs while the window is open; a study Orthanc sends (C-STORE, REST /modalities/NAME/store) lands in
 * the cache and the catalog and the status bar says what arrived. A port in use is a sentence, and the
 * settings dialog moves the receiver to another port.
 */
class ReceiverServiceTest extends RealWindowTest {

    private static OrthancServer orthanc;
    private UserDataFolder home;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(root.resolve("orthanc"), OrthancServer.Options.defaults());
        orthanc.uploadTree(Phantoms.writeChestCt(root.resolve("chest"), ChestCtSpec.builder().seed(81).size(Size.of(64, 64, 16))
                .noduleCount(0).build()).directory());
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        WindowTests.saveNode(home, "archive", orthanc);
    }

    @Test
    void aStudyTheArchiveSendsIsInTheCacheAndTheCatalogAndTheStatusBarSaysSo(FxRobot robot) throws Exception {
        int port = freePort();
        NetworkSettings.DEFAULTS.withReceiver(true, "LUMEN_RX", port).write(home.settingsFile());
        orthanc.registerModality("lumenrx", "LUMEN_RX", "127.0.0.1", port);
        window = fx(() -> WindowTests.open(pools, home, 128L << 20, null));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.receiver().port() == port);
        awaitSettled();

        String orthancStudy = orthanc.getJson("/studies").get(0).asText();
        String study = orthanc.getJson("/studies/" + orthancStudy).get("MainDicomTags").get("StudyInstanceUID").asText();
        HttpResponse<String> pushed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(orthanc.baseUrl() + "/modalities/lumenrx/store"))
                        .POST(HttpRequest.BodyPublishers.ofString(orthancStudy)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.status().getText().startsWith("Received ")));
        assertThat(fx(() -> window.status().getText()))
                .isEqualTo("Received 16 instances of PHANTOM^CHEST from ORTHANC; in the cache and the catalog.");
        try (var files = Files.list(home.pacsCache().resolve(study))) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isEqualTo(16);
        }
        try (Catalog catalog = Catalog.open(home.catalog())) {
            assertThat(catalog.studies().study(study)).isPresent();
            var series = catalog.studies().series(study);
            assertThat(series).hasSize(1);
            assertThat(catalog.studies().instances(series.getFirst().seriesUid())).hasSize(16)
                    .allSatisfy(i -> assertThat(i.file()).startsWith(home.pacsCache().resolve(study)));
            // Recorded in the offline cache too: the cache browser lists it, eviction can take it.
            assertThat(catalog.cache().study(study)).get().satisfies(c -> {
                assertThat(c.instances()).isEqualTo(16);
                assertThat(c.source()).isEqualTo("ORTHANC");
            });
        }
        Shots.take(window.scene(), root, "receiver-status-bar");

        // Closing the window stops the receiver: the port is free again.
        WindowTests.close(window);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> canBind(port));
    }

    @Test
    void aPortInUseIsASentenceAndTheSettingsMoveTheReceiver(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int busy = taken.getLocalPort();
            NetworkSettings.DEFAULTS.withReceiver(true, "LUMEN", busy).write(home.settingsFile());
            window = fx(() -> WindowTests.open(pools, home, 128L << 20, null));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.receiver().stateProperty().get().contains("cannot listen")));
            awaitSettled();
            assertThat(fx(() -> window.status().getText())).startsWith("The storage receiver cannot listen on port " + busy + ": ")
                    .endsWith("; choose another port in File ▸ Network settings.").doesNotContain("Exception");
            assertThat(window.receiver().port()).isEqualTo(-1);

            NetworkSettingsDialog settings = fx(() -> window.openNetworkSettings());
            fx(() -> {
                settings.fill(true, "LUMEN_RECEIVER_NUMBER_1", "11112");
                settings.save();
                return null;
            });
            assertThat(fx(() -> settings.problemLabel().getText()))
                    .isEqualTo("The receiver's AE title 'LUMEN_RECEIVER_NUMBER_1' is longer than 16 characters.");
            fx(() -> {
                settings.fill(true, "LUMEN", "70000");
                settings.save();
                return null;
            });
            assertThat(fx(() -> settings.problemLabel().getText())).isEqualTo("The receiver's port must be 1 to 65535, not 70000.");
            fx(() -> {
                settings.fill(true, "LUMEN", String.valueOf(busy));
                settings.problemLabel().setText("");
                return null;
            });
            Shots.take(settings.stage().getScene(), root, "network-settings-port-in-use");

            int free = freePort();
            fx(() -> {
                settings.fill(true, "LUMEN_WS", String.valueOf(free));
                settings.save();
                return null;
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.receiver().port() == free);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.status().getText().startsWith("The storage receiver listens")));
            assertThat(fx(() -> window.status().getText())).isEqualTo("The storage receiver listens as LUMEN_WS on port " + free
                    + " for ORTHANC@127.0.0.1.");
            assertThat(NetworkSettings.read(home.settingsFile())).isEqualTo(NetworkSettings.DEFAULTS.withReceiver(true, "LUMEN_WS", free));

            // A node saved in Query/Retrieve may send from then on: the receiver starts again with it.
            QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
            NodeDialog add = fx(qr::addNode);
            fx(() -> {
                add.fillDimse("second", "SECOND", "LUMEN", "127.0.0.2", "104", false);
                add.save();
                return null;
            });
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.status().getText().contains("SECOND@127.0.0.2")));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("status: " + fx(() -> window.status().getText()) + " / state: "
                        + fx(() -> window.receiver().stateProperty().get()) + " / qr: " + fx(() -> qr.statusLabel().getText())
                        + " / dialog: " + fx(() -> add.problemLabel().getText()) + " showing " + fx(() -> add.stage().isShowing()), e);
            }
            assertThat(fx(() -> window.status().getText())).isEqualTo("The storage receiver listens as LUMEN_WS on port " + free
                    + " for ORTHANC@127.0.0.1, SECOND@127.0.0.2.");
            assertThat(window.receiver().port()).isEqualTo(free);
            fx(() -> {
                qr.stage().close();
                return null;
            });
            NetworkSettingsDialog again = fx(() -> window.openNetworkSettings());
            Shots.take(again.stage().getScene(), root, "network-settings");

            // Off again: the port is given back.
            fx(() -> {
                again.fill(false, "LUMEN_WS", String.valueOf(free));
                again.save();
                return null;
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.receiver().port() == -1 && canBind(free));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.status().getText().startsWith("The storage receiver is off")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
