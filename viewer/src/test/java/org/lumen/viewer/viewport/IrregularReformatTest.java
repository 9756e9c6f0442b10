// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.viewport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** The reformat of a tilted stack with two spacings: even rows over the true extent, each between the right stored slices. */
class IrregularReformatTest {

    private static final double TAN = Math.tan(Math.toRadians(18.5));

    /** Slices 4 mm apart (0..13), then 7 mm (14..25): 136 mm along the normal. */
    private static VolumeGeometry stack() {
        Vec3[] origins = new Vec3[26];
        double d = 0;
        for (int k = 0; k < origins.length; k++) {
            d += k == 0 ? 0 : k < 14 ? 4 : 7;
            origins[k] = new Vec3(-100, -120 + d * TAN, 30 + d);
        }
        return VolumeGeometry.atPositions(64, 48, origins, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.5, 0.6);
    }

    @Test
    void reformatRowsAreEvenlySpacedOverTheTrueExtent() {
        VolumeGeometry g = stack();
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        assertThat(coronal.resamplesSlices()).isTrue();
        assertThat(coronal.yAxis()).isEqualTo(2);
        assertThat(coronal.height()).isEqualTo(35);
        assertThat(coronal.pixelHeightMm()).isCloseTo(4 / Math.cos(Math.toRadians(18.5)), within(1e-9));
        // Head up: the first row is the last (highest) slice.
        assertThat(coronal.toPatient(0, 0, 10).z()).isCloseTo(30 + 136, within(1e-9));
        for (int y = 0; y < coronal.height(); y++) {
            Vec3 p = coronal.toPatient(7, y, 10);
            assertThat(p.z()).isCloseTo(30 + 136 - 4 * y, within(1e-9));
            double[] back = coronal.toPlane(p);
            assertThat(back[0]).isCloseTo(7, within(1e-9));
            assertThat(back[1]).isCloseTo(y, within(1e-9));
            assertThat(back[2]).isCloseTo(10, within(1e-9));
        }
    }

    @Test
    void eachRowBlendsTheTwoStoredSlicesAroundItAndIndexesTheNearest() {
        ViewPlane coronal = ViewPlane.of(stack(), PlaneAxis.ROWS);
        int[] ijk = new int[3];
        // Row y lies at 136 − 4y mm: y = 34 is slice 0; y = 21 (52 mm) is slice 13, the last 4 mm one.
        coronal.voxelIndex(5, 21, 3, ijk);
        assertThat(ijk).containsExactly(5, 3, 13);
        // 136 − 4·12 = 88 mm: between slice 18 (87 mm) and 19 (94 mm), 1/7 of the way.
        int m = 34 - 12;
        assertThat(coronal.lowerSlice(m)).isEqualTo(18);
        assertThat(coronal.upperWeight(m)).isCloseTo(1 / 7f, within(1e-6f));
        coronal.voxelIndex(5, 12, 3, ijk);
        assertThat(ijk[2]).isEqualTo(18);
        assertThat(coronal.describeSpacing()).isEqualTo("0.60 mm");
        assertThat(ViewPlane.stored(stack()).describeSpacing()).isEqualTo("4.00–7.00 mm (irregular)");
        assertThat(ViewPlane.stored(stack()).resamplesSlices()).isFalse();
    }
}
