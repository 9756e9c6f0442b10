// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lumen.app.gui.WindowTests.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.aiassist.image2d.StudyTable;
import org.lumen.aiassist.ui.FindingBoxLayer;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportTool;
import org.lumen.viewer.viewport.ScreenMapping;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.viewport.ViewTransform;
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
        // The documentation's screenshot is taken on a full-size phantom (lumen phantom DIR --kind mammogram --four-views).
        String given = System.getProperty("lumen.test.mammogram");
        study = given != null && !given.isBlank() ? Path.of(given) : PlanarPhantoms.writeMammogram(root.resolve("mammogram"), MammogramSpec.defaults().withSize(766, 1166).withFourViews(true)
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
        WindowTests.runModel(window, MODEL);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        WaitForAsyncUtils.waitForFxEvents();

        var result = fx(() -> window.ai().result());
        var studyResult = fx(() -> window.ai().imageStudy());
        assertThat(studyResult.label()).isEqualTo("calcification");
        assertThat(studyResult.contributions()).extracting(c -> c.laterality() + " " + c.view())
                .containsExactly("R CC", "L CC", "R MLO", "L MLO");
        assertThat(result.findings()).isNotEmpty();
        assertThat(result.classScores().getFirst().label()).isEqualTo("study: calcification");
        assertThat(fx(() -> window.findingsPanel().summaryText())).contains("study calcification");
        String series = fx(() -> window.ai().resultSeries());
        assertThat(fx(() -> window.viewports().overlays().of(series))).filteredOn(l -> l.isHeatmap()).isNotEmpty();

        // The study result as its own table: the study's class by the card's rule, then each side, then each view.
        var rows = fx(() -> window.findingsPanel().studyRows());
        assertThat(rows.getFirst().kind()).isEqualTo(StudyTable.Kind.STUDY);
        assertThat(rows.getFirst().result()).isEqualTo(studyResult.label());
        assertThat(rows.getFirst().note()).startsWith(studyResult.rule() + ": ");
        assertThat(rows.getFirst().score()).isEqualTo(studyResult.score());
        var imageRows = rows.stream().filter(r -> r.kind() == StudyTable.Kind.IMAGE).toList();
        assertThat(imageRows).extracting(StudyTable.Row::image).containsExactly("1", "2", "3", "4");
        assertThat(imageRows).extracting(StudyTable.Row::where).containsExactly("R CC", "L CC", "R MLO", "L MLO");
        for (int i = 0; i < 4; i++) {
            assertThat(imageRows.get(i).result()).isEqualTo(studyResult.contributions().get(i).label());
            assertThat(imageRows.get(i).score()).isEqualTo(studyResult.contributions().get(i).score());
        }
        // A detector gives no class score to explain: Explain is disabled and says why.
        assertThat(fx(() -> window.findingsPanel().explainBar().explainEnabled())).isFalse();
        assertThat(fx(() -> window.findingsPanel().explainBar().explainTooltip())).contains("no classifier output");

        theTableSaysWhereEachFindingIsOnItsImage(studyResult);
        boxesAreDrawnWhereTheirPixelsAreAndPickTheirRows(studyResult, result.findings().size());

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
        fx(() -> window.findingsPanel().selectRank(first.rank())); // selected, its row scrolled into view
        WaitForAsyncUtils.waitForFxEvents();
        // At the window's default layout nothing in the findings table is cut off (WindowTests.findingsTableCutOffs).
        assertThat(WindowTests.findingsTableCutOffs(window)).as("texts cut off in the findings table, or a horizontal scroll bar").isEmpty();
        Path shot = Shots.take(window.scene(), root, "ai-tab-2d-mammogram");
        assertThat(shot).isRegularFile();
    }

    private static void press(SliceViewport v, double x, double y) throws Exception {
        mouse(v, javafx.scene.input.MouseEvent.MOUSE_PRESSED, x, y, true);
    }

    private static void drag(SliceViewport v, double x, double y, boolean still) throws Exception {
        mouse(v, javafx.scene.input.MouseEvent.MOUSE_DRAGGED, x, y, still);
    }

    /** Releases the left button, and when the pointer stayed within a click's hysteresis the click that follows. */
    private static void release(SliceViewport v, double x, double y, boolean still) throws Exception {
        mouse(v, javafx.scene.input.MouseEvent.MOUSE_RELEASED, x, y, still);
        if (still) {
            mouse(v, javafx.scene.input.MouseEvent.MOUSE_CLICKED, x, y, true);
        }
    }

    private static void mouse(SliceViewport v, javafx.event.EventType<javafx.scene.input.MouseEvent> type, double x, double y, boolean still)
            throws Exception {
        fx(() -> {
            // The event's own x, y are scene coordinates: the viewport gets them in its own.
            javafx.geometry.Point2D inScene = v.localToScene(x, y);
            javafx.geometry.Point2D onScreen = v.localToScreen(x, y);
            boolean down = type == javafx.scene.input.MouseEvent.MOUSE_PRESSED || type == javafx.scene.input.MouseEvent.MOUSE_DRAGGED;
            javafx.event.Event.fireEvent(v, new javafx.scene.input.MouseEvent(type, inScene.getX(), inScene.getY(), onScreen.getX(),
                    onScreen.getY(), javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, down, false, false, false,
                    false, still, null));
            return null;
        });
    }

    /**
     * A 2D result's table: the view the finding is on, its centre in that image's pixels [column, row] and its box's width ×
     * height in the image's own units (the phantom gives an Imager Pixel Spacing: millimetres at the detector), and no volume.
     * Every finding's row is checked against the engine's finding on its image.
     */
    private void theTableSaysWhereEachFindingIsOnItsImage(StudyResult study) throws Exception {
        assertThat(fx(() -> window.findingsPanel().columnTitles()))
                .containsExactly("#", "Score", "View", "Centre\n(px)", "Size (mm,\ndetector)", "Decision");
        var rows = fx(() -> window.findingsPanel().findings().stream().map(f -> window.findingsPanel().rowText(f)).toList());
        SliceViewport v = active();
        int rank = 0;
        for (ImageResult image : study.images()) {
            var calibration = fx(() -> {
                var volume = v.state().volume();
                for (int k = 0; k < volume.sliceCount(); k++) {
                    if (volume.frame(k).instance().sopInstanceUid().equals(image.facts().imageUid())) {
                        return volume.frame(k).instance().calibration();
                    }
                }
                throw new AssertionError("the image is not in the series");
            });
            assertThat(calibration.source()).isEqualTo(org.lumen.viewer.index.SpacingSource.DETECTOR);
            for (var f : image.findings()) {
                double[] c = f.centerPx();
                double[] b = f.boxPx();
                List<String> row = rows.get(rank);
                assertThat(row.subList(0, 4)).containsExactly(String.valueOf(rank + 1), String.format(java.util.Locale.ROOT, "%.2f", f.score()),
                        image.facts().laterality() + " " + image.facts().viewPosition(), "[" + Math.round(c[0]) + ", " + Math.round(c[1]) + "]");
                assertThat(row.get(5)).isEmpty();
                // Width × height in mm at the detector, two decimals below 1 mm (the last digit may round either way of a half).
                String[] size = row.get(4).split(" × ");
                assertThat(size).hasSize(2).allMatch(t -> t.matches(Double.parseDouble(t) < 1 ? "0\\.\\d\\d" : "\\d+\\.\\d"));
                double w = Double.parseDouble(size[0]);
                double h = Double.parseDouble(size[1]);
                assertThat(w).isCloseTo((b[2] - b[0]) * calibration.columnSpacing(), within(w < 1 ? 0.0051 : 0.051));
                assertThat(h).isCloseTo((b[3] - b[1]) * calibration.rowSpacing(), within(h < 1 ? 0.0051 : 0.051));
                rank++;
            }
        }
        assertThat(rows).hasSize(rank);
    }

    /**
     * Finding 1's box at a known zoom and pan lies where its pixels are on screen (worked out here from the fit rule: the
     * image scaled to fit, centred, zoomed, panned), is drawn there in the pending colour, a click on it selects its row and
     * is kept from the measuring tool while a drag that begins on it measures and an angle half drawn takes it (decision
     * 0040), and selecting a finding whose box is off screen at a high zoom brings it into the view.
     */
    private void boxesAreDrawnWhereTheirPixelsAreAndPickTheirRows(StudyResult study, int findings) throws Exception {
        FindingBoxLayer layer = fx(() -> window.ai().boxes());
        assertThat(layer.boxes()).hasSize(findings);
        ImageResult image = study.images().stream().filter(i -> !i.findings().isEmpty()).findFirst().orElseThrow();
        double[] box = image.findings().getFirst().boxPx();
        SliceViewport v = active();
        int slice = fx(() -> {
            var volume = v.state().volume();
            for (int k = 0; k < volume.sliceCount(); k++) {
                if (volume.frame(k).instance().sopInstanceUid().equals(image.facts().imageUid())) {
                    return k;
                }
            }
            throw new AssertionError("the image is not in the series");
        });
        int other = fx(() -> window.findingsPanel().findings().stream().filter(f -> f.rank() != 1).findFirst().map(f -> f.rank()).orElse(0));
        fx(() -> {
            window.findingsPanel().selectRank(1);
            v.state().showSlice(slice);
            v.state().setTransform(new ViewTransform(2, 40, -30, 0, false, false));
            return null;
        });
        double[] size = fx(() -> new double[] {v.getWidth(), v.getHeight()});
        ViewPlane plane = fx(() -> v.state().plane());
        double fit = Math.min(size[0] / (plane.width() * plane.pixelWidthMm()), size[1] / (plane.height() * plane.pixelHeightMm()));
        double scale = fit * 2;
        // Pixel (c, r) covers [c, c + 1): a box edge at continuous x (centres at whole numbers) is at image x + 0.5.
        double x0 = size[0] / 2 + 40 + (box[0] + 0.5 - plane.width() / 2.0) * plane.pixelWidthMm() * scale;
        double x1 = size[0] / 2 + 40 + (box[2] + 0.5 - plane.width() / 2.0) * plane.pixelWidthMm() * scale;
        double y0 = size[1] / 2 - 30 + (box[1] + 0.5 - plane.height() / 2.0) * plane.pixelHeightMm() * scale;
        double y1 = size[1] / 2 - 30 + (box[3] + 0.5 - plane.height() / 2.0) * plane.pixelHeightMm() * scale;
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> v.mapping() != null && Math.abs(v.mapping().mmToScreen() - scale) < 1e-9));
        WaitForAsyncUtils.waitForFxEvents();
        double[] drawn = fx(() -> layer.onScreen(layer.box(1), v.state(), v.mapping()));
        assertThat(drawn).as("finding 1's box on screen").isNotNull();
        assertThat((drawn[0] + drawn[2]) / 2).isCloseTo((x0 + x1) / 2, within(1e-6));
        assertThat((drawn[1] + drawn[3]) / 2).isCloseTo((y0 + y1) / 2, within(1e-6));
        if (x1 - x0 >= FindingBoxLayer.MIN_SCREEN_SIZE && y1 - y0 >= FindingBoxLayer.MIN_SCREEN_SIZE) {
            assertThat(drawn).containsExactly(new double[] {x0, y0, x1, y1}, within(1e-6));
        }
        // The selected box is drawn 2 px outside its edges, 3 px wide, in the pending colour over a dark rim.
        javafx.scene.image.Image picture = fx(() -> v.snapshot(null, null));
        javafx.scene.paint.Color edge = picture.getPixelReader().getColor((int) Math.floor(drawn[0] - 2), (int) Math.round((drawn[1] + drawn[3]) / 2));
        assertThat(edge.getRed()).as("%s", edge).isGreaterThan(0.9);
        assertThat(edge.getGreen()).as("%s", edge).isGreaterThan(0.75);
        assertThat(edge.getBlue()).as("%s", edge).isLessThan(0.25);

        // A click on the box selects its row.
        if (other > 0) {
            fx(() -> window.findingsPanel().selectRank(other));
        }
        double cx = (drawn[0] + drawn[2]) / 2;
        double cy = (drawn[1] + drawn[3]) / 2;
        int expected = fx(() -> layer.rankAt(v.state(), v.mapping(), cx, cy));
        assertThat(expected).isPositive();
        // The reader measures: a click on a box (with the few pixels of jitter a hand gives, still within a click's
        // hysteresis) selects its row and adds no measurement; a drag that begins on the box measures.
        fx(() -> {
            window.viewports().toolProperty().set(ViewportTool.LENGTH);
            return null;
        });
        int measured = fx(() -> window.viewports().measurements().all().size());
        press(v, cx, cy);
        drag(v, cx + 4, cy, true);
        release(v, cx + 4, cy, true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.findingsPanel().selected().rank())).isEqualTo(expected);
        assertThat(fx(() -> window.viewports().measurements().all().size())).as("measurements after a click on a box").isEqualTo(measured);

        press(v, cx, cy);
        drag(v, cx + 2, cy + 1, true);
        drag(v, cx + 60, cy + 40, false);
        release(v, cx + 60, cy + 40, false);
        WaitForAsyncUtils.waitForFxEvents();
        var lengths = fx(() -> window.viewports().measurements().all());
        assertThat(lengths).as("a drag that began on a box measures").hasSize(measured + 1);
        var length = (org.lumen.viewer.measure.LengthMeasurement) lengths.stream().filter(m -> m instanceof org.lumen.viewer.measure.LengthMeasurement)
                .reduce((a, b) -> b).orElseThrow();
        double[] start = fx(() -> v.mapping().pixelCenterToScreen(v.state().plane().toPlane(length.a())[0], v.state().plane().toPlane(length.a())[1]));
        assertThat(start).as("it starts where the press was").containsExactly(new double[] {cx, cy}, within(1.0));

        // Half-way through an angle the reader is drawing: the click that ends its second arm on a box is the angle's.
        double[] away = fx(() -> {
            for (double y = 20; y < v.getHeight() - 20; y += 10) {
                if (layer.rankAt(v.state(), v.mapping(), 20, y) == 0 && layer.rankAt(v.state(), v.mapping(), 80, y) == 0) {
                    return new double[] {20, y};
                }
            }
            throw new AssertionError("no room without boxes");
        });
        fx(() -> {
            window.viewports().toolProperty().set(ViewportTool.ANGLE);
            window.findingsPanel().selectRank(0); // nothing selected: the view stays where it is
            return null;
        });
        assertThat(fx(() -> layer.rankAt(v.state(), v.mapping(), cx, cy))).isEqualTo(expected);
        press(v, away[0], away[1]);
        drag(v, away[0] + 60, away[1], false);
        release(v, away[0] + 60, away[1], false);
        assertThat(fx(v::measurementInProgress)).isTrue();
        press(v, cx, cy);
        release(v, cx, cy, true);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.viewports().measurements().all())).as("the angle ended on the box").hasSize(measured + 2)
                .last().isInstanceOf(org.lumen.viewer.measure.AngleMeasurement.class);
        assertThat(fx(() -> window.findingsPanel().selected())).as("the click was the angle's, not the box's").isNull();
        // The test's measurements and the pointer's readout leave the picture (the documentation's screenshot is taken after).
        fx(() -> {
            window.viewports().toolProperty().set(ViewportTool.BROWSE);
            window.viewports().measurements().all().stream().skip(measured).map(m -> m.id()).toList()
                    .forEach(id -> window.viewports().measurements().remove(id));
            return null;
        });
        mouse(v, javafx.scene.input.MouseEvent.MOUSE_EXITED, 1, 1, true);

        // At 8× a box is mostly off screen; selecting its row brings it wholly into view.
        int target = other > 0 ? other : 1;
        fx(() -> {
            window.findingsPanel().selectRank(expected == target ? 0 : expected);
            v.state().setTransform(new ViewTransform(8, size[0] * 3, size[1] * 3, 0, false, false));
            window.findingsPanel().selectRank(target);
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> v.mapping() != null && Math.abs(v.mapping().mmToScreen() - fit * 8) < 1e-9
                && Math.abs(v.mapping().tx() - ScreenMapping.of(v.state().plane(), v.state().transform(), size[0], size[1]).tx()) < 1e-9));
        double[] revealed = fx(() -> layer.onScreen(layer.box(target), v.state(), v.mapping()));
        assertThat(revealed).as("the selected box on its image").isNotNull();
        assertThat((revealed[0] + revealed[2]) / 2).isCloseTo(size[0] / 2, within(1.0));
        assertThat((revealed[1] + revealed[3]) / 2).isCloseTo(size[1] / 2, within(1.0));
        fx(() -> {
            v.state().setTransform(ViewTransform.FIT);
            return null;
        });
    }
}
