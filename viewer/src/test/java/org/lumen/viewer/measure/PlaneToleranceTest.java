// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/** A measurement is found again on its plane from its patient points, on stored slices and on reformats alike. */
class PlaneToleranceTest {

    private static final String FOR = "1.2.3";
    private static final String SERIES = "1.2.3.4";

    /** An axial stack from feet to head, 0.7 mm pixels, 2.5 mm slices (as in ViewPlaneTest). */
    private static final VolumeGeometry AXIAL = new VolumeGeometry(200, 180, 40, new Vec3(-70, -60, -50),
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.7, 0.7, new Vec3(0, 0, 2.5));

    @Test
    void aLengthOnACoronalReformatMeasuresTheSameAsItsPatientPoints() {
        ViewPlane coronal = ViewPlane.of(AXIAL, PlaneAxis.ROWS);
        // Two voxels of row 40, 40 columns and 25 slices apart.
        Vec3 a = AXIAL.toPatient(10, 40, 3);
        Vec3 b = AXIAL.toPatient(50, 40, 28);
        double direct = LengthMeasurement.of(FOR, SERIES, a, b).lengthMm();
        assertThat(direct).isCloseTo(Math.hypot(40 * 0.7, 25 * 2.5), within(1e-9));

        // What the UI does: the clicks land on plane pixels, which map back to patient points.
        double[] pa = coronal.toPlane(a);
        double[] pb = coronal.toPlane(b);
        int n = (int) Math.round(pa[2]);
        LengthMeasurement drawn = LengthMeasurement.of(FOR, SERIES,
                coronal.toPatient(pa[0], pa[1], n), coronal.toPatient(pb[0], pb[1], n));
        assertThat(n).isEqualTo(40);
        assertThat(drawn.lengthMm()).isCloseTo(direct, within(1e-9));

        assertThat(PlaneTolerance.liesOn(drawn, coronal, 40)).isTrue();
        assertThat(PlaneTolerance.liesOn(drawn, coronal, 41)).isFalse();
        assertThat(PlaneTolerance.liesOn(drawn, coronal, 39)).isFalse();
        ViewPlane stored = ViewPlane.stored(AXIAL);
        for (int k = 0; k < stored.count(); k++) {
            assertThat(PlaneTolerance.liesOn(drawn, stored, k)).as("slice %d", k).isFalse();
        }
    }

    @Test
    void pointsWithinHalfAPlaneSpacingLieOnThePlane() {
        ViewPlane stored = ViewPlane.stored(AXIAL);
        double z = AXIAL.slicePosition(10).z();
        LengthMeasurement near = LengthMeasurement.of(FOR, SERIES, new Vec3(0, 0, z + 1.2), new Vec3(10, 0, z - 1.2));
        LengthMeasurement across = LengthMeasurement.of(FOR, SERIES, new Vec3(0, 0, z), new Vec3(10, 0, z + 1.3));
        assertThat(PlaneTolerance.liesOn(near, stored, 10)).isTrue();
        assertThat(PlaneTolerance.liesOn(near, stored, 11)).isFalse();
        assertThat(PlaneTolerance.liesOn(across, stored, 10)).isFalse();
        assertThat(PlaneTolerance.liesOn(across, stored, 11)).isFalse();
    }

    @Test
    void anRoiLiesOnlyOnPlanesItsWholeBoxLiesOn() {
        ViewPlane stored = ViewPlane.stored(AXIAL);
        ViewPlane coronal = ViewPlane.of(AXIAL, PlaneAxis.ROWS);
        Vec3 c = AXIAL.toPatient(100, 90, 20);
        EllipseRoi axialRoi = EllipseRoi.of(FOR, SERIES, c, c.plus(new Vec3(20, 20, 0)), stored.right(), stored.down());
        assertThat(PlaneTolerance.liesOn(axialRoi, stored, 20)).isTrue();
        assertThat(PlaneTolerance.liesOn(axialRoi, stored, 19)).isFalse();
        // The box spans 20 mm along y, so it is on no single coronal plane.
        for (int j = 0; j < coronal.count(); j++) {
            assertThat(PlaneTolerance.liesOn(axialRoi, coronal, j)).isFalse();
        }
        EllipseRoi coronalRoi = EllipseRoi.of(FOR, SERIES, c, c.plus(new Vec3(20, 0, -20)), coronal.right(), coronal.down());
        assertThat(PlaneTolerance.liesOn(coronalRoi, coronal, 90)).isTrue();
        assertThat(PlaneTolerance.liesOn(coronalRoi, stored, 20)).isFalse();
    }
}
