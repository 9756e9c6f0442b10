// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lumen.app.gui.WindowTests.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.findings.FindingBox;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.app.cli.ExternalPython;
import org.lumen.testdata.MammogramSpec;
import org.lumen.testdata.PlanarPhantoms;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's AI tab with a 2D model on one two-frame mammogram (the phantom's R CC and R MLO views made one object by
 * pydicom): each frame is an image of its own, so every finding's box, its heatmap, its row's image number and its
 * recorded place in the catalog are on the frame it was found on, never on the object's last frame.
 */
class MultiFrameImageModelWindowTest extends RealWindowTest {

    private static final String MODEL = "lumen-demo-mammo-calcifications";
    private static Path study;
    private static final MammogramSpec VIEWS = MammogramSpec.defaults().withSize(766, 1166).withFourViews(true).withSeed(5);
    private static String seriesUid;

    @BeforeAll
    static void writeTwoFrameMammogram() throws Exception {
        Assumptions.assumeTrue(ExternalPython.hasPydicom(), "/usr/bin/python3 with pydicom is needed to write the multi-frame object");
        Path views = PlanarPhantoms.writeMammogram(root.resolve("views"), VIEWS).directory();
        study = Files.createDirectories(root.resolve("two-frames"));
        seriesUid = ExternalPython.twoFrames(views.resolve("mammogram-R-CC.dcm"), views.resolve("mammogram-R-MLO.dcm"),
                study.resolve("two-frames.dcm"));
    }

    @Start
    void start(Stage ignored) throws Exception {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, study);
    }

    @Test
    void eachFrameShowsAndRecordsItsOwnFindings() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(window::isSettled));
        WindowTests.runModel(window, MODEL);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        WaitForAsyncUtils.waitForFxEvents();

        var result = fx(() -> window.ai().result());
        var studyResult = fx(() -> window.ai().imageStudy());
        var volume = fx(() -> active().state().volume());
        assertThat(fx(() -> window.ai().resultSeries())).isEqualTo(seriesUid);
        assertThat(volume.sliceCount()).isEqualTo(2);
        assertThat(studyResult.images()).extracting(i -> i.facts().frame()).containsExactly(0, 1);
        assertThat(studyResult.images()).allMatch(i -> !i.findings().isEmpty(), "both views have calcifications");
        var layer = fx(() -> window.ai().boxes());
        var rows = fx(() -> window.findingsPanel().findings().stream().map(f -> window.findingsPanel().rowText(f)).toList());
        var heatmap = result.heatmaps().getFirst();
        int rank = 0;
        for (ImageResult image : studyResult.images()) {
            int slice = sliceOf(volume, image.facts().frame());
            assertThat(slice).isEqualTo(image.facts().frame());
            var map = image.heatmaps().stream().filter(m -> m.label().equals(heatmap.label()) && m.kind().equals(heatmap.kind()))
                    .findFirst().orElseThrow();
            for (var f : image.findings()) {
                rank++;
                // The box is on its own frame's slice.
                FindingBox expected = FindingBox.onImage(rank, f.boxPx(), volume.geometry(), slice);
                FindingBox drawn = layer.box(rank);
                for (int c = 0; c < 4; c++) {
                    assertThat(drawn.corners().get(c).minus(expected.corners().get(c)).length()).as("finding %d's box corner %d", rank, c)
                            .isLessThan(1e-9);
                }
                // The table names the frame's image: both frames are "R CC", so by number.
                assertThat(rows.get(rank - 1).get(2)).isEqualTo((slice + 1) + " R CC");
                // The overlay's heatmap on that slice is the frame's own map.
                int column = (int) Math.round(f.centerPx()[0]);
                int row = (int) Math.round(f.centerPx()[1]);
                assertThat(heatmap.volume().value(column, row, slice)).isEqualTo(map.at(column, row));
                assertThat(result.findings().get(rank - 1).centerMm().minus(volume.geometry().toPatient(f.centerPx()[0], f.centerPx()[1], slice))
                        .length()).isLessThan(1e-9);
            }
        }
        assertThat(rows).hasSize(rank);

        // The catalog's run records each finding on its frame's image.
        var catalog = fx(() -> window.labelling().catalog());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                !catalog.aiRuns().runs(seriesUid).isEmpty()).get());
        var run = window.labelling().lane().submit(() -> catalog.aiRuns().runs(seriesUid).getFirst()).get();
        assertThat(run.findings()).hasSize(rank);
        int n = 0;
        for (ImageResult image : studyResult.images()) {
            for (var f : image.findings()) {
                var recorded = run.findings().get(n++);
                assertThat(recorded.centre().z()).isEqualTo(image.facts().frame());
                assertThat(recorded.centre().y()).isCloseTo(f.centerPx()[1] * VIEWS.pixelSpacingMm(), within(0.01));
            }
        }

        // For a person to look at: the first finding of frame 2 selected, its box on that frame, the table naming image 2.
        int firstOnFrame2 = studyResult.images().getFirst().findings().size() + 1;
        fx(() -> {
            window.side().getTabs().stream().filter(t -> t.getText().equals("AI")).findFirst().ifPresent(t -> window.side().select(t));
            window.findingsPanel().selectRank(firstOnFrame2);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> active().state().index())).as("selecting a finding of frame 2 shows frame 2").isEqualTo(1);
        assertThat(Shots.take(window.scene(), root, "ai-tab-2d-multiframe")).isRegularFile();
    }

    /** The volume's slice that holds this frame of the object. */
    private static int sliceOf(org.lumen.viewer.volume.Volume volume, int frame) {
        for (int k = 0; k < volume.sliceCount(); k++) {
            if (volume.frame(k).frame() == frame) {
                return k;
            }
        }
        throw new AssertionError("frame " + frame + " is not in the series");
    }
}
