// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.pacs.NodeDialog;
import org.lumen.app.workflow.pacs.QueryRetrieveWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.testdata.pacs.OrthancServer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The node editor of File ▸ Query/Retrieve against a real Orthanc (DIMSE, and DICOMweb behind HTTP
 * Basic): nodes are added, verified, edited and removed in the window; every mistake is a sentence;
 * the password goes to the owner-only secrets file and is never shown back.
 */
class NodeDialogTest extends RealWindowTest {

    private static OrthancServer orthanc;
    private UserDataFolder home;
    private NodeStore store;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(root.resolve("orthanc"), OrthancServer.Options.defaults().withUser("reader", "s3cret-pw"));
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        store = new NodeStore(home.pacsNodes(), home.secrets());
        window = WindowTests.open(pools, home, 128L << 20, null);
    }

    @Test
    void aDimseNodeIsAddedVerifiedEditedAndRemoved(FxRobot robot) throws Exception {
        awaitSettled();
        QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
        NodeDialog add = fx(qr::addNode);

        fx(() -> {
            add.fillDimse("archive", "ORTHANC", "LUMEN", "127.0.0.1", "42a", false);
            add.save();
            return null;
        });
        assertThat(fx(() -> add.problemLabel().getText())).isEqualTo("The port '42a' is not a number.");
        fx(() -> {
            add.fillDimse("archive", "ORTHANC_ARCHIVE_NUMBER_ONE", "LUMEN", "127.0.0.1", "4242", false);
            add.save();
            return null;
        });
        assertThat(fx(() -> add.problemLabel().getText()))
                .isEqualTo("The called AE title 'ORTHANC_ARCHIVE_NUMBER_ONE' is longer than 16 characters.");
        fx(() -> {
            add.fillDimse("archive", "ORTHANC", "LUMEN", "", "4242", false);
            add.save();
            return null;
        });
        assertThat(fx(() -> add.problemLabel().getText())).isEqualTo("A DIMSE node needs a host.");
        assertThat(store.nodes()).isEmpty();

        fx(() -> {
            add.fillDimse("archive", "ORTHANC", "LUMEN", "127.0.0.1", String.valueOf(orthanc.dicomPort()), false);
            add.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> add.verifiedLabel().getText().contains(" answered ")));
        assertThat(fx(() -> add.verifiedLabel().getText())).matches("ORTHANC@127\\.0\\.0\\.1:\\d+ answered C-ECHO in \\d+ ms\\.");
        assertThat(fx(() -> add.problemLabel().getText())).isEmpty();
        Shots.take(add.stage().getScene(), root, "node-dialog-dimse");

        fx(() -> {
            add.save();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !add.stage().isShowing()));
        assertThat(store.node("archive")).contains(PacsNode.dimse("archive", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), false));
        assertThat(fx(() -> qr.nodeChooser().getValue())).isEqualTo("archive");
        assertThat(fx(() -> qr.statusLabel().getText())).startsWith("Saved node archive (ORTHANC@127.0.0.1:");

        // Edit: another port, which nothing answers; Verify says so.
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        NodeDialog edit = fx(qr::editNode);
        assertThat(fx(() -> edit.node())).isEqualTo(store.node("archive").orElseThrow());
        fx(() -> {
            edit.fillDimse("archive", "ORTHANC", "LUMEN_WS", "127.0.0.1", String.valueOf(closed), false);
            edit.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> edit.verifiedLabel().getText().contains("closed")));
        assertThat(fx(() -> edit.verifiedLabel().getText())).contains("port " + closed + " on 127.0.0.1 is closed");
        fx(() -> {
            edit.save();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !edit.stage().isShowing()));
        assertThat(store.node("archive").orElseThrow().callingAet()).isEqualTo("LUMEN_WS");
        assertThat(store.node("archive").orElseThrow().port()).isEqualTo(closed);

        // TLS with the site's own CA: the trust store is kept with the node; a file that is not there is what Verify says.
        NodeDialog secure = fx(qr::editNode);
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/site-ca.pem");
        fx(() -> {
            secure.fillDimse("archive", "ORTHANC", "LUMEN_WS", "127.0.0.1", String.valueOf(closed), true);
            secure.fillTrustStore(missing.toString());
            secure.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> secure.verifiedLabel().getText().contains("does not exist")));
        assertThat(fx(() -> secure.verifiedLabel().getText())).contains("trust store " + missing);
        fx(() -> {
            secure.save();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !secure.stage().isShowing()));
        assertThat(store.node("archive").orElseThrow().trustStore()).isEqualTo(missing);
        NodeDialog reopened = fx(qr::editNode);
        assertThat(fx(() -> reopened.node())).as("the edit shows the trust store it keeps").isEqualTo(store.node("archive").orElseThrow());
        fx(() -> {
            reopened.stage().close();
            return null;
        });

        // A second node may not take a saved node's name.
        NodeDialog again = fx(qr::addNode);
        fx(() -> {
            again.fillDimse("archive", "OTHER", "LUMEN", "127.0.0.1", "104", false);
            again.save();
            return null;
        });
        assertThat(fx(() -> again.problemLabel().getText())).isEqualTo("A node named 'archive' is saved already; choose another name or edit that one.");
        fx(() -> {
            again.stage().close();
            return null;
        });

        fx(() -> {
            qr.removeNode("archive");
            return null;
        });
        assertThat(store.nodes()).isEmpty();
        assertThat(fx(() -> qr.nodeChooser().getItems())).isEmpty();
        assertThat(fx(() -> qr.statusLabel().getText())).isEqualTo("Removed node archive.");
    }

    @Test
    void aDicomWebPasswordGoesToTheOwnerOnlySecretsFileAndIsNeverShownBack(FxRobot robot) throws Exception {
        awaitSettled();
        QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
        NodeDialog add = fx(qr::addNode);
        String url = orthanc.dicomWebRoot();

        fx(() -> {
            add.fillDicomWeb("web", url.replace("http://", "http://reader:s3cret-pw@"), PacsNode.Auth.BASIC, "reader", "s3cret-pw");
            add.save();
            return null;
        });
        assertThat(fx(() -> add.problemLabel().getText())).startsWith("Credentials do not belong in a node's address").doesNotContain("s3cret");
        fx(() -> {
            add.fillDicomWeb("web", url, PacsNode.Auth.BEARER, null, null);
            add.save();
            return null;
        });
        assertThat(fx(() -> add.problemLabel().getText())).isEqualTo("Bearer authentication needs a token.");

        fx(() -> {
            add.fillDicomWeb("web", url, PacsNode.Auth.BASIC, "reader", "wrong");
            add.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> add.verifiedLabel().getText().contains("401")));
        assertThat(fx(() -> add.verifiedLabel().getText())).contains("wrong or missing credentials");
        fx(() -> {
            add.fillDicomWeb("web", url, PacsNode.Auth.BASIC, "reader", "s3cret-pw");
            add.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> add.verifiedLabel().getText().contains("answered")));
        assertThat(fx(() -> add.verifiedLabel().getText())).matches(java.util.regex.Pattern.quote(url) + " answered a QIDO-RS search in \\d+ ms\\.");
        Shots.take(add.stage().getScene(), root, "node-dialog-dicomweb");
        fx(() -> {
            add.save();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !add.stage().isShowing()));

        assertThat(Files.getPosixFilePermissions(home.secrets())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(home.pacsNodes())).contains("BASIC").doesNotContain("s3cret-pw");
        assertThat(store.credentials("web")).isEqualTo(Credentials.basic("reader", "s3cret-pw"));

        // Editing shows the secret as stored, never in clear; left blank, it is kept and still works.
        NodeDialog edit = fx(qr::editNode);
        assertThat(fx(edit::secretPrompt)).isEqualTo("stored (leave blank to keep)");
        assertThat(fx(edit::secretText)).isEmpty();
        Shots.take(edit.stage().getScene(), root, "node-dialog-edit-stored-secret");
        fx(() -> {
            edit.verify();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> edit.verifiedLabel().getText().contains("answered")));
        fx(() -> {
            edit.save();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !edit.stage().isShowing()));
        assertThat(store.credentials("web")).isEqualTo(Credentials.basic("reader", "s3cret-pw"));
        assertThat(Files.getPosixFilePermissions(home.secrets())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

        fx(() -> {
            qr.removeNode("web");
            return null;
        });
        assertThat(store.nodes()).isEmpty();
        assertThat(Files.readString(home.secrets())).doesNotContain("s3cret-pw");
    }
}
