// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class PolygonFillTest {

    private final VolumeGeometry g = TestGrids.axial(40, 30, 5, 0.6, 0.6, 2);
    private final ViewPlane plane = ViewPlane.stored(g);

    @Test
    void squareCoversExactlyTheCentresInside() {
        MaskEditor editor = TestGrids.editor(g);
        List<PlanePoint> square = List.of(new PlanePoint(9.5, 9.5), new PlanePoint(19.5, 9.5), new PlanePoint(19.5, 19.5),
                new PlanePoint(9.5, 19.5));
        assertThat(PolygonFill.fill(editor, plane, 2, square, PaintRule.paint(5))).isEqualTo(100);
        assertThat(editor.mask().count(5)).isEqualTo(100);
        assertThat(editor.get(10, 10, 2)).isEqualTo(5);
        assertThat(editor.get(19, 19, 2)).isEqualTo(5);
        assertThat(editor.get(20, 19, 2)).isZero();
        assertThat(editor.get(9, 10, 2)).isZero();
        assertThat(editor.mask().labelledSlices().stream().toArray()).containsExactly(2);
    }

    @Test
    void triangleCoversExactlyTheCentresInside() {
        // The hypotenuse x + y = 9.5 passes through no pixel centre: inside are x, y >= 0 with x + y <= 9.
        List<PlanePoint> triangle = List.of(new PlanePoint(-0.5, -0.5), new PlanePoint(10, -0.5), new PlanePoint(-0.5, 10));
        MaskEditor editor = TestGrids.editor(g);
        assertThat(PolygonFill.fill(editor, plane, 0, triangle, PaintRule.paint(1))).isEqualTo(55);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                assertThat(editor.get(x, y, 0) == 1).as("%d,%d", x, y).isEqualTo(x + y <= 9);
            }
        }
        assertThat(PolygonFill.area(triangle, 40, 30)).isEqualTo(55);
    }

    @Test
    void squaresSharingAnEdgeNeverBothTakeItsPixels() {
        List<PlanePoint> left = List.of(new PlanePoint(0, 0), new PlanePoint(10, 0), new PlanePoint(10, 10), new PlanePoint(0, 10));
        List<PlanePoint> right = List.of(new PlanePoint(10, 0), new PlanePoint(20, 0), new PlanePoint(20, 10), new PlanePoint(10, 10));
        assertThat(PolygonFill.area(left, 40, 30) + PolygonFill.area(right, 40, 30)).isEqualTo(200);
    }

    @Test
    void concaveFreehandContourFillsOnlyItsInside() {
        // An L: a 20x20 square minus its upper-right 10x10 quarter.
        List<PlanePoint> l = List.of(new PlanePoint(-0.5, -0.5), new PlanePoint(9.5, -0.5), new PlanePoint(9.5, 9.5),
                new PlanePoint(19.5, 9.5), new PlanePoint(19.5, 19.5), new PlanePoint(-0.5, 19.5));
        MaskEditor editor = TestGrids.editor(g);
        assertThat(PolygonFill.fill(editor, plane, 1, l, PaintRule.paint(1))).isEqualTo(300);
        assertThat(editor.get(15, 5, 1)).isZero();
        assertThat(editor.get(5, 5, 1)).isEqualTo(1);
        assertThat(editor.get(15, 15, 1)).isEqualTo(1);
    }

    @Test
    void circleDrawnInPatientMillimetresOnACoronalReformatHasTheCircleArea() {
        VolumeGeometry stack = TestGrids.axial(64, 64, 60, 0.7, 0.7, 1.0);
        ViewPlane coronal = ViewPlane.of(stack, PlaneAxis.ROWS);
        int n = 30;
        Vec3 centre = coronal.toPatient(32, 30, n);
        double r = 10;
        List<Vec3> contour = new ArrayList<>();
        for (int a = 0; a < 360; a++) {
            double t = Math.toRadians(a);
            contour.add(centre.plus(coronal.right().times(r * Math.cos(t))).plus(coronal.down().times(r * Math.sin(t))));
        }
        MaskEditor editor = TestGrids.editor(stack);
        long filled = PolygonFill.fill(editor, coronal, contour, PaintRule.paint(2));
        double area = filled * 0.7 * 1.0;
        assertThat(area).isCloseTo(Math.PI * r * r, org.assertj.core.api.Assertions.within(TestGrids.rasterBandMm2(2 * Math.PI * r,
                Math.hypot(0.7, 1.0))));
        // All of it on row n of the stack.
        for (int k = 0; k < stack.slices(); k++) {
            byte[] slice = editor.mask().sliceOrNull(k);
            for (int p = 0; slice != null && p < slice.length; p++) {
                if (slice[p] != 0) {
                    assertThat(p / stack.columns()).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void paintRuleApplies() {
        MaskEditor editor = TestGrids.editor(g);
        List<PlanePoint> square = List.of(new PlanePoint(-0.5, -0.5), new PlanePoint(9.5, -0.5), new PlanePoint(9.5, 9.5),
                new PlanePoint(-0.5, 9.5));
        PolygonFill.fill(editor, plane, 0, square, PaintRule.paint(1));
        List<PlanePoint> wider = List.of(new PlanePoint(-0.5, -0.5), new PlanePoint(19.5, -0.5), new PlanePoint(19.5, 9.5),
                new PlanePoint(-0.5, 9.5));
        assertThat(PolygonFill.fill(editor, plane, 0, wider, PaintRule.paintOnEmpty(2))).isEqualTo(100);
        assertThat(editor.mask().count(1)).isEqualTo(100);
    }

    @Test
    void fewerThanThreePointsAreRefused() {
        MaskEditor editor = TestGrids.editor(g);
        assertThatThrownBy(() -> PolygonFill.fill(editor, plane, 0, List.of(new PlanePoint(1, 1), new PlanePoint(2, 2)), PaintRule.paint(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 points");
    }
}
