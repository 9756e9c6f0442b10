// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.pacs.OfflineCacheWindow;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.CachedStudy;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.cache.OfflineCache;
import org.lumen.app.settings.NetworkSettings;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.source.FolderSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Offline cache in the real window, on a real catalog and real cache folders: the studies are
 * listed with size and pin, one opens in the viewer and is stamped as opened, pinning and the limit
 * are saved, a pinned or open study survives a limit of one byte, and removing one deletes its folder.
 */
class OfflineCacheWindowTest extends RealWindowTest {

    private static final List<Path> PHANTOMS = new ArrayList<>();
    private UserDataFolder home;
    private final List<String> studies = new ArrayList<>();

    @BeforeAll
    static void writePhantoms() throws IOException {
        for (int seed : new int[] {71, 72, 73}) {
            PHANTOMS.add(Phantoms.writeChestCt(root.resolve("chest" + seed), ChestCtSpec.builder().seed(seed).size(Size.of(48, 48, 6 + seed % 3))
                    .noduleCount(0).build()).directory());
        }
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        OfflineCache cache = new OfflineCache(home);
        try (Catalog catalog = Catalog.open(home.catalog())) {
            for (Path phantom : PHANTOMS) {
                // As a retrieve leaves it: SOPInstanceUID.dcm files in cache/pacs/STUDY_UID, indexed and recorded.
                DicomIndex index = new Indexer(pools.io(), 2).index(new FolderSource(phantom), TaskContext.none());
                String uid = index.studies().getFirst().uid();
                Path folder = Files.createDirectories(cache.folderOf(uid));
                for (InstanceHeader h : index.allSeries().getFirst().instances()) {
                    Files.copy(h.file(), folder.resolve(h.sopInstanceUid() + ".dcm"));
                }
                catalog.studies().upsert(new Indexer(pools.io(), 2).index(new FolderSource(folder), TaskContext.none()), folder.toString());
                cache.record(catalog, uid, "ORTHANC");
                studies.add(uid);
            }
            cache.pin(catalog, studies.get(2), true);
        }
        window = WindowTests.open(pools, home, 128L << 20, null);
    }

    @Test
    void listOpenPinLimitAndRemove(FxRobot robot) throws Exception {
        awaitSettled();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        OfflineCacheWindow w = fx(() -> window.openOfflineCache());
        assertThat(fx(() -> w.stage().isShowing())).isTrue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.table().getItems().size() == 3));
        assertThat(fx(() -> w.totalLabel().getText())).startsWith("3 studies, ").endsWith(" of 20 GiB");
        assertThat(fx(() -> w.limitField().getText())).isEqualTo("20 GiB");
        assertThat(fx(() -> w.table().getItems().stream().filter(CachedStudy::pinned).map(CachedStudy::studyUid).toList()))
                .containsExactly(studies.get(2));
        assertThat(fx(() -> w.table().getColumns().get(0).getCellData(0))).isEqualTo("PHANTOM^CHEST");

        // Open the first study: it shows in the viewer and is stamped as opened.
        String first = studies.get(0);
        select(w, first);
        fx(() -> {
            w.openSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.index() != null
                && window.index().studies().stream().anyMatch(s -> s.uid().equals(first))));
        awaitSettled();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lastOpened(first) != null);
        fx(() -> {
            w.reload();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !"never".equals(
                w.table().getColumns().get(8).getCellData(rowOf(w, first)))));

        // Pin the second with the button, then take it back.
        String second = studies.get(1);
        select(w, second);
        fx(() -> {
            w.togglePinSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.table().getSelectionModel().getSelectedItem() != null
                && w.table().getSelectionModel().getSelectedItem().pinned()));
        assertThat(pinned(second)).isTrue();
        fx(() -> {
            w.togglePinSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.table().getSelectionModel().getSelectedItem() != null
                && !w.table().getSelectionModel().getSelectedItem().pinned()));
        assertThat(pinned(second)).isFalse();

        // A one-byte limit: the open study and the pinned one stay, the other goes.
        fx(() -> {
            w.limitField().setText("1");
            w.applyLimit();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.table().getItems().size() == 2));
        assertThat(fx(() -> w.statusLabel().getText())).contains("evicted 1 least recently opened study");
        assertThat(NetworkSettings.read(home.settingsFile()).cacheLimitBytes()).isEqualTo(1);
        assertThat(home.pacsCache().resolve(second)).doesNotExist();
        assertThat(home.pacsCache().resolve(first)).isDirectory();
        fx(() -> {
            w.limitField().setText("2G");
            w.applyLimit();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.totalLabel().getText().endsWith(" of 2 GiB")));
        shoot(w, "offline-cache.png");

        // The open study is not removed; the pinned one is, once confirmed.
        select(w, first);
        fx(() -> {
            w.removeSelected();
            return null;
        });
        assertThat(fx(() -> w.statusLabel().getText())).contains("is open in the workstation");
        List<String> asked = new ArrayList<>();
        fx(() -> {
            w.setConfirm(q -> asked.add(q));
            select(w, studies.get(2));
            w.removeSelected();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.table().getItems().size() == 1));
        assertThat(asked.getFirst()).contains("Its labels, annotations and AI results stay in the catalog");
        assertThat(home.pacsCache().resolve(studies.get(2))).doesNotExist();
        assertThat(fx(() -> w.statusLabel().getText())).startsWith("Removed PHANTOM^CHEST");
    }

    private void shoot(OfflineCacheWindow w, String name) throws Exception {
        Path out = Path.of(System.getProperty("lumen.shots", "target/shots")).resolve(name);
        Files.createDirectories(out.getParent());
        // Not on the FX thread: the snapshot waits for pulses.
        HeadlessFx.snapshotToPng(w.stage().getScene(), 1080, 480, out);
        assertThat(out).isNotEmptyFile();
    }

    private static void select(OfflineCacheWindow w, String uid) throws Exception {
        fx(() -> {
            w.table().getSelectionModel().select(rowOf(w, uid));
            return null;
        });
    }

    private static int rowOf(OfflineCacheWindow w, String uid) {
        List<CachedStudy> items = w.table().getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).studyUid().equals(uid)) {
                return i;
            }
        }
        return -1;
    }

    private java.time.Instant lastOpened(String uid) {
        try (Catalog catalog = Catalog.open(home.catalog())) {
            return catalog.cache().study(uid).map(CachedStudy::lastOpened).orElse(null);
        }
    }

    private boolean pinned(String uid) {
        try (Catalog catalog = Catalog.open(home.catalog())) {
            return catalog.cache().study(uid).map(CachedStudy::pinned).orElse(false);
        }
    }
}
