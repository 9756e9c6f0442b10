// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.lumen.app.gui.WindowTests.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.ui.SliceViewport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A length drawn on a mammogram with no Pixel Spacing and no frame of reference: listed in pixels,
 * not millimetres, and drawn on the image it was measured on.
 */
class RadiographMeasurementTest extends RealWindowTest {

    private static final Path MAMMOGRAM = Path.of(System.getProperty("lumen.samples", "../../shared/dicom-samples"))
            .resolve("cr_dx_mg/MG1_JPLY.dcm");

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, MAMMOGRAM);
    }

    @Test
    void aLengthOnAMammogramWithoutSpacingIsInPixelsAndDrawn(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        WaitForAsyncUtils.waitForFxEvents();
        SliceViewport viewport = fx(() -> window.grid().activeViewport().orElseThrow());
        Point2D centre = fx(() -> viewport.localToScreen(viewport.getWidth() / 2, viewport.getHeight() / 2));
        int colourBefore = measureColoured(viewport);

        robot.clickOn(viewport).type(KeyCode.M);
        robot.drag(centre.add(-80, 0), MouseButton.PRIMARY).dropTo(centre.add(80, 0));

        List<Measurement> all = fx(() -> window.viewports().measurements().all());
        assertThat(all).hasSize(1);
        LengthMeasurement length = (LengthMeasurement) all.getFirst();
        assertThat(length.frameOfReferenceUid()).isNull();
        // The Measurements tab, brought to the front as a reader would: its list joins the scene when first shown.
        fx(() -> {
            window.side().getSelectionModel().select(1);
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        List<String> rows = fx(() -> window.side().measurements().lookupAll(".list-cell").stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null && !t.isBlank()).toList());
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).startsWith("Length").contains(" px  —  ").doesNotContain("mm");
        assertThat(measureColoured(viewport)).as("the length is drawn where it was measured").isGreaterThan(colourBefore + 50);
    }

    /** Pixels of the measurement colour (#7fd7ff) on the viewport. */
    private static int measureColoured(SliceViewport viewport) throws Exception {
        return fx(() -> {
            WritableImage image = viewport.snapshot(null, null);
            PixelReader reader = image.getPixelReader();
            int count = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int argb = reader.getArgb(x, y);
                    if (Math.abs((argb >> 16 & 0xFF) - 0x7f) < 40 && Math.abs((argb >> 8 & 0xFF) - 0xd7) < 40
                            && (argb & 0xFF) > 0xd0) {
                        count++;
                    }
                }
            }
            return count;
        });
    }

}
