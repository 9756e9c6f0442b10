// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.gui;

import static org.lumen.app.gui.WindowTests.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lumen.app.settings.RecentStudies;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.measure.LengthMeasurement;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.ui.SliceViewport;
import org.lumen.viewer.ui.ViewportGrid;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One patient context at a time, or several clearly separated: two generated studies of different
 * patients (a chest CT, PHANTOM^CHEST / LUMEN-PHANTOM-101, and a head MR, PHANTOM^HEAD /
 * LUMEN-PHANTOM-202). With a measurement, an AI result, a label and the review case on the first,
 * opening the second leaves no widget showing the first patient's data; measurements come back from
 * the catalog when the study is opened again; two patients side by side each have their named header;
 * Close study leaves nothing; a path that does not exist and a folder without images say so.
 */
class StudyContextWindowTest extends RealWindowTest {

    // 128 x 2.2 mm = 282 mm across: wide enough for a chest, so the demo model runs without asking (ADR 0012).
    private static final ChestCtSpec CHEST = ChestCtSpec.builder().seed(101).size(Size.of(128, 128, 40)).pixelSpacingMm(2.2)
            .sliceSpacingMm(2.5).noduleCount(2).noduleDiameterMm(18, 24).build();
    private static final HeadMrSpec HEAD = HeadMrSpec.builder().seed(202).size(Size.of(96, 96, 24)).build();
    private static final String CHEST_NAME = "PHANTOM^CHEST";
    private static final String CHEST_ID = "LUMEN-PHANTOM-101";
    private static final String HEAD_NAME = "PHANTOM^HEAD";
    private static final String HEAD_ID = "LUMEN-PHANTOM-202";
    private static PhantomResult chest;
    private static PhantomResult head;

    private UserDataFolder data;

    @BeforeAll
    static void generate() throws IOException {
        chest = Phantoms.writeChestCt(root.resolve("both").resolve("chest"), CHEST);
        head = Phantoms.writeMrSeries(root.resolve("both").resolve("head"), HEAD);
    }

    @Start
    void start(Stage ignored) throws IOException {
        data = WindowTests.newHome(root);
        window = WindowTests.open(pools, data, 256L << 20, chest.directory());
    }

