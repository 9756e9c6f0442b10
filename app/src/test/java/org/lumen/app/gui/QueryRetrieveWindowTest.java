// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.pacs.QueryRetrieveWindow;
import org.lumen.app.workflow.pacs.SeriesRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Query/Retrieve in the real window, against a real Orthanc: a saved node is searched, the
 * study is retrieved into the offline cache and opens in the viewer, and the results then say it is cached.
 */
class QueryRetrieveWindowTest extends RealWindowTest {

    private static OrthancServer orthanc;
    private UserDataFolder home;

    @BeforeAll
    static void startArchive() throws IOException {
        orthanc = OrthancServer.start(root.resolve("orthanc"), OrthancServer.Options.defaults().withModality("lumen", "LUMEN", "127.0.0.1", 11112));
        orthanc.uploadTree(Phantoms.writeChestCt(root.resolve("chest"), ChestCtSpec.builder().seed(61).size(Size.of(64, 64, 16))
                .noduleCount(0).build()).directory());
        // A study of two series: a CT of 16 slices and its scout.
        ChestCtSpec twoSeries = ChestCtSpec.builder().seed(62).size(Size.of(64, 64, 16)).noduleCount(0).build();
        orthanc.uploadTree(Phantoms.writeChestCt(root.resolve("chest62/ct"), twoSeries).directory());
        orthanc.upload(Phantoms.writeChestScout(root.resolve("chest62/scout"), twoSeries));
    }

    @AfterAll
    static void stopArchive() {
        orthanc.close();
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        WindowTests.saveNode(home, "test pacs", orthanc);
        window = WindowTests.open(pools, home, 128L << 20, null);
    }

    @Test
    void searchRetrieveAndOpenAStudy(FxRobot robot) throws Exception {
        awaitSettled();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Q).release(KeyCode.Q, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
        assertThat(fx(() -> qr.stage().isShowing())).isTrue();
        fx(() -> {
            qr.fill("test pacs", "LUMEN-PHANTOM-61");
            qr.search();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> qr.results().getItems().size() == 1));
        assertThat(fx(() -> qr.statusLabel().getText())).startsWith("1 study on ORTHANC@127.0.0.1:");
        String study = fx(() -> qr.results().getItems().getFirst().studyInstanceUid());

        fx(() -> {
            qr.results().getSelectionModel().selectFirst();
            qr.retrieveSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.index() != null
                && window.index().studies().stream().anyMatch(s -> s.uid().equals(study))));
        awaitSettled();

        assertThat(fx(() -> qr.statusLabel().getText())).startsWith("Retrieved 16 image(s) of PHANTOM^CHEST");
        assertThat(fx(() -> active().state().volume().sliceCount())).isEqualTo(16);
        try (var files = Files.list(home.pacsCache().resolve(study))) {
            assertThat(files.count()).isEqualTo(16);
        }
        // The cache column now marks it.
        fx(() -> {
            qr.search();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !qr.statusLabel().getText().startsWith("Searching")));
        assertThat(fx(() -> qr.results().getColumns().getLast().getCellData(0))).isEqualTo("✔");
    }

    @Test
    void eachSeriesSaysWhatTheCacheHoldsAndHowItsRetrieveWent(FxRobot robot) throws Exception {
        awaitSettled();
        QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
        fx(() -> {
            qr.fill("test pacs", "LUMEN-PHANTOM-62");
            qr.search();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> qr.results().getItems().size() == 1));
        fx(() -> {
            qr.results().getSelectionModel().selectFirst();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> qr.seriesTable().getItems().size() == 2));
        assertThat(fx(() -> statuses(qr))).containsExactly("not cached", "not cached");
        int ct = fx(() -> indexOf(qr, 16));
        int scout = 1 - ct;
        String study = fx(() -> qr.results().getItems().getFirst().studyInstanceUid());
        String ctSeries = fx(() -> qr.seriesTable().getItems().get(ct).match().seriesInstanceUid());

        // Retrieve the CT series alone: its row goes to done, the scout stays as it was.
        fx(() -> {
            qr.seriesTable().getSelectionModel().select(ct);
            qr.retrieveChosen(false);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> qr.seriesTable().getItems().get(ct).status().startsWith("done")));
        assertThat(fx(() -> qr.seriesTable().getItems().get(ct).status())).isEqualTo("done, 16 retrieved");
        assertThat(fx(() -> qr.seriesTable().getItems().get(scout).status())).isEqualTo("not cached");
        assertThat(fx(() -> qr.statusLabel().getText())).startsWith("Retrieved 16 image(s) of PHANTOM^CHEST");
        try (var catalog = org.lumen.annotation.catalog.Catalog.open(home.catalog())) {
            assertThat(catalog.studies().instances(ctSeries)).hasSize(16)
                    .allSatisfy(i -> assertThat(i.file()).startsWith(home.pacsCache().resolve(study)));
        }
        assertThat(fx(() -> window.index() == null || window.index().studies().stream().noneMatch(s -> s.uid().equals(study))))
                .as("Retrieve alone opens nothing").isTrue();

        // Listed again, the series say what the cache holds.
        fx(() -> {
            qr.results().getSelectionModel().clearSelection();
            qr.results().getSelectionModel().selectFirst();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> qr.seriesTable().getItems().size() == 2));
        assertThat(fx(() -> qr.seriesTable().getItems().get(ct).status())).isEqualTo("16 of 16 cached");
        assertThat(fx(() -> qr.seriesTable().getItems().get(scout).status())).isEqualTo("not cached");

        // Retrieve the study: only what is missing is fetched, series by series.
        fx(() -> {
            qr.seriesTable().getSelectionModel().clearSelection();
            qr.retrieveChosen(false);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> qr.seriesTable().getItems().get(scout).status().startsWith("done")));
        assertThat(fx(() -> statuses(qr))).containsExactlyInAnyOrder("16 of 16 cached", "done, 1 retrieved");
        assertThat(fx(() -> qr.statusLabel().getText())).startsWith("Retrieved 1 image(s) of PHANTOM^CHEST");
        Shots.take(qr.stage().getScene(), root, "query-retrieve-series");

        // Double-click (Retrieve and open) on a study the cache holds whole opens it at once.
        fx(() -> {
            qr.retrieveSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.index() != null
                && window.index().studies().stream().anyMatch(s -> s.uid().equals(study))));
        awaitSettled();
        assertThat(fx(() -> window.index().allSeries().size())).isEqualTo(2);
        assertThat(fx(() -> qr.statusLabel().getText())).isEqualTo("The cache holds these series already; opened.");
    }

    private static java.util.List<String> statuses(QueryRetrieveWindow qr) {
        return qr.seriesTable().getItems().stream().map(SeriesRow::status).toList();
    }

    private static int indexOf(QueryRetrieveWindow qr, int instances) {
        var items = qr.seriesTable().getItems();
        for (int i = 0; i < items.size(); i++) {
            if (Integer.valueOf(instances).equals(items.get(i).match().instances())) {
                return i;
            }
        }
        throw new AssertionError("no series of " + instances + " instances");
    }

    @Test
    void aNodeThatDoesNotAnswerIsSaidInThePanel(FxRobot robot) throws Exception {
        awaitSettled();
        QueryRetrieveWindow qr = fx(() -> window.openQueryRetrieve());
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String address = "dimse://ORTHANC@127.0.0.1:" + closed;
        fx(() -> {
            qr.fill(address, "");
            qr.search();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> qr.statusLabel().getText().contains("is closed")));
        assertThat(fx(() -> qr.statusLabel().getText())).contains("port " + closed + " on 127.0.0.1 is closed");
    }
}
