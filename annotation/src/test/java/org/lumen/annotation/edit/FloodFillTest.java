// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class FloodFillTest {

    private static final ValueRange BRIGHT = new ValueRange(50, 150);

    /** A 30x30x10 volume of -800 with a bright 10x8x4 block at (5..14, 6..13, 3..6) and a bright voxel diagonal to it. */
    private final VolumeGeometry g = TestGrids.axial(30, 30, 10, 1, 1, 2);
    private final short[] hu = new short[30 * 30 * 10];
    private final VoxelValues values = VoxelValues.ofShorts(30, 30, 10, hu);

    FloodFillTest() {
        java.util.Arrays.fill(hu, (short) -800);
        for (int k = 3; k <= 6; k++) {
            for (int j = 6; j <= 13; j++) {
                for (int i = 5; i <= 14; i++) {
                    hu[i + 30 * (j + 30 * k)] = 100;
                }
            }
        }
        hu[15 + 30 * (14 + 30 * 7)] = 100; // touches the block's corner only
    }

    @Test
    void threeDimensionalFillStopsAtTheEdgesOfTheRange() {
        MaskEditor editor = TestGrids.editor(g);
        FloodResult result = FloodFill.of(BRIGHT, PaintRule.paint(1)).fill(editor, values, 8, 8, 4);
        assertThat(result.outcome()).isEqualTo(FloodResult.Outcome.FILLED);
        assertThat(result.regionVoxels()).isEqualTo(320);
        assertThat(result.changedVoxels()).isEqualTo(320);
        assertThat(editor.mask().count(1)).isEqualTo(320);
        assertThat(editor.get(15, 14, 7)).isZero();
        assertThat(editor.history().undoSteps()).isEqualTo(1);
    }

    @Test
    void twentySixConnectivityReachesTheCornerNeighbour() {
        MaskEditor editor = TestGrids.editor(g);
        FloodResult result = FloodFill.of(BRIGHT, PaintRule.paint(1)).withConnectivity(Connectivity.TWENTY_SIX)
                .fill(editor, values, 8, 8, 4);
        assertThat(result.regionVoxels()).isEqualTo(321);
        assertThat(editor.get(15, 14, 7)).isEqualTo(1);
    }

    @Test
    void fillOnAStoredSliceStaysInIt() {
        MaskEditor editor = TestGrids.editor(g);
        FloodResult result = FloodFill.of(BRIGHT, PaintRule.paint(2)).fillOnPlane(editor, values, ViewPlane.stored(g), 4, 8, 8);
        assertThat(result.regionVoxels()).isEqualTo(80);
        assertThat(editor.mask().labelledSlices().stream().toArray()).containsExactly(4);
    }

    @Test
    void fillOnACoronalReformatStaysInItsRow() {
        MaskEditor editor = TestGrids.editor(g);
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        double[] seed = coronal.toPlane(g.toPatient(8, 8, 4));
        FloodResult result = FloodFill.of(BRIGHT, PaintRule.paint(2)).fillOnPlane(editor, values, coronal, 8, seed[0], seed[1]);
        assertThat(result.regionVoxels()).isEqualTo(40); // 10 columns x 4 slices
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 30; j++) {
                for (int i = 0; i < 30; i++) {
                    if (editor.get(i, j, k) != 0) {
                        assertThat(j).isEqualTo(8);
                    }
                }
            }
        }
    }

    @Test
    void regionPastTheBoundPaintsNothingAndSaysSo() {
        MaskEditor editor = TestGrids.editor(g);
        FloodResult result = FloodFill.of(new ValueRange(-1000, 0), PaintRule.paint(1)).withMaxVoxels(1000).fill(editor, values, 0, 0, 0);
        assertThat(result.outcome()).isEqualTo(FloodResult.Outcome.LIMIT_REACHED);
        assertThat(result.filled()).isFalse();
        assertThat(result.changedVoxels()).isZero();
        assertThat(result.message()).contains("past 1000 voxels");
        assertThat(editor.mask().labels()).isEmpty();
        assertThat(editor.history().canUndo()).isFalse();
        // Exactly at the bound is still fine.
        FloodResult exact = FloodFill.of(BRIGHT, PaintRule.paint(1)).withMaxVoxels(320).fill(editor, values, 8, 8, 4);
        assertThat(exact.filled()).isTrue();
        FloodResult over = FloodFill.of(BRIGHT, PaintRule.paint(3)).withMaxVoxels(319).fill(TestGrids.editor(g), values, 8, 8, 4);
        assertThat(over.outcome()).isEqualTo(FloodResult.Outcome.LIMIT_REACHED);
    }

    @Test
    void seedOutsideTheRangeOrTheGridIsReported() {
        MaskEditor editor = TestGrids.editor(g);
        FloodResult dark = FloodFill.of(BRIGHT, PaintRule.paint(1)).fill(editor, values, 0, 0, 0);
        assertThat(dark.outcome()).isEqualTo(FloodResult.Outcome.SEED_REJECTED);
        assertThat(dark.message()).contains("outside 50.0..150.0");
        FloodResult outside = FloodFill.of(BRIGHT, PaintRule.paint(1)).fill(editor, values, 30, 0, 0);
        assertThat(outside.outcome()).isEqualTo(FloodResult.Outcome.SEED_OUTSIDE);
        assertThat(editor.mask().labels()).isEmpty();
    }

    @Test
    void paintOnEmptyStopsAtExistingLabels() {
        MaskEditor editor = TestGrids.editor(g);
        // A wall of label 9 across the block at i = 10.
        editor.edit("wall", () -> {
            for (int k = 0; k < 10; k++) {
                for (int j = 0; j < 30; j++) {
                    editor.set(10, j, k, 9);
                }
            }
            return null;
        });
        FloodResult result = FloodFill.of(BRIGHT, PaintRule.paintOnEmpty(1)).fill(editor, values, 6, 8, 4);
        assertThat(result.regionVoxels()).isEqualTo(5 * 8 * 4);
        FloodResult onWall = FloodFill.of(BRIGHT, PaintRule.paintOnEmpty(1)).fill(editor, values, 10, 8, 4);
        assertThat(onWall.outcome()).isEqualTo(FloodResult.Outcome.SEED_REJECTED);
        assertThat(onWall.message()).contains("label 9");
    }
}
