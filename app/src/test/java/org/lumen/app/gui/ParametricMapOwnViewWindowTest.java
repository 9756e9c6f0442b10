// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.overlay.ParametricMapSample;
import org.lumen.viewer.viewport.WindowText;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a parametric map's own series (pydicom-written over the real head phantom CT, per-frame Real World
 * Value Mapping in mm2/s, Modality copied from the CT): the corner text gives the window in the map's real-world
 * values and units, and a right-button drag moves it in those values (ADR 0039). The screenshot is kept in
 * target/parametric-map-own-view.png for a look.
 */
class ParametricMapOwnViewWindowTest extends RealWindowTest {

    private static Path study;

    @BeforeAll
    static void writeStudy() throws Exception {
        study = Files.createDirectories(root.resolve("study"));
        ParametricMapSample.variant(Files.createDirectories(root.resolve("written")), "linear", study.resolve("map.dcm"));
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, study);
    }

    @Test
    void theCornerTextGivesTheWindowInTheMapsRealWorldValues(FxRobot robot) throws Exception {
        awaitSettled();
        var viewport = active();
        assertThat(fx(() -> viewport.state().realWorldValues())).isTrue();
        WindowPreset opened = fx(() -> viewport.state().display().window());
        assertThat(opened.width()).as("a window over 0.0001–0.0051 mm2/s").isLessThan(0.0051);
        assertThat(corner(robot, viewport)).contains("W " + WindowText.number(opened.width()) + "  L "
                + WindowText.number(opened.center()) + " mm2/s");

        Point2D centre = fx(() -> viewport.localToScreen(viewport.getWidth() / 2, viewport.getHeight() / 2));
        robot.drag(centre, MouseButton.SECONDARY).moveBy(60, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        WindowPreset dragged = fx(() -> viewport.state().display().window());
        assertThat(dragged.width()).as("widened by a drag, in mm2/s rather than by units").isGreaterThan(opened.width())
                .isLessThan(opened.width() + 0.0051);
        assertThat(corner(robot, viewport)).contains("W " + WindowText.number(dragged.width()) + "  L "
                + WindowText.number(dragged.center()) + " mm2/s");

        HeadlessFx.snapshotToPng(fx(window::scene), 1200, 780, Path.of("target/parametric-map-own-view.png"));
    }

    /** The viewport's bottom-left corner text (the window and zoom). */
    private static String corner(FxRobot robot, org.lumen.viewer.ui.SliceViewport viewport) throws Exception {
        return fx(() -> robot.from(viewport).lookup(".overlay-text").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> t.contains("Zoom")).findFirst().orElseThrow());
    }
}
