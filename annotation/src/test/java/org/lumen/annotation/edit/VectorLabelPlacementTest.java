// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.edit.VectorLabelPlacement.Fit;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

class VectorLabelPlacementTest {

    private static final String SERIES = "1.2.3";
    private static final String FOR = "1.2.3.4";
    private final VolumeGeometry g = TestGrids.axial(64, 64, 30, 0.7, 0.7, 2);
    private final ViewPlane axial = ViewPlane.of(g, PlaneAxis.SLICES);
    private final ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);

    @Test
    void aBoxDrawnOnAnAxialSliceShowsOnThatSliceOnlyAtTheCornersItWasDrawnWith() {
        BoxLabel box = BoxLabel.onPlane(FOR, SERIES, "Nodule", axial, axial.toPatient(10, 12, 7), axial.toPatient(20, 30, 7));
        assertThat(VectorLabelPlacement.fit(box, axial, 7)).isEqualTo(Fit.ON_PLANE);
        assertThat(VectorLabelPlacement.fit(box, axial, 6)).isEqualTo(Fit.ELSEWHERE);
        assertThat(VectorLabelPlacement.fit(box, axial, 8)).isEqualTo(Fit.ELSEWHERE);
        List<double[]> outline = VectorLabelPlacement.outline(box, axial);
        assertThat(outline).hasSize(4);
        assertThat(outline.get(0)).containsExactly(new double[] {10, 12}, within(1e-9));
        assertThat(outline.get(2)).containsExactly(new double[] {20, 30}, within(1e-9));
        // On a coronal view the flat axial box is a line across the row planes it covers.
        int row = 20;
        assertThat(VectorLabelPlacement.fit(box, coronal, coronal.nearestIndex(axial.toPatient(15, row, 7)))).isEqualTo(Fit.CROSSING);
    }

    @Test
    void aThreeDimensionalBoxShowsItsSectionOnEveryPlaneItCrosses() {
        Vec3 centre = axial.toPatient(32, 32, 15);
        BoxLabel box = BoxLabel.around(FOR, SERIES, "Nodule", centre, new Vec3(7, 7, 8));
        assertThat(VectorLabelPlacement.fit(box, axial, 15)).isEqualTo(Fit.CROSSING);
        assertThat(VectorLabelPlacement.fit(box, axial, 13)).isEqualTo(Fit.CROSSING);
        assertThat(VectorLabelPlacement.fit(box, axial, 17)).isEqualTo(Fit.CROSSING);
        assertThat(VectorLabelPlacement.fit(box, axial, 11)).isEqualTo(Fit.ELSEWHERE);
        List<double[]> outline = VectorLabelPlacement.outline(box, axial);
        // 7 mm at 0.7 mm pixels: 10 pixels wide and high, centred on (32, 32).
        assertThat(outline.get(0)).containsExactly(new double[] {27, 27}, within(1e-9));
        assertThat(outline.get(2)).containsExactly(new double[] {37, 37}, within(1e-9));
    }

    @Test
    void handlesAreFoundNearThePointerOnTheirOwnPlaneOnly() {
        LineLabel line = LineLabel.of(FOR, SERIES, "Other", axial.toPatient(5, 5, 3), axial.toPatient(25, 5, 3));
        PointLabel point = PointLabel.of(FOR, SERIES, "Other", axial.toPatient(25.5, 5.5, 3));
        List<VectorLabel> labels = List.of(line, point);
        var handle = VectorLabelPlacement.handleAt(labels, axial, 3, 25.4, 5.4, 2).orElseThrow();
        assertThat(handle.label()).isEqualTo(point);
        assertThat(VectorLabelPlacement.handleAt(labels, axial, 3, 5.8, 5.2, 2).orElseThrow())
                .isEqualTo(new VectorLabelPlacement.Handle(line, 0));
        assertThat(VectorLabelPlacement.handleAt(labels, axial, 4, 5, 5, 2)).isEmpty();
        assertThat(VectorLabelPlacement.handleAt(labels, axial, 3, 15, 15, 2)).isEmpty();
    }

    @Test
    void theTopmostLabelUnderThePointerIsPicked() {
        BoxLabel box = BoxLabel.onPlane(FOR, SERIES, "Mass", axial, axial.toPatient(10, 10, 2), axial.toPatient(40, 40, 2));
        LineLabel line = LineLabel.of(FOR, SERIES, "Other", axial.toPatient(15, 20, 2), axial.toPatient(35, 20, 2));
        List<VectorLabel> labels = List.of(box, line);
        assertThat(VectorLabelPlacement.labelAt(labels, axial, 2, 25, 20.5, 1)).contains(line);
        assertThat(VectorLabelPlacement.labelAt(labels, axial, 2, 25, 39.5, 1)).contains(box);
        assertThat(VectorLabelPlacement.labelAt(labels, axial, 2, 25, 30, 1)).as("inside a box is not on it").isEmpty();
        assertThat(VectorLabelPlacement.labelAt(labels, axial, 2, 50, 50, 1)).isEmpty();
        assertThat(VectorLabelPlacement.labelAt(labels, axial, 5, 25, 39.5, 1)).isEmpty();
    }
}
