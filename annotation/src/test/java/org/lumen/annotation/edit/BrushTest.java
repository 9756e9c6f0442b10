// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class BrushTest {

    private static final int LABEL = 3;

    @Test
    void discOnIsotropicSliceCoversExactlyTheVoxelsWithinTheRadiusAndItsAreaIsPiRSquared() {
        assertDiscIsRoundInMm(TestGrids.axial(64, 64, 5, 0.7, 0.7, 2.0), PlaneAxis.SLICES, 2, 5.0);
    }

    @Test
    void discOnAnisotropicSliceIsRoundInMillimetresNotInPixels() {
        VolumeGeometry g = TestGrids.axial(80, 40, 3, 0.5, 1.5, 3.0);
        assertDiscIsRoundInMm(g, PlaneAxis.SLICES, 1, 6.0);
        // Across columns the disc spans 2r / 0.5 mm pixels, across rows 2r / 1.5 mm.
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(6.0, PaintRule.paint(LABEL)).dab(editor, ViewPlane.stored(g), 1, 40, 20, null);
        assertThat(extent(editor.mask(), 0)).isEqualTo(25); // |i - 40| <= 12
        assertThat(extent(editor.mask(), 1)).isEqualTo(9);  // |j - 20| <= 4
    }

    @Test
    void discOnCoronalReformatPaintsOneRowOfTheStackRoundInMm() {
        VolumeGeometry g = TestGrids.axial(64, 48, 40, 0.7, 0.7, 2.5);
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        assertThat(coronal.anatomicalName()).isEqualTo("Coronal");
        assertDiscIsRoundInMm(g, PlaneAxis.ROWS, 20, 8.0);
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(8.0, PaintRule.paint(LABEL)).dab(editor, coronal, 20, 30, 20, null);
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (editor.get(i, j, k) != 0) {
                        assertThat(j).isEqualTo(20);
                    }
                }
            }
        }
        // 8 mm across slices of 2.5 mm: 3 slices each side of the centre.
        assertThat(extent(editor.mask(), 2)).isEqualTo(7);
    }

    @Test
    void discOnSagittalReformatOfAShearedStackIsRoundInMm() {
        // A gantry-tilted stack: the slice step leans 15 degrees towards posterior.
        double tilt = Math.toRadians(15);
        VolumeGeometry g = new VolumeGeometry(48, 48, 40, new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.8, 0.8,
                new Vec3(0, 2 * Math.sin(tilt), 2 * Math.cos(tilt)));
        assertDiscIsRoundInMm(g, PlaneAxis.COLUMNS, 24, 7.0);
    }

    @Test
    void sphereVolumeIsFourThirdsPiRCubedAndHoldsExactlyTheVoxelsWithinTheRadius() {
        VolumeGeometry g = TestGrids.axial(40, 40, 24, 0.8, 0.8, 1.5);
        double r = 6.0;
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        int trials = 20;
        for (int t = 0; t < trials; t++) {
            MaskEditor editor = TestGrids.editor(g);
            Vec3 centre = g.toPatient(20 + random.nextDouble(), 20 + random.nextDouble(), 12 + random.nextDouble());
            Brush.sphere(r, PaintRule.paint(LABEL)).dab(editor, g, centre, null);
            for (int k = 0; k < g.slices(); k++) {
                for (int j = 0; j < g.rows(); j++) {
                    for (int i = 0; i < g.columns(); i++) {
                        boolean within = g.toPatient(i, j, k).distance(centre) <= r;
                        assertThat(editor.get(i, j, k) == LABEL).as("voxel %d,%d,%d", i, j, k).isEqualTo(within);
                    }
                }
            }
            double volume = MaskStatistics.volumeMm3(editor.mask(), g, LABEL);
            double sphere = 4.0 / 3 * Math.PI * r * r * r;
            double diagonal = Math.sqrt(0.8 * 0.8 * 2 + 1.5 * 1.5);
            assertThat(volume).isCloseTo(sphere, within(4 * Math.PI * r * r * diagonal / 2));
            sum += volume;
        }
        assertThat(sum / trials).isCloseTo(4.0 / 3 * Math.PI * r * r * r, within(0.02 * 4.0 / 3 * Math.PI * r * r * r));
    }

    @Test
    void sphereDrivenFromAReformatPlaneReachesAcrossPlanes() {
        VolumeGeometry g = TestGrids.axial(40, 40, 20, 1, 1, 2);
        ViewPlane sagittal = ViewPlane.of(g, PlaneAxis.COLUMNS);
        MaskEditor editor = TestGrids.editor(g);
        Brush.sphere(4, PaintRule.paint(LABEL)).dab(editor, sagittal, 20, 20, 10, null);
        assertThat(extent(editor.mask(), 0)).isEqualTo(9); // 4 mm either side across 1 mm columns
        assertThat(extent(editor.mask(), 2)).isEqualTo(5); // 4 mm either side across 2 mm slices
    }

    @Test
    void dragPaintsACapsuleWithoutGaps() {
        VolumeGeometry g = TestGrids.axial(120, 60, 1, 0.5, 0.5, 1);
        ViewPlane plane = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        double r = 3;
        BrushStroke stroke = BrushStroke.begin(editor, plane, 0, Brush.disc(r, PaintRule.paint(LABEL)), null, 10, 30);
        stroke.dragTo(100, 30); // one fast 45 mm drag
        stroke.end();
        // Every pixel of the row under the drag is painted, and the area is the capsule's.
        for (int x = 10; x <= 100; x++) {
            assertThat(editor.get(x, 30, 0)).isEqualTo(LABEL);
        }
        double capsule = Math.PI * r * r + 2 * r * 45;
        double area = editor.mask().count(LABEL) * 0.25;
        assertThat(area).isCloseTo(capsule, within(TestGrids.rasterBandMm2(2 * Math.PI * r + 90, Math.sqrt(0.5))));
        assertThat(editor.history().undoSteps()).isEqualTo(1);
    }

    @Test
    void eraserClearsEveryLabelOrOnlyTheChosenOne() {
        VolumeGeometry g = TestGrids.axial(30, 30, 1, 1, 1, 1);
        ViewPlane plane = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(8, PaintRule.paint(1)).dab(editor, plane, 0, 10, 15, null);
        Brush.disc(8, PaintRule.paint(2)).dab(editor, plane, 0, 20, 15, null);
        long ones = editor.mask().count(1);
        long twos = editor.mask().count(2);

        Brush.disc(20, PaintRule.erase(1)).dab(editor, plane, 0, 15, 15, null);
        assertThat(editor.mask().count(1)).isZero();
        assertThat(editor.mask().count(2)).isEqualTo(twos);

        editor.undo();
        assertThat(editor.mask().count(1)).isEqualTo(ones);
        Brush.disc(2, PaintRule.erase()).dab(editor, plane, 0, 15, 15, null);
        assertThat(editor.get(15, 15, 0)).isZero();
        assertThat(editor.get(14, 15, 0)).isZero();
        assertThat(editor.get(16, 15, 0)).isZero();
        assertThat(editor.get(12, 15, 0)).isNotZero();
    }

    @Test
    void paintOnEmptyAndPaintOverLabelLeaveOtherVoxelsAlone() {
        VolumeGeometry g = TestGrids.axial(30, 30, 1, 1, 1, 1);
        ViewPlane plane = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(5, PaintRule.paint(1)).dab(editor, plane, 0, 10, 15, null);
        long ones = editor.mask().count(1);

        Brush.disc(5, PaintRule.paintOnEmpty(2)).dab(editor, plane, 0, 14, 15, null);
        assertThat(editor.mask().count(1)).isEqualTo(ones);
        assertThat(editor.get(10, 15, 0)).isEqualTo(1);
        assertThat(editor.get(18, 15, 0)).isEqualTo(2);

        Brush.disc(30, PaintRule.paintOver(4, 1)).dab(editor, plane, 0, 15, 15, null);
        assertThat(editor.mask().count(1)).isZero();
        assertThat(editor.mask().count(4)).isEqualTo(ones);
        assertThat(editor.get(18, 15, 0)).isEqualTo(2);
    }

    @Test
    void thresholdPaintNeverTouchesVoxelsOutsideTheRange() {
        VolumeGeometry g = TestGrids.axial(40, 40, 12, 0.8, 0.8, 1.2);
        short[] hu = new short[40 * 40 * 12];
        SplittableRandom random = new SplittableRandom(3);
        for (int v = 0; v < hu.length; v++) {
            hu[v] = (short) random.nextInt(-1000, 1000);
        }
        VoxelValues values = VoxelValues.ofShorts(40, 40, 12, hu);
        ValueRange range = new ValueRange(-100, 200);
        MaskEditor editor = TestGrids.editor(g);
        Brush brush = Brush.sphere(7, PaintRule.paint(LABEL)).withThreshold(range);
        BrushStroke stroke = BrushStroke.begin(editor, ViewPlane.stored(g), 6, brush, values, 12, 12);
        stroke.dragTo(28, 30);
        stroke.end();
        long painted = 0;
        long inRangeUnderBrush = 0;
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    double v = hu[i + 40 * (j + 40 * k)];
                    if (editor.get(i, j, k) == LABEL) {
                        painted++;
                        assertThat(range.contains(v)).as("HU %s at %d,%d,%d", v, i, j, k).isTrue();
                    }
                    if (range.contains(v) && g.toPatient(i, j, k).distance(g.toPatient(12, 12, 6)) <= 7) {
                        inRangeUnderBrush++;
                        assertThat(editor.get(i, j, k)).isEqualTo(LABEL);
                    }
                }
            }
        }
        assertThat(painted).isGreaterThan(inRangeUnderBrush);
        assertThat(inRangeUnderBrush).isPositive();
    }

    @Test
    void thresholdBrushWithoutValuesIsRefused() {
        VolumeGeometry g = TestGrids.axial(10, 10, 1, 1, 1, 1);
        MaskEditor editor = TestGrids.editor(g);
        Brush brush = Brush.disc(2, PaintRule.paint(1)).withThreshold(new ValueRange(0, 1));
        assertThatThrownBy(() -> brush.dab(editor, ViewPlane.stored(g), 0, 5, 5, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("voxel values");
        assertThat(editor.inStroke()).isFalse();
        assertThat(editor.history().canUndo()).isFalse();
    }

    @Test
    void brushNearTheEdgeIsClippedToTheGrid() {
        VolumeGeometry g = TestGrids.axial(10, 10, 2, 1, 1, 1);
        MaskEditor editor = TestGrids.editor(g);
        Brush.sphere(3, PaintRule.paint(1)).dab(editor, ViewPlane.stored(g), 0, 0, 0, null);
        assertThat(editor.get(0, 0, 0)).isEqualTo(1);
        assertThat(editor.get(3, 0, 0)).isEqualTo(1);
        assertThat(editor.get(4, 0, 0)).isZero();
        assertThat(editor.get(0, 0, 1)).isEqualTo(1);
    }

    /** Random sub-pixel centres: exactly the pixels within r mm, and the area πr² on average and within the raster band each time. */
    private static void assertDiscIsRoundInMm(VolumeGeometry g, PlaneAxis axis, int n, double r) {
        ViewPlane plane = ViewPlane.of(g, axis);
        SplittableRandom random = new SplittableRandom(11);
        double pixelArea = new Metric(plane.toPatient(1, 0, n).minus(plane.toPatient(0, 0, n)),
                plane.toPatient(0, 1, n).minus(plane.toPatient(0, 0, n))).cellSize();
        double diagonal = Math.hypot(plane.pixelWidthMm(), plane.pixelHeightMm());
        double sum = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            MaskEditor editor = TestGrids.editor(g);
            double cx = plane.width() / 2.0 + random.nextDouble();
            double cy = plane.height() / 2.0 + random.nextDouble();
            long changed = Brush.disc(r, PaintRule.paint(LABEL)).dab(editor, plane, n, cx, cy, null);
            Vec3 centre = plane.toPatient(cx, cy, n);
            long expected = 0;
            for (int y = 0; y < plane.height(); y++) {
                for (int x = 0; x < plane.width(); x++) {
                    double[] v = plane.toVoxel(x, y, n);
                    boolean within = plane.toPatient(x, y, n).distance(centre) <= r;
                    expected += within ? 1 : 0;
                    assertThat(editor.get((int) v[0], (int) v[1], (int) v[2]) == LABEL).as("pixel %d,%d", x, y).isEqualTo(within);
                }
            }
            assertThat(changed).isEqualTo(expected).isEqualTo(editor.mask().count(LABEL));
            double area = changed * pixelArea;
            assertThat(area).isCloseTo(Math.PI * r * r, within(TestGrids.rasterBandMm2(2 * Math.PI * r, diagonal)));
            sum += area;
        }
        assertThat(sum / trials).isCloseTo(Math.PI * r * r, within(0.03 * Math.PI * r * r));
    }

    /** How many distinct indices along voxel axis {@code a} carry a label. */
    private static int extent(LabelMask mask, int a) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int k = 0; k < mask.slices(); k++) {
            for (int j = 0; j < mask.rows(); j++) {
                for (int i = 0; i < mask.columns(); i++) {
                    if (mask.get(i, j, k) != 0) {
                        int v = a == 0 ? i : a == 1 ? j : k;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max - min + 1;
    }
}
