// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.image2d.StudyTable;
import org.lumen.app.cli.ImageClassifierCommandTest;
import org.lumen.testdata.FundusSpec;
import org.lumen.testdata.PlanarPhantomResult;
import org.lumen.testdata.PlanarPhantoms;
import org.lumen.viewer.overlay.OverlayLayer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The AI tab's Explain on a 2D classifier packaged as a site would (the bright-green classifier of
 * {@link ImageClassifierCommandTest}) over a grade-0 fundus phantom, whose only bright-green structure is the optic disc:
 * a cancelled explanation stops and shows nothing; an occlusion explanation becomes a heatmap layer under the tab's controls
 * whose strongest block holds the disc; the study table shows the classifier's class.
 */
class ImageExplainWindowTest extends RealWindowTest {

    private static PlanarPhantomResult photo;
    private static Path model;

    @BeforeAll
    static void writePhotographAndModel() throws Exception {
        photo = PlanarPhantoms.writeFundus(root.resolve("fundus"), FundusSpec.defaults().withSize(512, 384).withGrade(0).withSeed(2));
        model = ImageClassifierCommandTest.writePackage(root.resolve("classifier"));
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, photo.directory());
    }

    @Test
    void explainingAClassifierCanBeCancelledAndShowsAMapPeakingOnTheDisc(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        WindowTests.runModel(window, model.toString());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        var bar = fx(() -> window.findingsPanel().explainBar());
        assertThat(fx(bar::explainEnabled)).isTrue();
        var rows = fx(() -> window.findingsPanel().studyRows());
        assertThat(rows.getFirst().result()).isEqualTo("bright");
        assertThat(rows).filteredOn(r -> r.kind() == StudyTable.Kind.IMAGE).singleElement()
                .satisfies(r -> assertThat(r.where()).isEqualTo("R"));

        // Cancelled at once: the task stops at its next check, the bar says so, and no explanation is shown.
        fx(() -> {
            bar.setMethod(ImageRequest.Explain.RISE);
            bar.fire();
            bar.cancel();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !bar.running()));
        assertThat(fx(bar::statusText)).startsWith("Cancelled after");
        assertThat(fx(() -> window.ai().explanation().last())).isNull();
        String series = fx(() -> window.ai().resultSeries());
        assertThat(fx(() -> window.viewports().overlays().of(series))).extracting(OverlayLayer::name).noneMatch(n -> n.contains("(rise)"));

        // Esc cancels it too (the window's key for cancelling its tasks).
        fx(() -> {
            bar.fire();
            return null;
        });
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !bar.running()));
        assertThat(fx(bar::statusText)).startsWith("Cancelled after");
        assertThat(fx(() -> window.ai().explanation().last())).isNull();

        // Occlusion to the end: a heatmap layer named after the class and method, with the time it took.
        fx(() -> {
            bar.setMethod(ImageRequest.Explain.OCCLUSION);
            bar.fire();
            return null;
        });
        assertThat(fx(bar::running)).isTrue();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !bar.running()));
        var explanation = fx(() -> window.ai().explanation().last());
        assertThat(explanation).as(fx(bar::statusText)).isNotNull();
        assertThat(fx(bar::statusText)).startsWith("occlusion of image 1: " + explanation.runs() + " model runs in ");
        OverlayLayer layer = fx(() -> window.viewports().overlays().of(series).stream().filter(l -> l.name().equals("AI: bright (occlusion)"))
                .findFirst().orElseThrow());
        assertThat(layer.heatmapStyle()).isNotNull();

        var map = explanation.map();
        int bestColumn = 0;
        int bestRow = 0;
        for (int row = 0; row < map.imageRows(); row++) {
            for (int column = 0; column < map.imageColumns(); column++) {
                if (Math.abs(map.at(column, row)) > Math.abs(map.at(bestColumn, bestRow))) {
                    bestColumn = column;
                    bestRow = row;
                }
            }
        }
        double[] disc = photo.groundTruth().images().getFirst().opticDiscPx();
        // 8 × 8 occlusion blocks over the 224 px letterboxed canvas of a 512 px wide photograph: 64 px blocks. The strongest
        // block holds the disc, so its first pixel lies within the disc's radius plus a block's diagonal.
        double block = 512 / 8.0;
        assertThat(Math.hypot(bestColumn - disc[0], bestRow - disc[1])).as("strongest at (%d, %d), disc %s", bestColumn, bestRow,
                java.util.Arrays.toString(disc)).isLessThan(disc[2] + block * Math.sqrt(2));
        shotOfTheAiTab("ai-tab-2d-explain");
    }

    /**
     * The fundus demonstration on both eyes: the study table gives the study's grade (the worse eye's) and each eye's, as
     * the phantom's truth has them, and Explain is disabled (the grade comes from findings, not from a classifier).
     */
    @Test
    void aFundusGradeShowsInTheStudyTableWithEachEye(FxRobot robot) throws Exception {
        PlanarPhantomResult eyes = PlanarPhantoms.writeFundus(root.resolve("both-eyes"), FundusSpec.defaults().withBothEyes(true).withSeed(3));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        fx(() -> {
            window.show(eyes.directory());
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.isSettled() && window.grid().activeViewport()
                .map(v -> v.state().volume().plan().seriesUid().equals(eyes.groundTruth().seriesInstanceUid())).orElse(false)));
        WindowTests.runModel(window, "lumen-demo-fundus-lesions");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        var truth = eyes.groundTruth();
        var rows = fx(() -> window.findingsPanel().studyRows());
        assertThat(rows.getFirst().kind()).isEqualTo(StudyTable.Kind.STUDY);
        assertThat(rows.getFirst().result()).isEqualTo(truth.gradeNames().get(truth.grade()));
        var perEye = rows.stream().filter(r -> r.kind() == StudyTable.Kind.IMAGE).toList();
        assertThat(perEye).extracting(StudyTable.Row::where).containsExactly("R", "L");
        for (int i = 0; i < 2; i++) {
            assertThat(perEye.get(i).result()).isEqualTo(truth.gradeNames().get(truth.images().get(i).grade()));
        }
        assertThat(fx(() -> window.findingsPanel().explainBar().explainEnabled())).isFalse();
        shotOfTheAiTab("ai-tab-2d-fundus-grade");
    }

    /** The window with its AI tab in front, as NAME.png. */
    private void shotOfTheAiTab(String name) throws Exception {
        fx(() -> {
            window.side().getTabs().stream().filter(t -> t.getText().equals("AI")).findFirst().ifPresent(t -> window.side().select(t));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Shots.take(window.scene(), root, name);
    }
}
