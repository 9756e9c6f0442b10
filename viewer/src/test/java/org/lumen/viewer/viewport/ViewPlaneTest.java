// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** Reformat planes follow the radiological convention and map pixels to the same patient points as the voxel grid. */
class ViewPlaneTest {

    /** An axial stack going from feet to head, 0.7 mm pixels, 2.5 mm slices. */
    private static final VolumeGeometry AXIAL = new VolumeGeometry(200, 180, 40, new Vec3(-70, -60, -50),
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.7, 0.7, new Vec3(0, 0, 2.5));

    /** A sagittal stack: rows run head to feet, columns anterior to posterior, slices right to left. */
    private static final VolumeGeometry SAGITTAL = new VolumeGeometry(128, 160, 30, new Vec3(-40, -90, 100),
            new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1.2, 1.1, new Vec3(3, 0, 0));

    @Test
    void storedSlicesAreShownAsAcquired() {
        ViewPlane p = ViewPlane.stored(AXIAL);
        assertThat(p.anatomicalName()).isEqualTo("Axial");
        assertThat(p.width()).isEqualTo(200);
        assertThat(p.count()).isEqualTo(40);
        assertThat(p.toPatient(10, 20, 3)).isEqualTo(AXIAL.toPatient(10, 20, 3));
        assertThat(p.planeSpacingMm()).isEqualTo(2.5);
    }

    @Test
    void coronalReformatOfAnAxialStackHasHeadUpAndPatientLeftOnTheRight() {
        ViewPlane coronal = ViewPlane.of(AXIAL, PlaneAxis.ROWS);
        assertThat(coronal.anatomicalName()).isEqualTo("Coronal");
        assertThat(coronal.width()).isEqualTo(200);
        assertThat(coronal.height()).isEqualTo(40);
        assertThat(coronal.count()).isEqualTo(180);
        assertDirection(coronal.right(), new Vec3(1, 0, 0));
        assertDirection(coronal.down(), new Vec3(0, 0, -1));
        assertThat(coronal.pixelHeightMm()).isEqualTo(2.5);
        // The top row is the most cranial slice.
        assertThat(coronal.toPatient(0, 0, 0).z()).isCloseTo(-50 + 39 * 2.5, within(1e-9));
    }

    @Test
    void sagittalReformatOfAnAxialStackHasAnteriorOnTheLeft() {
        ViewPlane sagittal = ViewPlane.of(AXIAL, PlaneAxis.COLUMNS);
        assertThat(sagittal.anatomicalName()).isEqualTo("Sagittal");
        assertDirection(sagittal.right(), new Vec3(0, 1, 0));
        assertDirection(sagittal.down(), new Vec3(0, 0, -1));
        assertThat(sagittal.width()).isEqualTo(180);
        assertThat(sagittal.height()).isEqualTo(40);
    }

    @Test
    void axialReformatOfASagittalStackSwapsItsAxesToTheConvention() {
        ViewPlane axial = ViewPlane.of(SAGITTAL, PlaneAxis.ROWS);
        assertThat(axial.anatomicalName()).isEqualTo("Axial");
        assertDirection(axial.right(), new Vec3(1, 0, 0));
        assertDirection(axial.down(), new Vec3(0, 1, 0));
        assertThat(axial.width()).isEqualTo(30);
        assertThat(axial.height()).isEqualTo(128);
        assertThat(axial.pixelWidthMm()).isEqualTo(3);
    }

    @Test
    void planeCoordinatesRoundTripThroughPatientSpace() {
        for (PlaneAxis axis : PlaneAxis.values()) {
            for (VolumeGeometry g : new VolumeGeometry[] {AXIAL, SAGITTAL}) {
                ViewPlane p = ViewPlane.of(g, axis);
                Vec3 point = p.toPatient(7.25, 11.5, 5);
                double[] back = p.toPlane(point);
                assertThat(back[0]).as("%s x", axis).isCloseTo(7.25, within(1e-9));
                assertThat(back[1]).as("%s y", axis).isCloseTo(11.5, within(1e-9));
                assertThat(back[2]).as("%s n", axis).isCloseTo(5, within(1e-9));
                assertThat(p.nearestIndex(point)).isEqualTo(5);
                // Screen directions are what a pixel step does in patient space.
                Vec3 step = p.toPatient(8.25, 11.5, 5).minus(point);
                assertThat(step.normalized().dot(p.right())).isCloseTo(1, within(1e-9));
                assertThat(step.length()).isCloseTo(p.pixelWidthMm(), within(1e-9));
            }
        }
    }

    @Test
    void screenMappingKeepsThePhysicalAspectAndInvertsExactly() {
        ViewPlane coronal = ViewPlane.of(AXIAL, PlaneAxis.ROWS); // 140 mm wide, 100 mm high
        ScreenMapping fit = ScreenMapping.of(coronal, ViewTransform.FIT, 700, 700);
        assertThat(fit.mmToScreen()).isCloseTo(5, within(1e-9));
        double[] topLeft = fit.toScreen(0, 0);
        double[] bottomRight = fit.toScreen(200, 40);
        assertThat(bottomRight[0] - topLeft[0]).isCloseTo(700, within(1e-9));
        assertThat(bottomRight[1] - topLeft[1]).isCloseTo(500, within(1e-9));

        ViewTransform turned = ViewTransform.FIT.rotateClockwise(1).flipHorizontally().withZoom(2.5).panBy(13, -7);
        ScreenMapping m = ScreenMapping.of(coronal, turned, 640, 480);
        double[] s = m.toScreen(31.5, 17.25);
        double[] back = m.toImage(s[0], s[1]);
        assertThat(back[0]).isCloseTo(31.5, within(1e-9));
        assertThat(back[1]).isCloseTo(17.25, within(1e-9));
    }

    @Test
    void rotatingClockwiseTurnsImageRightIntoScreenDown() {
        ViewPlane p = ViewPlane.stored(AXIAL);
        ScreenMapping m = ScreenMapping.of(p, ViewTransform.FIT.rotateClockwise(1), 500, 500);
        double[] a = m.toScreen(100, 90);
        double[] b = m.toScreen(110, 90);
        assertThat(b[0] - a[0]).isCloseTo(0, within(1e-9));
        assertThat(b[1] - a[1]).isPositive();
    }

    private static void assertDirection(Vec3 actual, Vec3 expected) {
        assertThat(actual.dot(expected)).as("%s along %s", actual, expected).isCloseTo(1, within(1e-9));
    }
}
