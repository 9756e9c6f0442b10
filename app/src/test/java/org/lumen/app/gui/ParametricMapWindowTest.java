// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.overlay.HeatmapProbe;
import org.lumen.viewer.overlay.OverlayLayer;
import org.lumen.viewer.overlay.ParametricMapSample;
import org.lumen.viewer.overlay.ResampledHeatmap;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on the real head phantom CT with a Float32 Parametric Map (written by pydicom over it at half
 * its resolution): the map is shown over the CT as a heatmap named after it, on the AI tab's threshold,
 * opacity and colour-map controls, with its real value and units (UCUM {probability}) under the cursor. The screenshot is kept in
 * target/parametric-map-over-ct.png for a look.
 */
class ParametricMapWindowTest extends RealWindowTest {

    private static Path study;
    private static float largest;

    @BeforeAll
    static void writeStudy() throws Exception {
        study = Files.createDirectories(root.resolve("study"));
        try (var files = Files.list(ParametricMapSample.CT)) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        ParametricMapSample.Written map = ParametricMapSample.write(Files.createDirectories(root.resolve("written")));
        Files.copy(map.file(), study.resolve("map.dcm"));
        largest = Float.NEGATIVE_INFINITY;
        for (float v : map.values()) {
            largest = Math.max(largest, v);
        }
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, study);
    }

    @Test
    void theMapIsAHeatmapOverTheCtWithItsValuesUnderTheCursor(FxRobot robot) throws Exception {
        awaitSettled();
        var viewport = active();
        String ct = fx(() -> viewport.state().volume().plan().seriesUid());
        assertThat(fx(() -> viewport.state().volume().frame(0).instance().series().modality())).isEqualTo("CT");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.viewports().overlays().of(ct).stream().anyMatch(OverlayLayer::isHeatmap)));
        WaitForAsyncUtils.waitForFxEvents();

        OverlayLayer layer = fx(() -> window.viewports().overlays().of(ct).stream().filter(OverlayLayer::isHeatmap).findFirst().orElseThrow());
        assertThat(layer.name()).isEqualTo("Map: Lesion probability (series 900)");
        ResampledHeatmap values = (ResampledHeatmap) layer.volume();
        assertThat(values.high()).as("the map's own largest value").isEqualTo(largest);
        assertThat(layer.heatmapStyle().high()).isEqualTo(largest);
        // The AI tab's threshold and opacity sliders style the map.
        assertThat(robot.from(fx(window::findingsPanel)).lookup(".slider-value").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly(String.format(Locale.ROOT, "%.2f", layer.heatmapStyle().threshold()), "60 %");

        // The blob's centre (CT pixel 256, 200 of the middle slices) reads the map's value there.
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().count() / 2);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        int k = fx(() -> viewport.state().index());
        float there = values.valueAt(256, 200, k);
        assertThat(there).isGreaterThan(0.5f);
        assertThat(fx(() -> HeatmapProbe.describe(viewport.state(), 256, 200, window.viewports().overlays().of(ct))))
                .isEqualTo(String.format(Locale.ROOT, "Map: Lesion probability (series 900) %.3f {probability}", there));

        HeadlessFx.snapshotToPng(fx(window::scene), 1200, 780, Path.of("target/parametric-map-over-ct.png"));
    }
}
