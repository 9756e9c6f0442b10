// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

/** A tilted stack with two spacings: every slice at its true origin, fractional slices between them, and back. */
class IrregularGeometryTest {

    static final double TILT = Math.toRadians(18.5);

    /** 4 mm for 14 slices then 7 mm for 12 more, along the normal, sheared by an 18.5° tilt about the x axis. */
    static VolumeGeometry tiltedTwoSpacings() {
        Vec3[] origins = new Vec3[26];
        double d = 0;
        for (int k = 0; k < origins.length; k++) {
            if (k > 0) {
                d += k < 14 ? 4 : 7;
            }
            origins[k] = new Vec3(-100, -120 + d * Math.tan(TILT), 30 + d);
        }
        return VolumeGeometry.atPositions(64, 48, origins, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.5, 0.6);
    }

    @Test
    void slicesLieAtTheirTruePositionsAndFractionsInterpolateBetweenNeighbours() {
        VolumeGeometry g = tiltedTwoSpacings();
        assertThat(g.isRegular()).isFalse();
        assertThat(g.slicePositions().extent()).isCloseTo(13 * 4 + 12 * 7, within(1e-9));
        assertThat(g.shearDegrees()).isCloseTo(18.5, within(1e-6));
        assertThat(g.toPatient(0, 0, 20).z()).isCloseTo(30 + 52 + 7 * 7, within(1e-9));
        // Halfway between slice 14 (z = 89) and 15 (z = 96), with the shear in y.
        Vec3 half = g.toPatient(10, 5, 14.5);
        assertThat(half.z()).isCloseTo(30 + 52 + 7 + 3.5, within(1e-9));
        assertThat(half.y()).isCloseTo(-120 + 5 * 0.6 + (52 + 10.5) * Math.tan(TILT), within(1e-9));
        assertThat(g.describeSpacing()).isEqualTo("4.00–7.00 mm (irregular)");
    }

    @Test
    void patientPointsMapBackToTheSameVoxel() {
        VolumeGeometry g = tiltedTwoSpacings();
        for (double[] v : new double[][] {{0, 0, 0}, {12.5, 40, 3.25}, {63, 47, 13.9}, {31, 17, 14.5}, {5, 5, 25}, {7, 3, 24.75}}) {
            double[] back = g.toVoxel(g.toPatient(v[0], v[1], v[2]));
            assertThat(back[0]).isCloseTo(v[0], within(1e-9));
            assertThat(back[1]).isCloseTo(v[1], within(1e-9));
            assertThat(back[2]).isCloseTo(v[2], within(1e-9));
        }
    }

    @Test
    void theUniformGridCoversTheTrueExtentAtTheSmallestGapWithTheShear() {
        VolumeGeometry g = tiltedTwoSpacings();
        VolumeGeometry u = g.uniform();
        assertThat(u.isRegular()).isTrue();
        assertThat(u.sliceSpacing()).isCloseTo(4, within(1e-9));
        assertThat(u.slices()).isEqualTo(136 / 4 + 1);
        assertThat(u.shearDegrees()).isCloseTo(18.5, within(1e-6));
        // Both ends are the stored ends; in between, a uniform slice is where the stored stack puts that distance.
        assertThat(u.slicePosition(0).distance(g.slicePosition(0))).isLessThan(1e-9);
        assertThat(u.toPatient(0, 0, u.slices() - 1).distance(g.slicePosition(25))).isLessThan(1e-9);
        for (int m = 0; m < u.slices(); m++) {
            double k = g.storedSliceAtUniform(m);
            assertThat(g.toPatient(3, 4, k).distance(u.toPatient(3, 4, m))).isLessThan(1e-9);
            assertThat(g.uniformSliceAtStored(k)).isCloseTo(m, within(1e-9));
            assertThat(g.offsetFromLine(k).length()).isLessThan(1e-9);
        }
        // The 4 mm part is not resampled at all: uniform slices 0..13 are stored slices 0..13.
        for (int m = 0; m < 14; m++) {
            assertThat(g.storedSliceAtUniform(m)).isCloseTo(m, within(1e-9));
        }
    }

    @Test
    void aRegularGeometryIsItsOwnUniformGrid() {
        VolumeGeometry g = new VolumeGeometry(8, 8, 5, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));
        assertThat(g.uniform()).isSameAs(g);
        assertThat(g.storedSliceAtUniform(3.5)).isEqualTo(3.5);
        assertThat(g.describeSpacing()).isEqualTo("2.00 mm");
    }
}
