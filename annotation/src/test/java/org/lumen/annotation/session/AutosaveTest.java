// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.edit.Brush;
import org.lumen.annotation.edit.BrushStroke;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.source.FolderSource;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.PixelCache;
import org.lumen.viewer.volume.SeriesLoader;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/** Every finished step is saved, in order, as the mask was after it; a failing save is reported, not lost silently. */
class AutosaveTest {

    private static final List<AnnotationClass> CLASSES = List.of(new AnnotationClass(1, "Nodule", 0xE6194B), new AnnotationClass(2, "Other", 0x3CB44B));
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static Volume volume;

    @BeforeAll
    static void load(@TempDir Path folder) throws Exception {
        Phantoms.writeChestCt(folder, ChestCtSpec.builder().size(Size.of(64, 64, 16)).pixelSpacingMm(2).sliceSpacingMm(2).noduleCount(1).build());
        var index = new Indexer(POOL, 2).index(new FolderSource(folder), TaskContext.none());
        volume = new SeriesLoader(POOL, 2, new PixelCache(64L << 20)).open(new StackPlanner().plan(index.allSeries().getFirst()));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void eachStrokeAndUndoSavesTheMaskAsItWasThen() throws Exception {
        AnnotationSession session = AnnotationSession.blank(volume, CLASSES);
        // The saver rebuilds the mask from the slices it is given, as the catalog does.
        LabelMask stored = new LabelMask(volume.geometry().columns(), volume.geometry().rows(), volume.geometry().slices());
        List<LabelMask> saved = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<Integer> slicesPerSave = new ArrayList<>();
        Autosave autosave = new Autosave(session, new MaskSaver() {
            @Override
            public long saveMaskSlices(java.util.Map<Integer, org.lumen.annotation.mask.SliceRuns> changed, String step, org.lumen.annotation.catalog.Origin origin) {
                changed.forEach((k, runs) -> stored.replaceSlice(k, runs.toPlane()));
                saved.add(stored.copy());
                steps.add(step);
                slicesPerSave.add(changed.size());
                return saved.size();
            }

            @Override
            public long saveObjects(List<org.lumen.annotation.edit.ObjectLabel> labels, String step, org.lumen.annotation.catalog.Origin origin) {
                throw new AssertionError("no object labels here");
            }
        }, Runnable::run, Runnable::run);
        List<Long> acknowledged = new ArrayList<>();
        autosave.addListener(new Autosave.Listener() {
            @Override public void saved(long revisionId, long generation) { acknowledged.add(revisionId); }
            @Override public void failed(String sentence, long generation) { throw new AssertionError(sentence); }
        });

        ViewPlane axial = ViewPlane.stored(volume.geometry());
        BrushStroke stroke = BrushStroke.begin(session.editor(), axial, 8, Brush.disc(4, PaintRule.paint(1)), session.values(), 20, 20);
        stroke.dragTo(30, 22);
        stroke.end();
        LabelMask afterStroke = session.mask().copy();
        session.setActiveLabel(2);
        Brush.sphere(3, PaintRule.paint(2)).dab(session.editor(), axial, 8, 40, 40, session.values());
        session.editor().undo();

        assertThat(acknowledged).containsExactly(1L, 2L, 3L);
        assertThat(steps.get(0)).startsWith("done");
        assertThat(steps.get(2)).startsWith("undone");
        assertThat(saved.get(0)).isEqualTo(afterStroke);
        assertThat(saved.get(1).labels()).containsExactly(1, 2);
        assertThat(saved.get(2)).isEqualTo(afterStroke);
        assertThat(slicesPerSave.get(0)).as("a disc stroke on one plane changes one slice").isEqualTo(1);
        assertThat(session.volumesMm3().get(1)).isPositive();
        assertThat(session.volumesMm3().get(2)).isZero();
    }

    @Test
    void aFailingSaveIsReportedWithASentence() {
        AnnotationSession session = AnnotationSession.blank(volume, CLASSES);
        Autosave autosave = new Autosave(session, new MaskSaver() {
            @Override
            public long saveMaskSlices(java.util.Map<Integer, org.lumen.annotation.mask.SliceRuns> changed, String step, org.lumen.annotation.catalog.Origin origin)
                    throws java.io.IOException {
                throw new java.io.IOException("the catalog is read-only");
            }

            @Override
            public long saveObjects(List<org.lumen.annotation.edit.ObjectLabel> labels, String step, org.lumen.annotation.catalog.Origin origin) {
                return 0;
            }
        }, Runnable::run, Runnable::run);
        List<String> failures = new ArrayList<>();
        autosave.addListener(new Autosave.Listener() {
            @Override public void saved(long revisionId, long generation) { }
            @Override public void failed(String sentence, long generation) { failures.add(sentence); }
        });
        Brush.disc(2, PaintRule.paint(1)).dab(session.editor(), ViewPlane.stored(volume.geometry()), 3, 10, 10, session.values());
        assertThat(failures).singleElement().asString().contains("could not save the labels").contains("read-only");
    }

    @Test
    void aMaskOfAnotherGridOrNoClassesIsRefused() {
        assertThatThrownBy(() -> new AnnotationSession(volume, new LabelMask(10, 10, 10), CLASSES))
                .hasMessageContaining("not the series'");
        assertThatThrownBy(() -> AnnotationSession.blank(volume, List.of())).hasMessageContaining("at least one class");
        assertThatThrownBy(() -> AnnotationSession.blank(volume, CLASSES).setActiveLabel(9)).hasMessageContaining("no class has label 9");
    }
}