    @Test
    void openingAnotherPatientLeavesNothingOfTheFirstAndItsMeasurementComesBackFromTheCatalog(FxRobot robot) throws Exception {
        awaitSettled();
        SliceViewport viewport = active();
        String chestSeries = fx(() -> viewport.state().volume().plan().seriesUid());
        Nodule nodule = chest.nodules().getFirst();
        fx(() -> {
            viewport.state().showSlice(viewport.state().plane().nearestIndex(nodule.center()));
            return null;
        });
        // A measurement across the nodule, drawn with the length tool.
        double r = nodule.diameterMm() / 2;
        robot.clickOn(viewport).type(KeyCode.M);
        robot.drag(screenOf(viewport, nodule.center().minus(new Vec3(r, 0, 0))), MouseButton.PRIMARY)
                .dropTo(screenOf(viewport, nodule.center().plus(new Vec3(r, 0, 0))));
        Measurement drawn = fx(() -> window.viewports().measurements().all().getFirst());
        assertThat(fx(() -> window.side().measurements().getItems())).containsExactly(drawn);
        assertThat(fx(() -> window.side().measurementsCaption())).contains(CHEST_NAME, CHEST_ID);
        assertThat(fx(() -> window.side().measurements().describe(drawn))).contains("Length", "mm", "Series 1 CT Chest CT phantom");

        // The demo model's result, a point label, the review case: all on the chest CT.
        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> window.ai().result() != null));
        assertThat(fx(() -> window.findingsPanel().findings())).isNotEmpty();
        assertThat(fx(window::aiCaption)).contains(CHEST_NAME);
        robot.clickOn(viewport).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.labelling().session() != null));
        robot.clickOn(viewport).type(KeyCode.N);
        robot.moveTo(screenOf(viewport, nodule.center())).clickOn(MouseButton.PRIMARY);
        assertThat(fx(() -> window.labelling().session().objects().vectorLabels())).isNotEmpty();
        fx(() -> {
            window.reviewCase();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.review().panel().shown() != null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.side().tags().shownRows().isEmpty()));
        assertThat(textsOnEveryTab()).anySatisfy(t -> assertThat(t).contains(CHEST_ID));

        // Open the head MR: at once, before it is read, nothing of the chest CT is left in any widget.
        fx(() -> {
            window.open(List.of(head.directory()));
            assertThat(window.viewports().onScreen()).isEmpty();
            assertThat(window.grid().slotText(0)).startsWith("Opening ");
            assertThat(window.side().tags().shownRows()).isEmpty();
            assertThat(window.side().measurements().getItems()).isEmpty();
            assertThat(window.viewports().measurements().all()).isEmpty();
            assertThat(window.findingsPanel().findings()).isEmpty();
            assertThat(window.aiCaption()).isEmpty();
            assertThat(window.labelling().session()).isNull();
            assertThat(window.review().panel().shown()).isNull();
            assertThat(window.viewports().overlays().of(chestSeries)).isEmpty();
            return null;
        });
        assertNothingOf(CHEST_NAME, CHEST_ID);

        awaitSettled();
        assertThat(fx(() -> window.grid().slotText(0))).contains(HEAD_NAME, HEAD_ID);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.side().tags().shownRows().isEmpty()));
        fx(() -> {
            window.side().tags().setSearchText("PatientID");
            return null;
        });
        assertThat(fx(() -> window.side().tags().shownRows().stream().map(n -> n.value()).toList())).contains(HEAD_ID);
        fx(() -> {
            window.side().tags().setSearchText("");
            return null;
        });
        assertThat(fx(() -> window.side().measurements().getItems())).isEmpty();
        assertThat(fx(() -> window.side().measurementsCaption())).contains(HEAD_NAME);
        assertThat(fx(() -> window.findingsPanel().findings())).isEmpty();
        assertThat(fx(() -> window.labelling().session())).isNull();
        WaitForAsyncUtils.waitForFxEvents();
        String headSeries = fx(() -> active().state().volume().plan().seriesUid());
        assertThat(fx(() -> window.review().panel().shown())).satisfiesAnyOf(s -> assertThat(s).isNull(),
                s -> assertThat(s.seriesUid()).isEqualTo(headSeries));
        assertNothingOf(CHEST_NAME, CHEST_ID);

        // The chest CT again: its measurement comes back from the catalog, listed with its series.
        fx(() -> {
            window.open(List.of(chest.directory()));
            return null;
        });
        awaitSettled();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.side().measurements().getItems().size() == 1));
        Measurement restored = fx(() -> window.side().measurements().getItems().getFirst());
        assertThat(restored).isEqualTo(drawn);
        assertThat(fx(() -> window.side().measurements().describe(restored))).contains("Series 1 CT Chest CT phantom");
        var saved = window.labelling().lane().submit(() -> window.labelling().catalog().measurements().ofSeries(chestSeries))
                .get(20, TimeUnit.SECONDS);
        assertThat(saved).singleElement().satisfies(s -> assertThat(s.studyUid())
                .isEqualTo(fx(() -> active().state().volume().frame(0).instance().study().studyInstanceUid())));
        assertNothingOf(HEAD_NAME, HEAD_ID);
    }

    @Test
    void twoPatientsSideBySideAreNamedAndCloseStudyLeavesNothing(FxRobot robot) throws Exception {
        awaitSettled();
        fx(() -> {
            window.open(List.of(root.resolve("both")));
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.index() != null && window.index().studies().size() == 2
                && window.isSettled()));
        fx(() -> {
            window.setLayout(ViewportGrid.Layout.SIDE_BY_SIDE);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.viewports().onScreen().size() == 2 && window.isSettled()));
        List<String> headers = fx(() -> List.of(window.grid().slotText(0), window.grid().slotText(1)));
        assertThat(headers).anySatisfy(h -> assertThat(h).contains(CHEST_NAME, CHEST_ID))
                .anySatisfy(h -> assertThat(h).contains(HEAD_NAME, HEAD_ID));
        assertThat(fx(() -> window.grid().lookupAll(".viewport-patient").stream()
                .filter(n -> n.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("several-patients"))).count()))
                .isEqualTo(2);

        // A measurement on each; the list shows only the active view's study.
        List<SliceViewport> views = fx(() -> List.copyOf(window.viewports().onScreen()));
        for (SliceViewport v : views) {
            fx(() -> {
                var plane = v.state().plane();
                Vec3 c = plane.center(v.state().index());
                window.viewports().measurements().add(LengthMeasurement.of(v.state().volume().frame(0).instance().series().frameOfReferenceUid(),
                        v.state().volume().plan().seriesUid(), c, c.plus(plane.right().times(20))));
                return null;
            });
        }
        SliceViewport headView = fx(() -> views.stream().filter(v -> v.state().volume().frame(0).instance().patient().id().equals(HEAD_ID))
                .findFirst().orElseThrow());
        String headSeries = fx(() -> headView.state().volume().plan().seriesUid());
        robot.clickOn(headView);
        assertThat(fx(() -> window.side().measurements().getItems())).singleElement()
                .satisfies(m -> assertThat(m.seriesInstanceUid()).isEqualTo(headSeries));
        assertThat(fx(() -> window.side().measurementsCaption())).contains(HEAD_NAME).doesNotContain(CHEST_NAME);

        // Close study (Ctrl+W) on the head MR: the chest CT stays, alone.
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        assertThat(fx(() -> window.viewports().onScreen())).hasSize(1);
        assertThat(fx(() -> window.viewports().measurements().all())).singleElement()
                .satisfies(m -> assertThat(m.seriesInstanceUid()).isNotEqualTo(headSeries));
        assertThat(fx(() -> window.side().measurementsCaption())).contains(CHEST_NAME);
        assertThat(fx(() -> window.side().measurements().getItems())).hasSize(1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.side().tags().shownRows().isEmpty()));
        // Closing the last study leaves nothing of either patient anywhere.
        robot.clickOn(active()).press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        fx(() -> {
            assertThat(window.viewports().onScreen()).isEmpty();
            assertThat(window.index()).isNull();
            assertThat(window.viewports().measurements().all()).isEmpty();
            assertThat(window.side().tags().shownRows()).isEmpty();
            assertThat(window.findingsPanel().findings()).isEmpty();
            assertThat(window.labelling().session()).isNull();
            assertThat(window.grid().slotText(0)).startsWith("No study is open.");
            return null;
        });
        assertNothingOf(CHEST_NAME, CHEST_ID);
        assertNothingOf(HEAD_NAME, HEAD_ID);
        // The measurements are still in the catalog.
        assertThat(window.labelling().lane().submit(() -> window.labelling().catalog().measurements().ofSeries(headSeries))
                .get(20, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void aPathThatDoesNotExistOrAFolderWithoutImagesSaysSoAndIsNotRecent() throws Exception {
        awaitSettled();
        Path missing = root.resolve("nonexistent").resolve("study");
        fx(() -> {
            window.open(List.of(missing));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        String sentence = "Cannot open " + missing + ": there is no such file or folder.";
        assertThat(fx(() -> window.grid().slotText(0))).isEqualTo(sentence);
        assertThat(fx(() -> window.status().getText())).isEqualTo(sentence);
        assertThat(fx(() -> ((javafx.scene.control.Label) window.side().problems().getPlaceholder()).getText())).isEqualTo(sentence);
        assertThat(fx(() -> window.viewports().onScreen())).isEmpty();
        assertNothingOf(CHEST_NAME, CHEST_ID);
        assertThat(RecentStudies.load(data).entries()).extracting(RecentStudies.Entry::path).doesNotContain(missing.toAbsolutePath());

        // An empty folder: read, but nothing in it.
        Path empty = Files.createDirectories(root.resolve("empty-" + System.nanoTime()));
        fx(() -> {
            window.open(List.of(empty));
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.grid().slotText(0).contains("holds no DICOM objects")));
        assertThat(RecentStudies.load(data).entries()).extracting(RecentStudies.Entry::path).doesNotContain(empty.toAbsolutePath());

        // Objects without images (an SR and an RT plan, read in place from the sample corpus): said, not shown.
        Path samples = Path.of(System.getProperty("lumen.samples", "../../shared/dicom-samples"));
        List<Path> noImages = List.of(samples.resolve("seg_sr_rt/reportsi.dcm"), samples.resolve("seg_sr_rt/rtplan.dcm"));
        fx(() -> {
            window.open(noImages);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.index() != null));
        assertThat(fx(() -> window.grid().slotText(0))).startsWith("No images here: 2 series of other objects");
        assertThat(fx(() -> window.viewports().onScreen())).isEmpty();
        assertThat(fx(() -> window.side().tags().shownRows())).isEmpty();
        assertNothingOf(CHEST_NAME, CHEST_ID);
    }

    @Test
    void aLongStatusNoteIsCutWithAnEllipsisAndKeepsTheOtherItemsInSight() throws Exception {
        awaitSettled();
        String longNote = "gantry tilt 18.5°; irregular spacing: 4.0 mm for 14 slices then 7.0 mm; ".repeat(8);
        fx(() -> {
            window.status().showSeriesNotes(longNote);
            window.status().showMessage("A long sentence about what happened while opening the study ".repeat(6));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label notes = fx(() -> (javafx.scene.control.Label) window.status().lookup(".status-notes"));
        javafx.scene.control.Label memory = fx(() -> (javafx.scene.control.Label) window.status().lookup(".status-memory"));
        double barRight = fx(() -> window.status().localToScene(window.status().getBoundsInLocal()).getMaxX());
        assertThat(fx(() -> memory.localToScene(memory.getBoundsInLocal()).getMaxX())).isLessThanOrEqualTo(barRight + 0.5);
        assertThat(fx(() -> memory.getWidth())).isGreaterThan(50);
        assertThat(fx(() -> notes.getWidth())).isLessThan(400);
        assertThat(fx(() -> notes.getTooltip().getText())).isEqualTo(longNote);
    }

    /** Every text the window shows, tab by tab of the side panel, contains neither the patient's name nor ID. */
    private void assertNothingOf(String name, String id) throws Exception {
        assertThat(textsOnEveryTab()).noneSatisfy(t -> assertThat(t).containsAnyOf(name, id));
    }

    /** The visible texts of the window with each side-panel tab in front in turn. */
    private List<String> textsOnEveryTab() throws Exception {
        List<String> texts = new ArrayList<>();
        Tab before = fx(() -> window.side().getSelectionModel().getSelectedItem());
        for (Tab tab : fx(() -> List.copyOf(window.side().getTabs()))) {
            fx(() -> {
                window.side().getSelectionModel().select(tab);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            texts.addAll(fx(() -> {
                List<String> out = new ArrayList<>();
                collect(window.scene().getRoot(), out);
                return out;
            }));
        }
        fx(() -> {
            window.side().getSelectionModel().select(before);
            return null;
        });
        return texts;
    }

    private static void collect(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Text t && t.getText() != null) {
            out.add(t.getText());
        }
        if (node instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (node instanceof TextInputControl t && t.getText() != null) {
            out.add(t.getText());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private static Point2D screenOf(SliceViewport viewport, Vec3 point) throws Exception {
        return fx(() -> {
            double[] p = viewport.state().plane().toPlane(point);
            double[] s = viewport.mapping().pixelCenterToScreen(p[0], p[1]);
            return viewport.localToScreen(s[0], s[1]);
        });
    }

}
