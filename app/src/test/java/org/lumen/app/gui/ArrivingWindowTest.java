// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.volume.ArrivingStudy;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A study opened while it arrives, in the real window (decision 0017): files of a phantom CT land in a
 * cache folder one by one in a shuffled order, as a retrieve writes them, and the window is told of each.
 * The first slice shows with "arriving k of n"; the view grows keeping the reader's slice; the finished
 * study is whole and judged as the folder would be; another study opened meanwhile drops the rest.
 * Screenshots go to {@code lumen.shots} (a folder) when that property is set.
 */
class ArrivingWindowTest extends RealWindowTest {

    private static final int SLICES = 48;
    private static PhantomResult ct;
    private UserDataFolder home;

    @BeforeAll
    static void writeStudy() throws IOException {
        ct = Phantoms.writeChestCt(root.resolve("ct"), ChestCtSpec.builder().seed(29).size(Size.of(192, 192, SLICES)).noduleCount(2).build());
    }

    @Start
    void start(Stage ignored) throws IOException {
        home = WindowTests.newHome(root);
        window = WindowTests.open(pools, home, 256L << 20, null);
    }

    @Test
    void theFirstSliceShowsWhileTheStudyArrivesAndTheViewGrowsAtTheSameSlice() throws Exception {
        awaitSettled();
        List<Path> files = shuffled();
        Path folder = Files.createDirectories(home.pacsCache().resolve(ct.studyInstanceUid()));
        ArrivingStudy arriving = fx(() -> window.openArriving(ct.studyInstanceUid(), folder, SLICES, "PHANTOM^CHEST test"));
        for (Path f : files.subList(0, 3)) {
            arriving.arrived(land(f, folder));
        }
        // The first slice is on screen (decoded, not waiting for the rest), and the view says how far the study is.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.grid().activeViewport()
                .map(v -> v.note().equals("arriving 3 of " + SLICES) && v.state().volume().sliceCount() == 3
                        && v.state().volume().loadedCount() > 0).orElse(false)));
        assertThat(fx(() -> window.status().seriesNotes())).isEqualTo("Arriving 3 of " + SLICES + " images; spacing is judged when complete.");
        assertThat(fx(() -> window.isSettled())).isFalse();
        snapshot("arriving-3-of-48.png");

        // The reader moves to the last of the three slices; more arrive.
        fx(() -> {
            active().state().showSlice(2);
            return null;
        });
        String reading = fx(() -> sopShown(active()));
        for (Path f : files.subList(3, 20)) {
            arriving.arrived(land(f, folder));
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> active().state().volume().sliceCount() == 20));
        assertThat(fx(() -> sopShown(active()))).isEqualTo(reading);
        assertThat(fx(() -> active().note())).isEqualTo("arriving 20 of " + SLICES);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> active().state().volume().loadedCount() == 20));
        snapshot("arriving-20-of-48.png");

        for (Path f : files.subList(20, files.size())) {
            arriving.arrived(land(f, folder));
        }
        arriving.finished();
        awaitSettled();
        assertThat(fx(() -> active().state().volume().sliceCount())).isEqualTo(SLICES);
        assertThat(fx(() -> active().state().volume().plan().isRegular())).isTrue();
        assertThat(fx(() -> sopShown(active()))).isEqualTo(reading);
        assertThat(fx(() -> active().note())).isEmpty();
        assertThat(fx(() -> window.status().seriesNotes())).doesNotContain("rriving");
        assertThat(fx(() -> window.index().studies().getFirst().uid())).isEqualTo(ct.studyInstanceUid());
        snapshot("arrived.png");
    }

    @Test
    void anotherStudyOpenedWhileOneArrivesIsNotReplacedByLatePlans() throws Exception {
        awaitSettled();
        List<Path> files = shuffled();
        Path folder = Files.createDirectories(home.pacsCache().resolve(ct.studyInstanceUid()));
        ArrivingStudy arriving = fx(() -> window.openArriving(ct.studyInstanceUid(), folder, SLICES, "PHANTOM^CHEST test"));
        for (Path f : files.subList(0, 5)) {
            arriving.arrived(land(f, folder));
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.grid().activeViewport().isPresent()));
        fx(() -> {
            window.openDemo();
            return null;
        });
        for (Path f : files.subList(5, files.size())) {
            arriving.arrived(land(f, folder));
        }
        arriving.finished();
        awaitSettled();
        Thread.sleep(2 * ArrivingStudy.PUBLISH_SPACING_MS); // a tick or two after the end: nothing of the arrived study comes back
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.index().studies().stream().noneMatch(s -> s.uid().equals(ct.studyInstanceUid())))).isTrue();
        assertThat(fx(() -> window.grid().slotText(0))).doesNotContain("PHANTOM^CHEST test");
        assertThat(fx(() -> active().note())).isEmpty();
    }

    @Test
    void aSeriesInTwoViewsGrowsIntoOneVolumeThatBothShow() throws Exception {
        awaitSettled();
        List<Path> files = shuffled();
        Path folder = Files.createDirectories(home.pacsCache().resolve(ct.studyInstanceUid()));
        ArrivingStudy arriving = fx(() -> window.openArriving(ct.studyInstanceUid(), folder, SLICES, "PHANTOM^CHEST test"));
        for (Path f : files.subList(0, 4)) {
            arriving.arrived(land(f, folder));
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.grid().viewport(0).isPresent()));
        fx(() -> {
            window.setLayout(org.lumen.viewer.ui.ViewportGrid.Layout.SIDE_BY_SIDE); // the study's one series fills the second view too
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.grid().viewport(1).isPresent()));
        for (Path f : files.subList(4, files.size())) {
            arriving.arrived(land(f, folder));
        }
        arriving.finished();
        awaitSettled();
        for (int slot = 0; slot < 2; slot++) {
            int s = slot;
            var volume = fx(() -> window.grid().viewport(s).orElseThrow().state().volume());
            assertThat(volume.sliceCount()).isEqualTo(SLICES);
            assertThat(volume.loadedCount()).isEqualTo(SLICES);
            assertThat(volume.sliceOrNull(SLICES / 2)).isNotNull();
        }
        assertThat(fx(() -> window.grid().viewport(0).orElseThrow().state().volume()))
                .isSameAs(fx(() -> window.grid().viewport(1).orElseThrow().state().volume()));
    }

    @Test
    void aRetrieveThatStopsLeavesWhatArrivedViewableWithTheReason() throws Exception {
        awaitSettled();
        List<Path> files = shuffled();
        Path folder = Files.createDirectories(home.pacsCache().resolve(ct.studyInstanceUid()));
        ArrivingStudy arriving = fx(() -> window.openArriving(ct.studyInstanceUid(), folder, SLICES, "PHANTOM^CHEST test"));
        for (Path f : files.subList(0, 7)) {
            arriving.arrived(land(f, folder));
        }
        arriving.stopped("a WADO-RS retrieve on http://127.0.0.1:8042/dicom-web was cancelled");
        awaitSettled();
        assertThat(fx(() -> active().state().volume().sliceCount())).isEqualTo(7);
        assertThat(fx(() -> active().state().volume().loadedCount())).isEqualTo(7);
        assertThat(fx(() -> active().note())).isEqualTo("7 of " + SLICES + " arrived");
        assertThat(fx(() -> window.status().getText())).isEqualTo("The retrieve stopped: a WADO-RS retrieve on "
                + "http://127.0.0.1:8042/dicom-web was cancelled. The 7 image(s) that arrived can be viewed.");
        snapshot("stopped-7-of-48.png");
    }

    private static String sopShown(SliceViewport v) {
        return v.state().volume().frame(v.state().index()).instance().sopInstanceUid();
    }

    private static List<Path> shuffled() {
        List<Path> files = new ArrayList<>(ct.dicomFiles());
        Collections.shuffle(files, new Random(5));
        return files;
    }

    /** Writes a file into the cache as a retrieve does: whole, by a rename. */
    private static Path land(Path file, Path folder) throws IOException {
        Path partial = folder.resolve(".partial-" + file.getFileName());
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void snapshot(String name) throws Exception {
        String shots = System.getProperty("lumen.shots");
        if (shots != null) {
            WaitForAsyncUtils.waitForFxEvents();
            HeadlessFx.snapshotToPng(window.scene(), 1200, 780, Path.of(shots).resolve(name));
        }
    }
}
