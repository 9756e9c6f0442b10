// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import org.lumen.app.workflow.labelling.Labelling;
import static org.lumen.app.gui.WindowTests.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportGrid;
import org.lumen.viewer.viewport.PixelProbe;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewportState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real workstation window, driven headless through TestFX on a generated chest CT whose
 * geometry and HU are known: scrolling, window presets and drag, layouts, MPR with its crosshair,
 * a length measurement and the HU under the cursor, checked against the phantom's ground truth.
 */
class WorkstationWindowTest extends RealWindowTest {

    private static final ChestCtSpec SPEC = ChestCtSpec.builder().size(Size.of(160, 160, 60)).pixelSpacingMm(2.0).sliceSpacingMm(2.5)
            .noduleCount(3).noduleDiameterMm(18, 26).build();
    private static PhantomResult phantom;
    private static PhantomVolume truth;

    @BeforeAll
    static void generate() throws IOException {
        phantom = Phantoms.writeChestCt(root.resolve("chest"), SPEC);
        truth = Phantoms.renderChestCt(SPEC);
    }

    @Start
    void start(Stage ignored) throws IOException {
        window = WindowTests.open(pools, WindowTests.newHome(root), 256L << 20, phantom.directory());
    }

    @Test
    void opensTheStudyAndScrollsWithKeysAndWheel(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        ViewportState state = viewport.state();
        assertThat(state.volume().sliceCount()).isEqualTo(60);
        int start = fx(state::index);

        robot.clickOn(viewport).type(KeyCode.DOWN);
        assertThat(fx(state::index)).isEqualTo(start + 1);
        robot.type(KeyCode.PAGE_UP);
        assertThat(fx(state::index)).isEqualTo(start + 1 - 10);
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(state::index)).isNotEqualTo(start + 1 - 10);
        robot.type(KeyCode.END);
        assertThat(fx(state::index)).isEqualTo(59);
    }

    @Test
    void windowPresetsByKeyAndWindowLevelByRightDrag(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        ViewportState state = viewport.state();
        robot.clickOn(viewport).type(KeyCode.DIGIT4);
        assertThat(fx(() -> state.display().window().name())).as("4 is bone on every CT, as README and F1 say").isEqualTo("bone");
        double widthBefore = fx(() -> state.display().window().width());

        Point2D centre = centreOf(viewport);
        robot.moveTo(centre).press(MouseButton.SECONDARY).moveBy(60, 0).moveBy(60, 0).release(MouseButton.SECONDARY);
        assertThat(fx(() -> state.display().window().width())).isGreaterThan(widthBefore);
        assertThat(fx(() -> state.display().window().name())).isEqualTo("custom");
    }

    @Test
    void switchesLayoutsAndRunsMprWithALinkedCrosshair(FxRobot robot) throws Exception {
        awaitSettled();
        robot.clickOn(active()).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHIFT, KeyCode.CONTROL);
        awaitSettled();
        assertThat(fx(() -> window.grid().currentLayout())).isEqualTo(ViewportGrid.Layout.SIDE_BY_SIDE);
        assertThat(fx(() -> window.viewports().onScreen().size())).isEqualTo(2);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.SHIFT, KeyCode.CONTROL);
        awaitSettled();
        assertThat(fx(() -> window.grid().currentLayout())).isEqualTo(ViewportGrid.Layout.MPR);
        List<SliceViewport> views = fx(() -> List.copyOf(window.viewports().onScreen()));
        assertThat(views).hasSize(3);
        assertThat(fx(() -> views.stream().map(v -> v.state().plane().axis()).toList()))
                .containsExactly(PlaneAxis.SLICES, PlaneAxis.ROWS, PlaneAxis.COLUMNS);
        assertThat(fx(() -> views.stream().map(v -> v.state().plane().anatomicalName()).toList()))
                .containsExactly("Axial", "Coronal", "Sagittal");

        // Crosshair tool: a click on the axial view moves the coronal and sagittal views to that point.
        Nodule nodule = phantom.nodules().getFirst();
        SliceViewport axial = views.getFirst();
        fx(() -> {
            axial.state().showSlice(axial.state().plane().nearestIndex(nodule.center()));
            return null;
        });
        robot.clickOn(axial).type(KeyCode.X);
        robot.clickOn(screenOf(axial, nodule.center()));
        int expectedRow = (int) Math.round(axial.state().plane().toPlane(nodule.center())[1]);
        int expectedColumn = (int) Math.round(axial.state().plane().toPlane(nodule.center())[0]);
        assertThat(fx(() -> views.get(1).state().index())).isCloseTo(expectedRow, within(1));
        assertThat(fx(() -> views.get(2).state().index())).isCloseTo(expectedColumn, within(1));
        // The reformats are at the physical aspect of the volume: 2.5 mm between slices.
        assertThat(fx(() -> views.get(1).state().plane().pixelHeightMm())).isEqualTo(2.5);
    }

    @Test
    void aLengthMeasurementAcrossANoduleReadsItsDiameter(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        Nodule nodule = phantom.nodules().getFirst();
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().nearestIndex(nodule.center()));
            return null;
        });
        double r = nodule.diameterMm() / 2;
        Vec3 left = nodule.center().minus(new Vec3(r, 0, 0));
        Vec3 right = nodule.center().plus(new Vec3(r, 0, 0));
        robot.clickOn(viewport).type(KeyCode.M);
        robot.drag(screenOf(viewport, left), MouseButton.PRIMARY).dropTo(screenOf(viewport, right));

        List<Measurement> all = fx(() -> window.viewports().measurements().all());
        assertThat(all).hasSize(1);
        LengthMeasurement length = (LengthMeasurement) all.getFirst();
        // Mouse positions land on whole screen pixels: within a pixel spacing of the true diameter.
        assertThat(length.lengthMm()).isCloseTo(nodule.diameterMm(), within(SPEC.pixelSpacingMm()));
        assertThat(fx(() -> window.side().measurements().getItems())).hasSize(1);
    }

    @Test
    void anEllipseInsideANoduleReadsItsDensityAndArea(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        Nodule nodule = phantom.nodules().getFirst();
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().nearestIndex(nodule.center()));
            return null;
        });
        // A 10 mm box centred on the nodule: its inscribed ellipse lies well inside the sphere's section.
        Vec3 topLeft = nodule.center().minus(new Vec3(5, 5, 0));
        Vec3 bottomRight = nodule.center().plus(new Vec3(5, 5, 0));
        robot.clickOn(viewport).type(KeyCode.E);
        robot.drag(screenOf(viewport, topLeft), MouseButton.PRIMARY).dropTo(screenOf(viewport, bottomRight));

        var roi = (org.lumen.viewer.measure.EllipseRoi) fx(() -> window.viewports().measurements().all().getFirst());
        var stats = fx(() -> org.lumen.viewer.measure.RoiStatistics.compute(roi, viewport.state().plane(), viewport.state().index(),
                viewport.state().volume().slice(viewport.state().index())));
        assertThat(stats.pixels()).isPositive();
        assertThat(stats.mean()).isEqualTo(nodule.hu());
        assertThat(stats.sd()).isZero();
        assertThat(stats.areaMm2()).isCloseTo(Math.PI * 25, within(Math.PI * 25 * 0.5));
    }

    @Test
    void fillingANoduleIn3dLabelsItsVolumeAndUndoRedoAndTheCatalogKeepUp(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        Nodule nodule = phantom.nodules().getFirst();
        var session = labelOnTheSliceOf(robot, nodule);
        fx(() -> {
            session.setThresholdRange(new org.lumen.annotation.edit.ValueRange(nodule.hu() - 5, nodule.hu() + 5));
            return null;
        });
        robot.clickOn(viewport).type(KeyCode.G);
        assertThat(fx(() -> window.viewports().tool().label())).isEqualTo("Fill");
        robot.moveTo(screenOf(viewport, nodule.center())).press(KeyCode.ALT).clickOn(MouseButton.PRIMARY).release(KeyCode.ALT);

        double truth = 4.0 / 3 * Math.PI * Math.pow(nodule.diameterMm() / 2, 3);
        double labelled = fx(() -> session.volumesMm3().get(1));
        assertThat(labelled).as("filled nodule volume vs 4/3 pi r^3 = %.0f mm3", truth).isCloseTo(truth, within(truth * 0.15));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(fx(() -> session.volumesMm3().get(1))).isZero();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(fx(() -> session.volumesMm3().get(1))).isEqualTo(labelled);

        // Every step (fill, undo, redo) became a revision in the catalog; the last one is the filled nodule.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.annotationPanel().lookupAll(".label").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText().startsWith("Saved (revision"))));
        var catalog = fx(() -> window.labelling().catalog());
        var loaded = window.labelling().lane().submit(() -> catalog.annotations().loadCase(session.seriesUid())).get(20, TimeUnit.SECONDS);
        var mask = (org.lumen.annotation.catalog.MaskPayload) loaded.getFirst().head().payload();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() -> ((org.lumen.annotation.catalog.MaskPayload)
                catalog.annotations().loadCase(session.seriesUid()).getFirst().head().payload()).mask().count(1)).get() > 0);
        assertThat(mask.geometry().columns()).isEqualTo(160);
        Shots.take(window.scene(), root, "labels-tab-filled-nodule");
    }

    @Test
    void boxesPointsAndImageClassesAreDrawnInMmSavedAndReadBackWhenLabellingResumes(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        Nodule nodule = phantom.nodules().getFirst();
        var session = labelOnTheSliceOf(robot, nodule);
        int before = fx(() -> session.objects().vectorLabels().size());

        // A box around the nodule's section, corner to corner.
        double r = nodule.diameterMm() / 2;
        robot.clickOn(viewport).type(KeyCode.D);
        assertThat(fx(() -> window.viewports().tool().label())).isEqualTo("Box");
        robot.drag(screenOf(viewport, nodule.center().minus(new Vec3(r, r, 0))), MouseButton.PRIMARY)
                .dropTo(screenOf(viewport, nodule.center().plus(new Vec3(r, r, 0))));
        var box = (org.lumen.annotation.edit.BoxLabel) fx(() -> session.objects().vectorLabels().getLast());
        assertThat(fx(() -> session.objects().vectorLabels())).hasSize(before + 1);
        assertThat(box.labelClass()).isEqualTo("Nodule");
        assertThat(box.widthMm()).isCloseTo(nodule.diameterMm(), within(SPEC.pixelSpacingMm()));
        assertThat(box.heightMm()).isCloseTo(nodule.diameterMm(), within(SPEC.pixelSpacingMm()));
        assertThat(box.center().distance(nodule.center())).isLessThan(SPEC.pixelSpacingMm() + SPEC.sliceSpacingMm() / 2);

        // A landmark at the nodule's centre, then an undo and a redo of it.
        robot.type(KeyCode.N);
        robot.moveTo(screenOf(viewport, nodule.center())).clickOn(MouseButton.PRIMARY);
        assertThat(fx(() -> session.objects().vectorLabels())).hasSize(before + 2);
        var point = (org.lumen.annotation.edit.PointLabel) fx(() -> session.objects().vectorLabels().getLast());
        assertThat(point.position().distance(nodule.center())).isLessThan(SPEC.pixelSpacingMm() + SPEC.sliceSpacingMm() / 2);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(fx(() -> session.objects().vectorLabels())).hasSize(before + 1).doesNotContain(point);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(fx(() -> session.objects().vectorLabels())).hasSize(before + 2).endsWith(box, point);

        // The image on screen classified, as a label of that instance.
        var image = fx(() -> window.annotationPanel().lookupAll(".combo-box").stream()
                .map(n -> (javafx.scene.control.ComboBox<?>) n).filter(c -> "This image".equals(c.getPromptText())).findFirst().orElseThrow());
        fx(() -> {
            @SuppressWarnings("unchecked") var choice = (javafx.scene.control.ComboBox<String>) image;
            choice.getSelectionModel().select("nodule present");
            return null;
        });
        var imageClass = fx(() -> session.objects().classifications().getLast());
        String sop = fx(() -> viewport.state().volume().frame(viewport.state().index()).instance().sopInstanceUid());
        assertThat(imageClass.sopInstanceUid()).isEqualTo(sop);
        assertThat(imageClass.labelClass()).isEqualTo("nodule present");

        // Everything reached the catalog; labelling the series again reads it all back, identical, in patient mm.
        var catalog = fx(() -> window.labelling().catalog());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                catalog.annotations().loadCase(session.seriesUid()).stream().filter(a -> a.head() != null)
                        .map(a -> a.head().payload()).filter(p -> p instanceof org.lumen.annotation.catalog.VectorPayload v
                                && v.labels().containsAll(List.of(box, point)) || p instanceof org.lumen.annotation.catalog.ClassificationPayload c
                                && c.labels().contains(imageClass)).count()).get() == 2);
        fx(() -> {
            window.stopLabelling();
            window.startLabelling();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null));
        var resumed = fx(() -> window.labelling().session());
        assertThat(resumed).isNotSameAs(session);
        assertThat(fx(() -> resumed.objects().all())).contains(box, point, imageClass);
        assertThat(fx(() -> resumed.objects().vectorLabels())).hasSize(before + 2);
        assertThat(fx(() -> resumed.history().canUndo())).isFalse();
    }

    @Test
    void aDatasetIsExportedFromTheDatasetPanelAsATaskWithItsAuditEntry() throws Exception {
        awaitSettled();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.labelling().catalog() != null));
        var catalog = fx(() -> window.labelling().catalog());
        String series = fx(() -> active().state().volume().plan().seriesUid());
        var geometry = fx(() -> active().state().volume().geometry());
        // The phantom's nodules, as an annotator would have labelled them, in a dataset of the window's catalog.
        window.labelling().lane().submit(() -> {
            var dataset = catalog.datasets().create("window export", "from the dataset panel", null);
            catalog.labelClasses().define(dataset.id(), "nodule", "#E6194B", org.lumen.annotation.catalog.LabelType.MASK, 1, null);
            var mask = org.lumen.annotation.mask.NiftiMasks.onGrid(new org.lumen.viewer.nifti.NiftiReader().read(phantom.labelVolumeFile()),
                    geometry, v -> v >= org.lumen.testdata.Nodule.FIRST_LABEL ? 1 : 0);
            org.lumen.annotation.export.LabelledCases.add(catalog, dataset, series, new org.lumen.annotation.catalog.MaskPayload(mask, geometry),
                    catalog.people().ensure("annotator", true, false).id(), new org.lumen.annotation.catalog.Origin.Imported("phantom truth"), null);
            return null;
        }).get();

        java.nio.file.Path out = root.resolve("window-export");
        var handle = fx(() -> window.exportDataset(new org.lumen.annotation.export.ExportRequest("window export",
                org.lumen.annotation.export.ExportFormat.MONAI, out, 1, org.lumen.annotation.export.SplitFractions.defaults(), 501)));
        var summary = handle.join();

        assertThat(summary.cases()).hasSize(1);
        assertThat(out.resolve("dataset.json")).isRegularFile();
        // The Labels tab with the dataset panel and its Export… button, kept for a look (target/labels-tab.png).
        fx(() -> {
            window.side().getSelectionModel().select(window.side().getTabs().stream().filter(t -> t.getText().equals("Labels")).findFirst().orElseThrow());
            var image = window.side().snapshot(null, null);
            java.awt.image.BufferedImage png = new java.awt.image.BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < png.getWidth(); x++) {
                    png.setRGB(x, y, image.getPixelReader().getArgb(x, y));
                }
            }
            javax.imageio.ImageIO.write(png, "png", java.nio.file.Path.of("target", "labels-tab.png").toFile());
            return null;
        });
        assertThat(fx(() -> window.side().lookupAll(".button").stream().anyMatch(n -> "Export…".equals(((javafx.scene.control.Button) n).getText()))))
                .isTrue();
        assertThat(window.labelling().lane().submit(() -> catalog.audit().list(new org.lumen.annotation.catalog.AuditFilter(null, null, null,
                org.lumen.annotation.catalog.AuditAction.EXPORT, 10))).get()).anySatisfy(e -> assertThat(e.detail()).contains("\"format\":\"monai\""));
    }

    @Test
    void theDemoModelFindsANoduleAndAnAcceptedFindingBecomesAMaskAndABoxFromThatFinding(FxRobot robot) throws Exception {
        awaitSettled();
        robot.clickOn(active()).press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        var result = fx(() -> window.ai().result());
        assertThat(result.findings()).isNotEmpty();
        assertThat(result.device().id()).isEqualTo("cpu");
        var top = result.findings().getFirst();
        Nodule nearest = phantom.nodules().stream().min(java.util.Comparator.comparingDouble(n -> n.center().distance(top.centerMm())))
                .orElseThrow();
        assertThat(top.centerMm().distance(nearest.center())).as("the top finding sits on a nodule").isLessThan(nearest.diameterMm() / 2);
        assertThat(fx(() -> window.viewports().overlays().of(active().state().volume().plan().seriesUid())))
                .anySatisfy(l -> assertThat(l.isHeatmap()).isTrue());
        // Its box is drawn on the slices the finding spans, round its centre: on the slice nearest the centre, not at the far end.
        var boxes = fx(() -> window.ai().boxes());
        assertThat(boxes.boxes()).hasSize(result.findings().size());
        var plane = fx(() -> active().state().plane());
        var topBox = boxes.box(top.rank());
        int k = topBox.nearestIndex(plane);
        var onPlane = topBox.on(plane, k);
        assertThat(onPlane).isNotNull();
        double[] centre = plane.toPlane(top.centerMm());
        assertThat(centre[0]).isBetween(onPlane.x0(), onPlane.x1());
        assertThat(centre[1]).isBetween(onPlane.y0(), onPlane.y1());
        assertThat(topBox.on(plane, k < plane.count() / 2 ? plane.count() - 1 : 0)).isNull();
        // A volume model's table keeps its columns (size and volume in mm, position in patient mm), none of them cut off.
        fx(() -> {
            window.side().getTabs().stream().filter(t -> t.getText().equals("AI")).findFirst().ifPresent(t -> window.side().select(t));
            return null;
        });
        assertThat(fx(() -> window.findingsPanel().columnTitles())).containsExactly("#", "Score", "Size", "Vol", "Position", "Decision");
        assertThat(WindowTests.findingsTableCutOffs(window)).as("texts cut off in the findings table, or a horizontal scroll bar").isEmpty();

        // Accept it in the panel (the catalog records the run first), then make it a mask.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.labelling().catalog() != null));
        Thread.sleep(500);
        fx(() -> {
            window.findingsPanel().decide(top, org.lumen.aiassist.findings.FindingDecision.ACCEPT);
            window.ai().makeMasks(List.of(top));
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null
                && window.labelling().session().volumesMm3().get(1) > 0));
        double labelled = fx(() -> window.labelling().session().volumesMm3().get(1));
        double truth = 4.0 / 3 * Math.PI * Math.pow(nearest.diameterMm() / 2, 3);
        assertThat(labelled).as("a sphere of the finding's extent around the nodule").isBetween(truth * 0.3, truth * 3);

        // The thresholded heatmap becomes a mask too: every nodule, not only the accepted one.
        fx(() -> {
            window.ai().heatmapToMask(0.5);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session().volumesMm3().get(1) > labelled));

        // Or a box around it, whose revision in the catalog names the finding and run it came from.
        fx(() -> {
            window.ai().makeBoxes(List.of(top));
            return null;
        });
        var session = fx(() -> window.labelling().session());
        var box = (org.lumen.annotation.edit.BoxLabel) fx(() -> session.objects().vectorLabels().getFirst());
        assertThat(box.contains(nearest.center())).isTrue();
        assertThat(box.depthMm()).isPositive();
        var catalog = fx(() -> window.labelling().catalog());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() ->
                catalog.annotations().loadCase(session.seriesUid()).stream().filter(a -> a.head() != null)
                        .anyMatch(a -> a.head().payload() instanceof org.lumen.annotation.catalog.VectorPayload
                                && a.head().info().origin() instanceof org.lumen.annotation.catalog.Origin.FromAiFinding)).get());

        // The audit trail says who opened the series, which AI output they were shown, and what they decided.
        String series = session.seriesUid();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.labelling().lane().submit(() -> {
            var actions = catalog.audit().list(new org.lumen.annotation.catalog.AuditFilter(null, null, null, null, 10_000)).stream()
                    .filter(e -> series.equals(e.seriesUid())).map(org.lumen.annotation.catalog.AuditEntry::action).toList();
            return actions.containsAll(List.of("study-opened", "ai-run", "ai-shown", "finding-decided", "label-revised"));
        }).get());
        assertThat(window.labelling().lane().submit(() -> catalog.audit().verify().intact()).get()).isTrue();
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
        assertThat(fx(() -> window.viewports().planeTool())).isNull();

        // Review-only viewing: the selected annotation drawn over the series, outlined, until unticked.
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#review-show");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.viewports().overlays().of(series).stream()
                .anyMatch(l -> l.name().startsWith("Review: annotation " + id))));
        assertThat(fx(() -> window.viewports().overlays().of(series).stream().filter(l -> l.name().startsWith("Review:"))
                .findFirst().orElseThrow().labelStyle().outline())).isTrue();
        Shots.take(window.scene(), root, "review-tab-showing-an-annotation");
        robot.clickOn("#review-show");
        assertThat(fx(() -> window.viewports().overlays().of(series).stream().noneMatch(l -> l.name().startsWith("Review:")))).isTrue();
    }

    @Test
    void theTagBrowserShowsTheActiveImageAndFindsATag(FxRobot robot) throws Exception {
        awaitSettled();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.side().tags().shownRows().isEmpty()));
        fx(() -> {
            window.side().tags().setSearchText("PatientName");
            return null;
        });
        List<String> shown = fx(() -> window.side().tags().shownRows().stream().map(n -> n.keyword() + "=" + n.value()).toList());
        assertThat(shown).contains("PatientName=PHANTOM^CHEST");
    }

    @Test
    void readsHounsfieldUnitsUnderTheCursor(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        Nodule nodule = phantom.nodules().getFirst();
        int slice = fx(() -> {
            viewport.state().showSlice(viewport.state().plane().nearestIndex(nodule.center()));
            return viewport.state().index();
        });
        robot.moveTo(screenOf(viewport, nodule.center()));
        PixelProbe.Reading reading = fx(() -> window.viewports().readingProperty().get());
        assertThat(reading).isNotNull();
        assertThat(reading.unit()).isEqualTo("HU");
        assertThat(reading.value()).isEqualTo(truth.value(reading.x(), reading.y(), slice));
        assertThat(reading.value()).isEqualTo(nodule.hu());
        assertThat(reading.patient().distance(nodule.center())).isLessThan(SPEC.pixelSpacingMm() * 1.5);
    }

    @Test
    void aFolderWithBrokenFilesListsTheProblemsAndShowsTheGoodSeries(FxRobot robot) throws Exception {
        awaitSettled();
        Path mixed = root.resolve("mixed-" + System.nanoTime());
        Files.createDirectories(mixed);
        for (Path file : phantom.dicomFiles().subList(0, 20)) {
            Files.copy(file, mixed.resolve(file.getFileName()));
        }
        Files.writeString(mixed.resolve("notes.txt"), "not a DICOM file");
        Files.write(mixed.resolve("empty.dcm"), new byte[0]);
        byte[] whole = Files.readAllBytes(phantom.dicomFiles().get(30));
        Files.write(mixed.resolve("truncated.dcm"), java.util.Arrays.copyOf(whole, whole.length / 3));

        fx(() -> {
            window.open(List.of(mixed));
            return null;
        });
        // The FX thread stays free while the folder is indexed and loaded in the background.
        long start = System.nanoTime();
        fx(() -> null);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.index() != null
                && window.index().problems().size() == 3 && window.isSettled()));

        List<String> problems = fx(() -> window.side().problems().getItems().stream().map(p -> p.file() + ": " + p.reason()).toList());
        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("notes.txt"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("empty.dcm"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("truncated.dcm"));
        assertThat(fx(() -> active().state().volume().sliceCount())).isEqualTo(20);
    }

    /** Shows the nodule's slice in the active view and starts labelling its series (Ctrl+Shift+A). */
    private org.lumen.annotation.session.AnnotationSession labelOnTheSliceOf(FxRobot robot, Nodule nodule) throws Exception {
        SliceViewport viewport = active();
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().nearestIndex(nodule.center()));
            return null;
        });
        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null));
        return fx(() -> window.labelling().session());
    }

    /** Where a patient point of the viewport's current plane is on the screen. */
    private static Point2D screenOf(SliceViewport viewport, Vec3 point) throws Exception {
        return fx(() -> {
            double[] p = viewport.state().plane().toPlane(point);
            double[] s = viewport.mapping().pixelCenterToScreen(p[0], p[1]);
            return viewport.localToScreen(s[0], s[1]);
        });
    }

    private static Point2D centreOf(SliceViewport viewport) throws Exception {
        return fx(() -> viewport.localToScreen(viewport.getWidth() / 2, viewport.getHeight() / 2));
    }

}
