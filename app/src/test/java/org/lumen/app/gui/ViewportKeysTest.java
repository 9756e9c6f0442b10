// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.lumen.app.gui.WindowTests.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.viewport.PixelProbe;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keys and the pixel readout in the real window: the first key after a click with a drawing tool
 * (ellipse, labelling box) reaches the viewport, and the readout follows a slice change by key
 * while the pointer rests.
 */
class ViewportKeysTest extends RealWindowTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().size(Size.of(96, 96, 40)).pixelSpacingMm(3.0).sliceSpacingMm(2.5)
            .noduleCount(3).noduleDiameterMm(15, 24).build();
    private static PhantomResult phantom;
    private static PhantomVolume truth;

    @BeforeAll
    static void generate() throws IOException {
        phantom = Phantoms.writeChestCt(root.resolve("chest"), SPEC);
        truth = Phantoms.renderChestCt(SPEC);
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 128L << 20, phantom.directory());
    }

    @Test
    void theFirstKeyAfterAClickWithTheEllipseToolReachesTheViewport(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        robot.clickOn(viewport).type(KeyCode.E);
        robot.moveTo(centreOf(viewport)).clickOn(MouseButton.PRIMARY);
        robot.type(KeyCode.DIGIT4);
        assertThat(fx(() -> viewport.state().display().window().name())).isEqualTo("bone");

        // Drawn, then Delete at once removes it.
        Point2D c = centreOf(viewport);
        robot.drag(c, MouseButton.PRIMARY).dropTo(c.add(40, 30));
        assertThat(fx(() -> window.viewports().measurements().all())).hasSize(1);
        robot.type(KeyCode.DELETE);
        assertThat(fx(() -> window.viewports().measurements().all())).isEmpty();
    }

    @Test
    void theFirstKeyAfterAClickWithTheLabellingBoxToolReachesTheViewport(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null));
        robot.clickOn(viewport).type(KeyCode.D);
        assertThat(fx(() -> window.viewports().tool().label())).isEqualTo("Box");
        robot.moveTo(centreOf(viewport)).clickOn(MouseButton.PRIMARY);
        robot.type(KeyCode.DIGIT1);
        assertThat(fx(() -> viewport.state().display().window().name())).isEqualTo("lung");
    }

    @Test
    void theReadoutFollowsPageUpWhileThePointerRests(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().count() - 1);
            return null;
        });
        robot.moveTo(centreOf(viewport).add(-25, 35));
        PixelProbe.Reading before = fx(() -> window.viewports().readingProperty().get());
        int from = fx(() -> viewport.state().index());
        assertThat(before.value()).isEqualTo(truth.value(before.x(), before.y(), from));

        robot.type(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        int to = fx(() -> viewport.state().index());
        assertThat(to).isEqualTo(from - 10);
        PixelProbe.Reading after = fx(() -> window.viewports().readingProperty().get());
        assertThat(after.x()).isEqualTo(before.x());
        assertThat(after.patient().z()).as("the reading is of the slice now shown").isNotEqualTo(before.patient().z());
        assertThat(after.value()).isEqualTo(truth.value(after.x(), after.y(), to));
    }

    private static Point2D centreOf(SliceViewport viewport) throws Exception {
        return fx(() -> viewport.localToScreen(viewport.getWidth() / 2, viewport.getHeight() / 2));
    }

}
