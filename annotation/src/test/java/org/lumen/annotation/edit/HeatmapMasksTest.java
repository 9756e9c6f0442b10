// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

class HeatmapMasksTest {

    private final VolumeGeometry g = TestGrids.axial(40, 40, 20, 1, 1, 2);

    /** Two Gaussian blobs: centre voxels (10, 10, 5) and (30, 28, 14). */
    private float[] twoBlobs() {
        float[] p = new float[40 * 40 * 20];
        for (int k = 0; k < 20; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    Vec3 x = g.toPatient(i, j, k);
                    double a = x.distance(g.toPatient(10, 10, 5));
                    double b = x.distance(g.toPatient(30, 28, 14));
                    p[i + 40 * (j + 40 * k)] = (float) Math.max(Math.exp(-a * a / 50), 0.8 * Math.exp(-b * b / 50));
                }
            }
        }
        return p;
    }

    @Test
    void thresholdLabelsExactlyTheVoxelsAtOrAboveIt() {
        float[] p = new float[40 * 40 * 20];
        SplittableRandom random = new SplittableRandom(1);
        for (int v = 0; v < p.length; v++) {
            p[v] = (float) random.nextDouble();
        }
        p[0] = 0.7f;
        MaskEditor editor = TestGrids.editor(g);
        HeatmapResult result = HeatmapMasks.threshold(editor, VoxelValues.ofFloats(40, 40, 20, p), 0.7, PaintRule.paint(3));
        long expected = 0;
        for (int v = 0; v < p.length; v++) {
            boolean above = p[v] >= 0.7f;
            expected += above ? 1 : 0;
            assertThat(editor.get(v % 40, v / 40 % 40, v / 1600) == 3).isEqualTo(above);
        }
        assertThat(result.regionVoxels()).isEqualTo(expected);
        assertThat(result.changedVoxels()).isEqualTo(expected);
        assertThat(editor.history().undoSteps()).isEqualTo(1);
        assertThat(editor.history().nextUndo().orElseThrow().name()).isEqualTo("From heatmap");
    }

    @Test
    void perSliceHeatmapGivesTheSameMask() {
        float[] p = twoBlobs();
        MaskEditor whole = TestGrids.editor(g);
        HeatmapMasks.threshold(whole, VoxelValues.ofFloats(40, 40, 20, p), 0.5, PaintRule.paint(1));
        MaskEditor sliced = TestGrids.editor(g);
        HeatmapMasks.threshold(sliced, VoxelValues.perSlice(40, 40, 20, k -> java.util.Arrays.copyOfRange(p, k * 1600, (k + 1) * 1600)),
                0.5, PaintRule.paint(1));
        assertThat(sliced.mask()).isEqualTo(whole.mask());
        assertThat(ConnectedComponents.of(whole.mask(), 1, Connectivity.SIX, g)).hasSize(2);
    }

    @Test
    void seedsKeepOnlyTheComponentsTheyLieIn() {
        float[] p = twoBlobs();
        VoxelValues heatmap = VoxelValues.ofFloats(40, 40, 20, p);
        MaskEditor all = TestGrids.editor(g);
        HeatmapMasks.threshold(all, heatmap, 0.5, PaintRule.paint(1));
        List<Component> both = ConnectedComponents.of(all.mask(), 1, Connectivity.SIX, g);

        MaskEditor editor = TestGrids.editor(g);
        Vec3 accepted = g.toPatient(30.2, 27.8, 14.1);
        Vec3 nowhere = g.toPatient(2, 35, 1);
        HeatmapResult result = HeatmapMasks.thresholdSeeded(editor, heatmap, 0.5, g, List.of(accepted, accepted, nowhere),
                Connectivity.SIX, PaintRule.paint(2));

        assertThat(result.components()).isEqualTo(1);
        assertThat(result.missedSeeds()).containsExactly(nowhere);
        List<Component> kept = ConnectedComponents.of(editor.mask(), 2, Connectivity.SIX, g);
        assertThat(kept).hasSize(1);
        Component second = both.stream().filter(c -> c.box().contains(30, 28, 14)).findFirst().orElseThrow();
        assertThat(kept.getFirst().voxels()).isEqualTo(second.voxels()).isEqualTo(result.regionVoxels());
        assertThat(editor.get(10, 10, 5)).isZero();
        assertThat(kept.getFirst().centroid().distance(g.toPatient(30, 28, 14))).isLessThan(0.5);
    }

    @Test
    void planarSeedsGrowWithinTheirSlice() {
        float[] p = twoBlobs();
        MaskEditor editor = TestGrids.editor(g);
        HeatmapResult result = HeatmapMasks.thresholdSeeded(editor, VoxelValues.ofFloats(40, 40, 20, p), 0.5, g,
                List.of(g.toPatient(10, 10, 5), g.toPatient(11, 10, 5)), Connectivity.FOUR, PaintRule.paint(1));
        assertThat(result.components()).isEqualTo(1);
        assertThat(editor.mask().labelledSlices().stream().toArray()).containsExactly(5);
        assertThat(result.changedVoxels()).isEqualTo(result.regionVoxels()).isEqualTo(editor.mask().count(1));
    }

    @Test
    void findingBecomesASphereOrABox() {
        MaskEditor editor = TestGrids.editor(g);
        Vec3 centre = g.toPatient(20, 20, 10);
        long sphere = FindingMasks.sphere(editor, g, centre, 10, PaintRule.paint(1));
        double volume = MaskStatistics.volumeMm3(editor.mask(), g, 1);
        assertThat(sphere).isEqualTo(editor.mask().count(1));
        assertThat(volume).isCloseTo(4.0 / 3 * Math.PI * 125, org.assertj.core.api.Assertions.within(0.1 * 4.0 / 3 * Math.PI * 125));

        MaskEditor boxes = TestGrids.editor(g);
        // 10 x 6 x 8 mm: 11 columns (|dx| <= 5), 7 rows (|dy| <= 3), 5 slices of 2 mm (|dz| <= 4).
        long box = FindingMasks.box(boxes, g, centre, new Vec3(10, 6, 8), PaintRule.paint(4));
        assertThat(box).isEqualTo(11 * 7 * 5);
        assertThat(boxes.history().nextUndo().orElseThrow().name()).isEqualTo("From finding");
    }

    @Test
    void unreadableSlicesAreNeverPainted() {
        float[] p = twoBlobs();
        // Slice 5 holds the first blob's centre and cannot be read.
        VoxelValues heatmap = VoxelValues.perSlice(40, 40, 20, k -> k == 5 ? null : java.util.Arrays.copyOfRange(p, k * 1600, (k + 1) * 1600));
        assertThat(heatmap.value(10, 10, 5)).isNaN();
        MaskEditor editor = TestGrids.editor(g);
        HeatmapMasks.threshold(editor, heatmap, 0.5, PaintRule.paint(1));
        assertThat(editor.mask().sliceOrNull(5)).isNull();
        assertThat(editor.mask().count(1)).isPositive();
        FloodResult fill = FloodFill.of(ValueRange.ANY, PaintRule.paint(2)).fill(editor, heatmap, 10, 10, 5);
        assertThat(fill.outcome()).isEqualTo(FloodResult.Outcome.SEED_REJECTED);
        HeatmapResult seeded = HeatmapMasks.thresholdSeeded(editor, heatmap, 0.5, g, List.of(g.toPatient(10, 10, 5)), Connectivity.SIX,
                PaintRule.paint(3));
        assertThat(seeded.missedSeeds()).hasSize(1);
    }

    @Test
    void heatmapOnAnotherGridIsRefused() {
        MaskEditor editor = TestGrids.editor(g);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeatmapMasks.threshold(editor,
                VoxelValues.ofFloats(20, 40, 20, new float[20 * 40 * 20]), 0.5, PaintRule.paint(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20x40x20");
    }
}
