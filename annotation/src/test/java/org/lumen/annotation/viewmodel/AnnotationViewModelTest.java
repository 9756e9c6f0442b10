// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.edit.ValueRange;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.annotation.session.CatalogSaver;
import org.lumen.annotation.session.LabellingStart;
import org.lumen.annotation.viewmodel.AnnotationViewModel.Tool;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * The Labels panel's logic without the window, on a labelling session started from a real catalog
 * as the window starts it (the default dataset's classes, every step saved by the catalog saver).
 */
class AnnotationViewModelTest {

    private static final Executor NOW = Runnable::run;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Volume volume;
    private static org.lumen.viewer.index.DicomIndex index;

    @TempDir
    Path dir;

    private Catalog catalog;
    private final AnnotationViewModel model = new AnnotationViewModel();
    private final List<String> heard = new ArrayList<>();

    @BeforeAll
    static void load(@TempDir Path folder) throws Exception {
        Phantoms.writeChestCt(folder, ChestCtSpec.builder().size(Size.of(32, 32, 8)).pixelSpacingMm(2).sliceSpacingMm(2).noduleCount(1).build());
        index = new Indexer(POOL, 2).index(new FolderSource(folder), TaskContext.none());
        volume = new SeriesLoader(POOL, 2, new PixelCache(16L << 20)).open(new StackPlanner().plan(index.allSeries().getFirst()));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        catalog.studies().upsert(index, "test");
        model.addListener(new AnnotationViewModel.Listener() {
            @Override public void sessionChanged() { heard.add("session"); }

            @Override public void settingsChanged() { heard.add("settings"); }

            @Override public void historyChanged() { heard.add("history"); }

            @Override public void saveStateChanged() { heard.add("saved"); }

            @Override public void messageChanged() { heard.add("message"); }

            @Override public void toolChanged() { heard.add("tool"); }
        });
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** A session as the window begins it: the catalog's start, its classes, its lock, saved step by step. */
    private AnnotationSession start() {
        LabellingStart start = LabellingStart.prepare(catalog, "ann", null, "Default", volume.plan().seriesUid(), volume.geometry());
        AnnotationSession session = AnnotationSession.blank(volume, start.classes());
        session.setClassificationNames(start.classifications());
        session.setLockedReason(start.lockedReason());
        model.setSession(session, new Autosave(session, new CatalogSaver(catalog, start), NOW, NOW));
        return session;
    }

    @Test
    void withoutASessionNothingIsOffered() {
        model.setSession(null, null);
        assertThat(model.active()).isFalse();
        assertThat(model.editable()).isFalse();
        assertThat(model.title()).isEqualTo("No series is being annotated. Annotate ▸ Start labelling (Ctrl+Shift+A).");
        assertThat(model.classes()).isEmpty();
        assertThat(model.volumes()).isEmpty();
        model.chooseTool(Tool.BRUSH);
        assertThat(model.tool()).isNull();
        assertThat(model.undoText()).isEqualTo("Undo");
    }

    @Test
    void aSessionShowsItsClassesSettingsAndNothingToUndo() {
        AnnotationSession session = start();

        assertThat(heard).containsExactly("session");
        assertThat(model.title()).isEqualTo("Labelling " + volume.plan().seriesUid());
        assertThat(model.editable()).isTrue();
        assertThat(model.classes()).isEqualTo(session.classes());
        assertThat(model.activeClass()).contains(session.classes().getFirst());
        assertThat(model.classText(session.classes().get(1))).isEqualTo(session.classes().get(1).name() + "   Alt+2");
        assertThat(model.rangeLow()).isEqualTo("-100");
        assertThat(model.rangeHigh()).isEqualTo("200");
        assertThat(model.brushRadiusMm()).isEqualTo(3);
        assertThat(model.opacity()).isEqualTo(0.45);
        assertThat(model.canUndo()).isFalse();
        assertThat(model.classificationNames()).isEqualTo(session.classificationNames()).isNotEmpty();
        assertThat(model.seriesClassification()).isNull();
    }

    @Test
    void aStrokeIsSavedAndUndoneAndTheVolumesFollow() {
        AnnotationSession session = start();
        session.editor().beginStroke("brush stroke");
        for (int i = 10; i < 14; i++) {
            session.editor().paint(i, 10, 3, PaintRule.paint(session.activeLabel()));
        }
        session.editor().endStroke();

        assertThat(heard).contains("history", "saved");
        assertThat(model.saveState().failed()).isFalse();
        assertThat(model.saveState().text()).matches("Saved \\(revision \\d+\\)");
        assertThat(model.canUndo()).isTrue();
        assertThat(model.undoText()).isEqualTo("Undo brush stroke");
        // 2 mm pixels, 2 mm slices: four voxels of 8 mm³.
        assertThat(model.volumes().lines()).contains(session.classes().getFirst().name() + ": 32 mm³");
        Long head = catalog.annotations().annotations(volume.plan().seriesUid()).stream()
                .filter(a -> a.kind() == AnnotationKind.MASK).findFirst().orElseThrow().headRevisionId();
        assertThat(model.saveState().text()).as("the stroke is the mask's newest revision").isEqualTo("Saved (revision " + head + ")");

        model.undo();
        assertThat(model.canUndo()).isFalse();
        assertThat(model.canRedo()).isTrue();
        assertThat(session.mask().get(10, 10, 3)).isZero();
        model.redo();
        assertThat(session.mask().get(10, 10, 3)).isEqualTo(session.activeLabel());
    }

    @Test
    void classesAndBrushFollowTheKeys() {
        AnnotationSession session = start();
        model.selectClassAt(1);
        assertThat(model.activeClass()).contains(session.classes().get(1));
        model.selectClassAt(42);
        assertThat(model.activeClass()).as("past the end: ignored").contains(session.classes().get(1));
        model.selectClass(session.classes().getFirst());
        assertThat(session.activeLabel()).isEqualTo(session.classes().getFirst().label());

        model.biggerBrush();
        assertThat(model.brushRadiusMm()).isEqualTo(3 * 1.25);
        model.smallerBrush();
        model.smallerBrush();
        assertThat(model.brushRadiusMm()).isEqualTo(3 / 1.25, org.assertj.core.api.Assertions.within(1e-9));
        model.setSphereBrush(true);
        assertThat(model.sphereBrush()).isTrue();
        assertThat(heard).filteredOn("settings"::equals).hasSize(6);

        AnnotationClass second = session.classes().get(1);
        model.setClassVisible(second.label(), false);
        assertThat(model.classVisible(second.label())).isFalse();
        assertThat(session.layer().labelStyle().hidden()).containsExactly(second.label());
        model.setOpacity(0.8);
        model.setOutline(true);
        assertThat(model.opacity()).isEqualTo(0.8);
        assertThat(model.outline()).isTrue();
    }

    @Test
    void theHuRangeTakesTwoNumbersInEitherOrder() {
        AnnotationSession session = start();
        model.applyRange(" 300", "-50 ");
        assertThat(session.thresholdRange()).isEqualTo(new ValueRange(-50, 300));
        assertThat(model.rangeLow()).isEqualTo("-50");
        model.applyRange("2.5", "x");
        assertThat(model.message()).isEqualTo("The HU range needs two numbers, e.g. -100 and 200.");
        assertThat(session.thresholdRange()).isEqualTo(new ValueRange(-50, 300));
        model.applyRange("0", "100");
        assertThat(model.message()).isEmpty();
    }

    @Test
    void interpolationFillsBetweenLabelledPlanesOrSaysWhyNot() {
        AnnotationSession session = start();
        model.interpolate(null, null);
        assertThat(model.message()).isEqualTo("Nothing to interpolate: label at least two separate axial planes of the active class first.");

        int label = session.activeLabel();
        for (int k : new int[] {1, 5}) {
            session.editor().beginStroke("brush stroke");
            for (int j = 10; j < 13; j++) {
                for (int i = 10; i < 13; i++) {
                    session.editor().paint(i, j, k, PaintRule.paint(label));
                }
            }
            session.editor().endStroke();
        }
        // The active view shows another series' volume: the stored slices are used, not its plane.
        model.interpolate(null, ViewPlane.of(volume.geometry(), PlaneAxis.ROWS));
        assertThat(model.message()).isEqualTo("Interpolated 27 voxels.");
        assertThat(session.mask().get(11, 11, 3)).isEqualTo(label);
    }

    @Test
    void theSeriesClassificationIsGivenThenReplaced() {
        AnnotationSession session = start();
        List<String> names = model.classificationNames();
        model.classify(names.getFirst());
        model.classify(names.getLast());

        assertThat(model.seriesClassification()).isEqualTo(names.getLast());
        assertThat(session.objects().classifications()).filteredOn(ClassificationLabel::isSeriesLevel).hasSize(1);
    }

    @Test
    void aLockedSessionOffersNoToolAndSaysWhy() {
        start();
        catalog.annotations().annotations(volume.plan().seriesUid()).forEach(a -> {
            long ann = catalog.people().byName("ann").orElseThrow().id();
            catalog.reviews().moveAnnotation(a.id(), ReviewState.SUBMITTED, ann, null);
        });
        AnnotationSession locked = start();

        assertThat(locked.lockedReason()).isNotNull();
        assertThat(model.editable()).isFalse();
        assertThat(model.message()).isEqualTo(locked.lockedReason());
        model.chooseTool(Tool.FILL);
        assertThat(model.tool()).isNull();
        model.classify(model.classificationNames().getFirst());
        assertThat(model.seriesClassification()).isNull();
    }

    @Test
    void aToolIsChosenOnceAndANewSessionPutsItDown() {
        start();
        model.chooseTool(Tool.CONTOUR);
        model.chooseTool(Tool.CONTOUR);
        assertThat(model.tool()).isEqualTo(Tool.CONTOUR);
        assertThat(heard).filteredOn("tool"::equals).hasSize(1);
        model.setSession(null, null);
        assertThat(model.tool()).isNull();
    }
}
