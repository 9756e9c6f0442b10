// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.task.Pools;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.volume.PixelCache;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Review tab in the real window: labelling a series makes it a case of the default dataset;
 * Ctrl+Shift+R brings the tab up on that case (the active viewport's series) with the annotator's
 * mask, and Submit moves it in the window's catalog.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewTabTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().size(Size.of(96, 96, 24)).pixelSpacingMm(3.0).sliceSpacingMm(5)
            .noduleCount(1).build();
    private static Path root;
    private static PhantomResult phantom;
    private static Pools pools;

    private WorkstationWindow window;

    @BeforeAll
    static void generate() throws IOException {
        root = Files.createTempDirectory("lumen-review-tab-test");
        phantom = Phantoms.writeChestCt(root.resolve("chest"), SPEC);
        pools = new Pools();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        pools.close();
        org.lumen.io.Folders.deleteTree(root);
    }

    @Start
    void start(Stage ignored) throws IOException {
        UserDataFolder data = new UserDataFolder(root.resolve("home")).ensureExists();
        window = new WorkstationWindow(pools, data, new PixelCache(64L << 20));
        window.stage().setWidth(1200);
        window.stage().setHeight(780);
        window.show(phantom.directory());
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            window.stage().close();
            return null;
        });
    }

    @Test
    void ctrlShiftRReviewsTheCaseOfTheActiveSeries(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        var viewport = fx(() -> window.grid().activeViewport().orElseThrow());
        String series = fx(() -> viewport.state().volume().plan().seriesUid());
        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null));

        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);

        assertThat(fx(() -> window.review().tab().isSelected())).isTrue();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.review().panel().shown() != null));
        CaseReview shown = fx(() -> window.review().panel().shown());
        assertThat(shown.seriesUid()).isEqualTo(series);
        assertThat(shown.dataset().name()).isEqualTo(Labelling.DEFAULT_DATASET);
        assertThat(shown.annotations()).singleElement().satisfies(i -> {
            assertThat(i.author()).isEqualTo(System.getProperty("user.name"));
            assertThat(i.state()).isEqualTo(ReviewState.DRAFT);
        });
        TableView<?> table = robot.lookup("#review-annotations").queryTableView();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(1);

        var before = fx(() -> window.labelling().session());
        robot.clickOn("#review-submit");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() ->
                window.review().panel().shown().annotations().getFirst().state() == ReviewState.SUBMITTED));
        var catalog = fx(() -> window.labelling().catalog());
        long id = shown.annotations().getFirst().id();
        assertThat(window.labelling().lane().submit(() -> catalog.reviews().history(id)).get(20, TimeUnit.SECONDS))
                .extracting(e -> e.to()).isEqualTo(List.of(ReviewState.SUBMITTED));
        assertThat(robot.lookup("#review-message").queryLabeled().getText()).endsWith(" submitted.");

        // The labelling session reloads locked: the submitted mask is shown, and no tool can change it.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null
                && window.labelling().session() != before));
        assertThat(fx(() -> window.labelling().session().lockedReason())).contains("submitted for review");
        robot.clickOn(viewport).type(KeyCode.Q);
        assertThat(fx(() -> window.viewports().planeToolProperty().get())).isNull();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
