// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.ai.IntendedUseDialog;
import static org.lumen.app.gui.WindowTests.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.IntendedUseRecord;
import org.lumen.viewer.Samples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a real head CT with the bundled chest-CT demo model: Ctrl+I is refused with the
 * reasons, and "Run anyway" runs it with every result marked (panel banner, rows, heatmap legend,
 * catalog record).
 */
class OutsideIntendedUseWindowTest extends RealWindowTest {

    private final List<List<String>> asked = new ArrayList<>();

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, Samples.file("ct_series/philips_phantom_std_brain_1mm"));
    }

    @Test
    void theDemoModelIsRefusedOnAHeadCtWithTheReasonsAndNothingIsShown(FxRobot robot) throws Exception {
        answer(false);

        runModel(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !asked.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(asked.getFirst()).contains("its Body Part Examined is BRAIN (the head); the model is for the chest");
        assertThat(fx(() -> window.ai().result())).isNull();
        assertThat(fx(() -> window.findingsPanel().intendedUseBanner())).startsWith("Not run: Lumen demo nodule detector")
                .contains("is not meant for this series:\n• its Body Part Examined is BRAIN");
        String series = fx(() -> window.grid().activeViewport().orElseThrow().state().volume().plan().seriesUid());
        assertThat(fx(() -> window.viewports().overlays().of(series))).noneSatisfy(l -> assertThat(l.isHeatmap()).isTrue());
    }

    @Test
    void runAnywayMarksThePanelEveryRowTheLegendAndTheCatalogRecord(FxRobot robot) throws Exception {
        answer(true);

        runModel(robot);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        WaitForAsyncUtils.waitForFxEvents();

        var result = fx(() -> window.ai().result());
        assertThat(result.outsideIntendedUse()).isTrue();
        assertThat(fx(() -> window.findingsPanel().intendedUseBanner())).startsWith("OUTSIDE INTENDED USE")
                .contains("its Body Part Examined is BRAIN");
        String series = result.seriesUid();
        assertThat(fx(() -> window.viewports().overlays().of(series))).filteredOn(l -> l.isHeatmap())
                .isNotEmpty().allSatisfy(l -> assertThat(l.caution()).isEqualTo("outside intended use"));
        // The skull and the plastic inserts become "nodules": every row is marked.
        assertThat(result.findings()).isNotEmpty();
        assertThat(robot.lookup(".outside-intended-use").queryAll()).as("marked finding rows").isNotEmpty();
        // The panel says where it ran in a reader's words, and its sliders show their values.
        assertThat(robot.from(fx(window::findingsPanel)).lookup(".slider-value").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly(String.format(java.util.Locale.ROOT, "%.2f", result.heatmaps().getFirst().threshold()), "60 %");
        var catalog = fx(() -> window.labelling().catalog());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                catalog.aiRuns().runs(series).stream().anyMatch(r -> r.intendedUse().verdict() == IntendedUseRecord.Verdict.OUTSIDE
                        && r.intendedUse().reasons().size() == result.intendedUse().reasons().size())).get());
    }

    @Test
    void theRunAnywayDialogListsEveryReasonAndCancelIsTheDefault() throws Exception {
        var alert = fx(() -> IntendedUseDialog.create("Demo", List.of("its modality is MR; the model is for CT",
                "its slices are 7 mm apart; the model is for slices 0.5–3 mm apart")));

        assertThat(fx(() -> alert.getHeaderText())).isEqualTo("Demo is not meant for this series");
        assertThat(fx(() -> ((Label) alert.getDialogPane().getContent()).getText()))
                .contains("• Its modality is MR; the model is for CT.\n")
                .contains("• Its slices are 7 mm apart; the model is for slices 0.5–3 mm apart.\n")
                .contains("marked \"outside intended use\"");
        assertThat(fx(() -> ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).isDefaultButton())).isTrue();
        assertThat(fx(() -> ((Button) alert.getDialogPane().lookupButton(IntendedUseDialog.RUN_ANYWAY)).getText()))
                .isEqualTo("Run anyway");
    }

    private void answer(boolean runAnyway) throws Exception {
        fx(() -> {
            window.ai().setRunAnywayQuestion((name, reasons) -> {
                asked.add(reasons);
                return runAnyway;
            });
            return null;
        });
    }

    private void runModel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(fx(() -> window.grid().activeViewport().orElseThrow()))
                .press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
    }

}
