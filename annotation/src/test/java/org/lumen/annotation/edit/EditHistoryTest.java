// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class EditHistoryTest {

    private final VolumeGeometry g = TestGrids.axial(64, 64, 24, 0.7, 0.7, 1.5);
    private final ViewPlane stored = ViewPlane.stored(g);

    @Test
    void undoAndRedoRestoreEveryStateExactlyAfterMixedEdits() {
        MaskEditor editor = TestGrids.editor(g);
        short[] hu = new short[64 * 64 * 24];
        for (int v = 0; v < hu.length; v++) {
            hu[v] = (short) ((v * 7919) % 400 - 200);
        }
        VoxelValues values = VoxelValues.ofShorts(64, 64, 24, hu);
        List<LabelMask> states = new ArrayList<>();
        states.add(editor.mask().copy());

        BrushStroke stroke = BrushStroke.begin(editor, stored, 5, Brush.disc(4, PaintRule.paint(1)), null, 10, 10);
        stroke.dragTo(30, 12);
        stroke.dragTo(40, 40);
        stroke.end();
        states.add(editor.mask().copy());
        Brush.sphere(6, PaintRule.paint(2)).dab(editor, stored, 8, 32, 32, null);
        states.add(editor.mask().copy());
        PolygonFill.fill(editor, ViewPlane.of(g, PlaneAxis.ROWS), 32, List.of(new PlanePoint(0, 0), new PlanePoint(63, 2),
                new PlanePoint(30, 23)), PaintRule.paintOnEmpty(3));
        states.add(editor.mask().copy());
        Brush.disc(5, PaintRule.erase(2)).dab(editor, stored, 8, 32, 32, null);
        states.add(editor.mask().copy());
        FloodFill.of(new ValueRange(-200, 0), PaintRule.paint(4)).withConnectivity(Connectivity.FOUR).fill(editor, values, 1, 1, 20);
        states.add(editor.mask().copy());
        Brush.sphere(5, PaintRule.paintOver(6, 1)).withThreshold(new ValueRange(-50, 50)).dab(editor, stored, 5, 20, 11, values);
        states.add(editor.mask().copy());
        Brush.disc(6, PaintRule.paint(1)).dab(editor, stored, 15, 20, 20, null);
        states.add(editor.mask().copy());
        new SliceInterpolator(stored).interpolate(editor, 5, 15, PaintRule.paintOnEmpty(1));
        states.add(editor.mask().copy());

        assertThat(editor.history().undoSteps()).isEqualTo(states.size() - 1);
        for (int s = 1; s < states.size(); s++) {
            assertThat(states.get(s)).as("edit %d changed something", s).isNotEqualTo(states.get(s - 1));
        }
        for (int s = states.size() - 2; s >= 0; s--) {
            assertThat(editor.undo()).isPresent();
            assertThat(editor.mask()).as("after undoing to state %d", s).isEqualTo(states.get(s));
        }
        assertThat(editor.undo()).isEmpty();
        for (int s = 1; s < states.size(); s++) {
            assertThat(editor.redo()).isPresent();
            assertThat(editor.mask()).as("after redoing to state %d", s).isEqualTo(states.get(s));
        }
        assertThat(editor.redo()).isEmpty();
        // Undo half way, then a new edit drops the redo stack.
        editor.undo();
        editor.undo();
        Brush.disc(2, PaintRule.paint(9)).dab(editor, stored, 0, 5, 5, null);
        assertThat(editor.history().canRedo()).isFalse();
        editor.undo();
        assertThat(editor.mask()).isEqualTo(states.get(states.size() - 3));
    }

    @Test
    void aStrokeUndoesAsOneStep() {
        MaskEditor editor = TestGrids.editor(g);
        LabelMask before = editor.mask().copy();
        BrushStroke stroke = BrushStroke.begin(editor, stored, 3, Brush.sphere(3, PaintRule.paint(1)), null, 10, 10);
        for (int x = 11; x < 50; x++) {
            stroke.dragTo(x, 10 + x % 7);
        }
        assertThat(editor.history().undoSteps()).isZero();
        MaskEdit edit = stroke.end().orElseThrow();
        assertThat(edit.name()).isEqualTo("Paint");
        assertThat(editor.history().undoSteps()).isEqualTo(1);
        // Voxels painted by many overlapping dabs are recorded once.
        assertThat(edit.changedVoxels()).isEqualTo(editor.mask().count(1));
        editor.undo();
        assertThat(editor.mask()).isEqualTo(before);
    }

    @Test
    void cancellingAStrokePutsEverythingBackAndRecordsNothing() {
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(3, PaintRule.paint(2)).dab(editor, stored, 2, 20, 20, null);
        LabelMask before = editor.mask().copy();
        BrushStroke stroke = BrushStroke.begin(editor, stored, 2, Brush.disc(5, PaintRule.erase()), null, 20, 20);
        stroke.dragTo(40, 40);
        stroke.cancel();
        assertThat(editor.mask()).isEqualTo(before);
        assertThat(editor.history().undoSteps()).isEqualTo(1);
        assertThatThrownBy(() -> stroke.dragTo(1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStrokeThatChangesNothingIsNotAStep() {
        MaskEditor editor = TestGrids.editor(g);
        BrushStroke.begin(editor, stored, 2, Brush.disc(3, PaintRule.erase()), null, 20, 20).end();
        assertThat(editor.history().canUndo()).isFalse();
    }

    @Test
    void voxelsChangeOnlyInsideAnEdit() {
        MaskEditor editor = TestGrids.editor(g);
        assertThatThrownBy(() -> editor.set(1, 1, 1, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("undone");
        assertThatThrownBy(() -> editor.edit("boom", () -> {
            editor.set(1, 1, 1, 1);
            throw new IllegalStateException("tool failed");
        })).hasMessage("tool failed");
        assertThat(editor.get(1, 1, 1)).isZero();
        assertThat(editor.inStroke()).isFalse();
        assertThat(editor.history().canUndo()).isFalse();
    }

    @Test
    void historyMemoryFollowsTheEditNotTheVolume() {
        VolumeGeometry big = TestGrids.axial(512, 512, 300, 0.7, 0.7, 1);
        MaskEditor editor = TestGrids.editor(big);
        ViewPlane plane = ViewPlane.stored(big);
        MaskEdit small = BrushStroke.begin(editor, plane, 150, Brush.disc(3, PaintRule.paint(1)), null, 256, 256).end().orElseThrow();
        // About 58 voxels: 6 bytes each plus bookkeeping, nowhere near one 256 KiB slice.
        assertThat(small.changedVoxels()).isBetween(50L, 70L);
        assertThat(small.bytes()).isLessThan(6 * small.changedVoxels() + 200);

        MaskEdit sphere = BrushStroke.begin(editor, plane, 150, Brush.sphere(10, PaintRule.paint(2)), null, 256, 256).end().orElseThrow();
        assertThat(sphere.slices().cardinality()).isEqualTo(21);
        assertThat(sphere.bytes()).isLessThan(6 * sphere.changedVoxels() + 21 * 200);

        // Filling most of a slice keeps the slice before and after, still at most 6 bytes per changed voxel.
        editor.edit("fill", () -> {
            byte[] full = new byte[512 * 512];
            java.util.Arrays.fill(full, (byte) 5);
            editor.replaceSlice(10, full);
            return null;
        });
        MaskEdit whole = (MaskEdit) editor.history().nextUndo().orElseThrow();
        assertThat(whole.changedVoxels()).isEqualTo(512 * 512);
        assertThat(whole.bytes()).isBetween(512L * 512, 512L * 512 + 200);
        assertThat(editor.history().bytes()).isEqualTo(small.bytes() + sphere.bytes() + whole.bytes());
        editor.undo();
        assertThat(editor.mask().sliceOrNull(10)).isNull();
    }

    @Test
    void pastTheByteBoundTheOldestStepsAreForgotten() {
        EditHistory history = new EditHistory(10_000, 100);
        MaskEditor editor = new MaskEditor(new LabelMask(64, 64, 24), history);
        for (int n = 0; n < 20; n++) {
            Brush.disc(4, PaintRule.paint(1 + n)).dab(editor, stored, n, 32, 32, null);
        }
        assertThat(history.bytes()).isLessThanOrEqualTo(10_000);
        assertThat(history.undoSteps()).isLessThan(20).isPositive();
        int kept = history.undoSteps();
        for (int n = 0; n < kept; n++) {
            editor.undo();
        }
        // The oldest slices keep their labels: their steps were forgotten, not undone.
        assertThat(editor.get(32, 32, 0)).isEqualTo(1);
        assertThat(editor.get(32, 32, 19)).isZero();

        EditHistory steps = new EditHistory(1L << 30, 3);
        MaskEditor second = new MaskEditor(new LabelMask(64, 64, 24), steps);
        for (int n = 0; n < 5; n++) {
            Brush.disc(4, PaintRule.paint(1)).dab(second, stored, n, 32, 32, null);
        }
        assertThat(steps.undoSteps()).isEqualTo(3);
    }

    @Test
    void theNewestStepIsKeptEvenWhenItAloneIsOverTheBound() {
        EditHistory history = new EditHistory(100, 10);
        MaskEditor editor = new MaskEditor(new LabelMask(64, 64, 24), history);
        Brush.disc(10, PaintRule.paint(1)).dab(editor, stored, 0, 32, 32, null);
        assertThat(history.undoSteps()).isEqualTo(1);
        editor.undo();
        assertThat(editor.mask().labels()).isEmpty();
    }

    @Test
    void listenersHearWhichSlicesChangedAndWhatTheHistoryDid() {
        MaskEditor editor = TestGrids.editor(g);
        List<BitSet> heard = new ArrayList<>();
        List<EditHistory.Action> actions = new ArrayList<>();
        editor.addListener(heard::add);
        editor.history().addListener((action, edit) -> actions.add(action));
        BrushStroke stroke = BrushStroke.begin(editor, stored, 10, Brush.sphere(2, PaintRule.paint(1)), null, 20, 20);
        stroke.dragTo(25, 20);
        stroke.end();
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0).stream().toArray()).containsExactly(9, 10, 11);
        editor.undo();
        editor.redo();
        assertThat(actions).containsExactly(EditHistory.Action.DONE, EditHistory.Action.UNDONE, EditHistory.Action.REDONE);
        assertThat(heard).hasSize(4);
        assertThat(heard.get(3).stream().toArray()).containsExactly(9, 10, 11);
    }

    @Test
    void undoClosesAnOpenStrokeFirst() {
        MaskEditor editor = TestGrids.editor(g);
        BrushStroke.begin(editor, stored, 1, Brush.disc(3, PaintRule.paint(1)), null, 20, 20);
        assertThat(editor.inStroke()).isTrue();
        assertThat(editor.undo()).isPresent();
        assertThat(editor.inStroke()).isFalse();
        assertThat(editor.mask().labels()).isEmpty();
        assertThat(editor.redo()).isPresent();
        assertThat(editor.mask().count(1)).isPositive();
    }

    @Test
    void aDetachedEditorNoLongerHearsTheSharedHistory() {
        EditHistory history = new EditHistory();
        MaskEditor first = new MaskEditor(new LabelMask(64, 64, 24), history);
        List<BitSet> heard = new ArrayList<>();
        first.addListener(heard::add);
        Brush.disc(3, PaintRule.paint(1)).dab(first, stored, 2, 20, 20, null);
        first.detach();
        heard.clear();
        history.undo();
        assertThat(heard).isEmpty();
        assertThat(first.mask().labels()).isEmpty(); // the edit still undoes: it holds its mask
    }
}
