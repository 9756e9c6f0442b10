// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.pacs.SendDialog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.network.node.NodeStore;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Send to… (Ctrl+Shift+S) in the real window: the active view's series goes to a saved node, a
 * real Orthanc, which then holds every instance; any list of files can be sent the same way, and a file
 * the archive cannot take is named with its reason.
 */
class SendToTest extends RealWindowTest {

    private static OrthancServer orthanc;
    private static Path study;
    private UserDataFolder home;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(root.resolve("orthanc"), OrthancServer.Options.defaults());
        study = Phantoms.writeChestCt(root.resolve("chest"), ChestCtSpec.builder().seed(71).size(Size.of(64, 64, 16)).noduleCount(0).build())
                .directory();
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        WindowTests.saveNode(home, "archive", orthanc);
        window = WindowTests.open(pools, home, 128L << 20, study);
    }

    @Test
    void theActiveSeriesIsSentAndTheArchiveHoldsIt(FxRobot robot) throws Exception {
        awaitSettled();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> sendStage() != null));
        fx(() -> {
            sendStage().close();
            return null;
        });

        SendDialog send = fx(() -> window.sendActiveSeries());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> send.descriptionLabel().getText().endsWith(" KB")));
        assertThat(fx(() -> send.descriptionLabel().getText())).matches(".*PHANTOM\\^CHEST.*: 16 files, \\d+\\.\\d KB");
        assertThat(fx(() -> send.nodeChooser().getValue())).isEqualTo("archive");
        fx(() -> {
            send.send();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> send.resultArea().getText().startsWith("Stored")));
        assertThat(fx(() -> send.resultArea().getText())).isEqualTo("Stored 16 of 16 files on ORTHANC@127.0.0.1:" + orthanc.dicomPort() + ".");
        Shots.take(send.stage().getScene(), root, "send-dialog");

        assertThat(orthanc.getJson("/statistics").get("CountInstances").asInt()).isEqualTo(16);
        List<String> sent = new ArrayList<>();
        for (var instance : orthanc.getJson("/instances?expand")) {
            sent.add(instance.get("MainDicomTags").get("SOPInstanceUID").asText());
        }
        List<String> onScreen = fx(() -> window.index().allSeries().getFirst().instances().stream()
                .map(org.lumen.viewer.index.InstanceHeader::sopInstanceUid).toList());
        assertThat(sent).containsExactlyInAnyOrderElementsOf(onScreen);

        // What left the workstation, to where, unchanged: the audit trail's send entry on the series.
        var catalog = fx(() -> window.labelling().catalog());
        String series = fx(() -> window.index().allSeries().getFirst().uid());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.labelling().lane().submit(() -> catalog.audit().list(
                new org.lumen.annotation.catalog.AuditFilter(null, null, null, org.lumen.annotation.catalog.AuditAction.SEND, 10))).get().isEmpty());
        var entry = window.labelling().lane().submit(() -> catalog.audit().list(new org.lumen.annotation.catalog.AuditFilter(null, null, null,
                org.lumen.annotation.catalog.AuditAction.SEND, 10))).get().getFirst();
        assertThat(entry.seriesUid()).isEqualTo(series);
        assertThat(entry.detail()).contains("\"stored\":16", "\"to\":\"ORTHANC@127.0.0.1:" + orthanc.dicomPort() + "\"",
                "none: files sent unchanged");
        assertThat(window.labelling().lane().submit(() -> catalog.audit().verify().intact()).get()).isTrue();
    }

    @Test
    void anyFilesCanBeSentAndWhatIsRefusedIsNamedWithItsReason(FxRobot robot) throws Exception {
        awaitSettled();
        Path notes = Files.writeString(root.resolve("notes.txt"), "not DICOM");
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(study)) {
            listing.filter(f -> f.toString().endsWith(".dcm")).sorted().limit(2).forEach(files::add);
        }
        files.add(notes);
        SendDialog send = fx(() -> {
            SendDialog d = new SendDialog(window.stage(), new NodeStore(home.pacsNodes(), home.secrets()), window.tasks(), files,
                    "Two slices and a note", window::fail);
            d.show();
            return d;
        });
        fx(() -> {
            send.send();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> send.resultArea().getText().startsWith("Stored")));
        String result = fx(() -> send.resultArea().getText());
        assertThat(result).startsWith("Stored 2 of 3 files on ORTHANC@127.0.0.1:" + orthanc.dicomPort() + ".\nNot stored (1):\n• notes.txt: ");
        Shots.take(send.stage().getScene(), root, "send-dialog-refused");
        assertThat(fx(() -> window.status().getText())).isEqualTo("Stored 2 of 3 files on ORTHANC@127.0.0.1:" + orthanc.dicomPort() + ".");
    }

    private static Stage sendStage() {
        return javafx.stage.Window.getWindows().stream().filter(w -> w instanceof Stage s && "Send to…".equals(s.getTitle()) && s.isShowing())
                .map(w -> (Stage) w).findFirst().orElse(null);
    }
}
