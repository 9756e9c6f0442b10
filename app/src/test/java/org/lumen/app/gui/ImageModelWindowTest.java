// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.annotation.catalog.DecisionKind;
import org.lumen.testdata.MammogramSpec;
import org.lumen.testdata.PlanarPhantoms;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's AI tab with a 2D model: the mammography demonstration on a four-view mammogram phantom shows its heatmap
 * over the images, its findings, the study's result per laterality with each view's contribution, and an accepted
 * finding is recorded in the catalog against the run that made it. A screenshot is written for a person to look at.
 */
class ImageModelWindowTest extends RealWindowTest {

    private static final String MODEL = "lumen-demo-mammo-calcifications";
    private static Path study;

    @BeforeAll
    static void writeMammogram() throws IOException {
        study = PlanarPhantoms.writeMammogram(root.resolve("mammogram"), MammogramSpec.defaults().withSize(766, 1166).withFourViews(true)
                .withSeed(5)).directory();
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, study);
    }

    @Test
    void theMammographyDemoShowsItsHeatmapFindingsStudyResultAndRecordsADecision(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        // The model list is filled in the background; choose the 2D demonstration once it is there.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.findingsPanel().selectedModel() != null));
        fx(() -> {
            window.findingsPanel().setModels(List.of("demo", MODEL), MODEL);
            window.ai().run();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        WaitForAsyncUtils.waitForFxEvents();

        var result = fx(() -> window.ai().result());
        var studyResult = fx(() -> window.ai().imageStudy());
        assertThat(studyResult.label()).isEqualTo("calcification");
        assertThat(studyResult.contributions()).extracting(c -> c.laterality() + " " + c.view())
                .containsExactly("R CC", "L CC", "R MLO", "L MLO");
        assertThat(result.findings()).isNotEmpty();
        assertThat(result.classScores().getFirst().label()).isEqualTo("study: calcification");
        assertThat(fx(() -> window.findingsPanel().summaryText())).contains("study calcification").contains("image 2 L CC");
        String series = fx(() -> window.ai().resultSeries());
        assertThat(fx(() -> window.viewports().overlays().of(series))).filteredOn(l -> l.isHeatmap()).isNotEmpty();

        var first = result.findings().getFirst();
        fx(() -> {
            window.findingsPanel().select(first);
            return null;
        });
        var catalog = fx(() -> window.labelling().catalog());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                !catalog.aiRuns().runs(series).isEmpty()).get());
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            window.findingsPanel().decide(first, FindingDecision.ACCEPT);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() -> {
            var runs = catalog.aiRuns().runs(series);
            return runs.size() == 1 && runs.getFirst().findings().size() == result.findings().size()
                    && runs.getFirst().parametersJson().contains("\"studyResult\"")
                    && catalog.aiRuns().decisions(runs.getFirst().findings().getFirst().id()).stream()
                            .anyMatch(d -> d.kind() == DecisionKind.ACCEPT);
        }).get());
        fx(() -> {
            window.side().getTabs().stream().filter(t -> t.getText().equals("AI")).findFirst().ifPresent(t -> window.side().select(t));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path shot = Shots.take(window.scene(), root, "ai-tab-2d-mammogram");
        assertThat(shot).isRegularFile();
    }
}
