// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class SliceInterpolatorTest {

    private static final int L = 7;

    @Test
    void discsOfDifferentRadiiInterpolateToIntermediateRadii() {
        VolumeGeometry g = TestGrids.axial(80, 80, 10, 0.5, 0.5, 2);
        ViewPlane stored = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        double r1 = 12;
        double r2 = 4;
        Brush.disc(r1, PaintRule.paint(L)).dab(editor, stored, 1, 40, 40, null);
        Brush.disc(r2, PaintRule.paint(L)).dab(editor, stored, 7, 40, 40, null);
        LabelMask keys = editor.mask().copy();

        long changed = new SliceInterpolator(stored).interpolate(editor, 1, 7, PaintRule.paintOnEmpty(L));

        assertThat(changed).isPositive();
        assertThat(editor.history().undoSteps()).isEqualTo(3);
        double previous = Double.MAX_VALUE;
        for (int k = 2; k <= 6; k++) {
            double t = (k - 1) / 6.0;
            double expected = (1 - t) * r1 + t * r2;
            double radius = Math.sqrt(sliceCount(editor.mask(), k) * 0.25 / Math.PI);
            assertThat(radius).as("equivalent radius on slice %d", k).isCloseTo(expected, within(0.5));
            assertThat(radius).isLessThan(previous);
            previous = radius;
            // Each interpolated slice is a disc around the same centre.
            assertThat(editor.get(40, 40, k)).isEqualTo(L);
            int reach = (int) Math.floor(expected / 0.5) + 2;
            assertThat(editor.get(40 + reach, 40, k)).isZero();
        }
        // Key slices and slices outside the span are untouched.
        assertThat(editor.mask().sliceOrNull(1)).isEqualTo(keys.sliceOrNull(1));
        assertThat(editor.mask().sliceOrNull(7)).isEqualTo(keys.sliceOrNull(7));
        assertThat(sliceCount(editor.mask(), 0) + sliceCount(editor.mask(), 8) + sliceCount(editor.mask(), 9)).isZero();

        editor.undo();
        assertThat(editor.mask()).isEqualTo(keys);
    }

    @Test
    void identicalKeyShapesGiveTheSameShapeBetween() {
        VolumeGeometry g = TestGrids.axial(40, 30, 6, 0.8, 1.3, 3);
        ViewPlane stored = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        java.util.List<PlanePoint> triangle = java.util.List.of(new PlanePoint(5, 5), new PlanePoint(30, 8), new PlanePoint(12, 25));
        PolygonFill.fill(editor, stored, 0, triangle, PaintRule.paint(L));
        PolygonFill.fill(editor, stored, 5, triangle, PaintRule.paint(L));
        new SliceInterpolator(stored).interpolateGaps(editor, PaintRule.paint(L));
        for (int k = 1; k <= 4; k++) {
            assertThat(editor.mask().sliceOrNull(k)).as("slice %d", k).isEqualTo(editor.mask().sliceOrNull(0));
        }
    }

    @Test
    void everyGapIsFilledAndOnlyThoseOnesLabelled() {
        VolumeGeometry g = TestGrids.axial(40, 40, 20, 1, 1, 1);
        ViewPlane stored = ViewPlane.stored(g);
        MaskEditor editor = TestGrids.editor(g);
        for (int k : new int[] {2, 3, 8, 15}) {
            Brush.disc(6, PaintRule.paint(L)).dab(editor, stored, k, 20, 20, null);
        }
        Brush.disc(6, PaintRule.paint(2)).dab(editor, stored, 10, 20, 20, null);
        SliceInterpolator interpolator = new SliceInterpolator(stored);
        assertThat(interpolator.annotatedPlanes(editor, L).stream().toArray()).containsExactly(2, 3, 8, 15);

        interpolator.interpolateGaps(editor, PaintRule.paintOnEmpty(L));

        assertThat(interpolator.annotatedPlanes(editor, L).stream().toArray())
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15);
        assertThat(sliceCount(editor.mask(), 10)).isZero(); // label 2 there, which paint-on-empty keeps
        assertThat(editor.get(20, 20, 10)).isEqualTo(2);
        assertThat(editor.history().undoSteps()).isEqualTo(6);
    }

    @Test
    void interpolatesAcrossReformatPlanesToo() {
        VolumeGeometry g = TestGrids.axial(40, 40, 30, 1, 1, 1);
        ViewPlane sagittal = ViewPlane.of(g, PlaneAxis.COLUMNS);
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(6, PaintRule.paint(L)).dab(editor, sagittal, 10, 20, 15, null);
        Brush.disc(6, PaintRule.paint(L)).dab(editor, sagittal, 20, 20, 15, null);
        new SliceInterpolator(sagittal).interpolate(editor, 10, 20, PaintRule.paint(L));
        long perPlane = editor.mask().count(L) / 11;
        assertThat(editor.mask().count(L)).isEqualTo(perPlane * 11);
        assertThat(editor.get(15, 20, 15)).isEqualTo(L);
    }

    @Test
    void keyPlanesWithoutTheLabelAreRefused() {
        VolumeGeometry g = TestGrids.axial(20, 20, 10, 1, 1, 1);
        MaskEditor editor = TestGrids.editor(g);
        Brush.disc(3, PaintRule.paint(L)).dab(editor, ViewPlane.stored(g), 2, 10, 10, null);
        SliceInterpolator interpolator = new SliceInterpolator(ViewPlane.stored(g));
        assertThatThrownBy(() -> interpolator.interpolate(editor, 2, 6, PaintRule.paint(L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plane 6 holds no voxel of label 7");
        assertThat(editor.inStroke()).isFalse();
    }

    private static long sliceCount(LabelMask mask, int k) {
        byte[] s = mask.sliceOrNull(k);
        long n = 0;
        for (int p = 0; s != null && p < s.length; p++) {
            n += s[p] == L ? 1 : 0;
        }
        return n;
    }
}
