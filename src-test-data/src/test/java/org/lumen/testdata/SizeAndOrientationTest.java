// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;

class SizeAndOrientationTest {

    @Test
    void parsesSizes() {
        assertThat(Size.parse("512x512x300")).isEqualTo(Size.of(512, 512, 300));
        assertThat(Size.parse(" 64 X 32 x 10 ")).isEqualTo(Size.of(64, 32, 10));
        assertThat(Size.of(64, 32, 10)).hasToString("64x32x10");
    }

    @Test
    void refusesMalformedSizes() {
        assertThatThrownBy(() -> Size.parse("512x512")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512x512x300").hasMessageContaining("\"512x512\"");
        assertThatThrownBy(() -> Size.parse("0x4x4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesOrientations() {
        assertThat(SliceOrientation.parse("Sagittal")).isEqualTo(SliceOrientation.SAGITTAL);
        SliceOrientation oblique = SliceOrientation.parse("2,0,0,0,1,1");
        assertThat(oblique.rowDirection()).isEqualTo(new Vec3(1, 0, 0));
        assertThat(oblique.columnDirection().y()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThatThrownBy(() -> SliceOrientation.parse("up")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axial, coronal, sagittal");
    }

    @Test
    void obliqueOrthogonalisesTheColumnDirection() {
        SliceOrientation o = SliceOrientation.oblique(new Vec3(1, 1, 0), new Vec3(0, 1, 0));
        assertThat(o.rowDirection().dot(o.columnDirection())).isCloseTo(0, within(1e-12));
        assertThat(o.normal().length()).isCloseTo(1, within(1e-12));
    }

    @Test
    void gridsMapIndicesToPatientSpaceAndBack() {
        VoxelGrid grid = VoxelGrid.centredOn(new Vec3(10, 20, 30), Size.of(11, 21, 5), 0.5, 2, 3,
                SliceOrientation.CORONAL);
        assertThat(grid.voxelCentre(5, 10, 2)).isEqualTo(new Vec3(10, 20, 30));
        // Coronal: slices advance along row × column = (1,0,0) × (0,0,-1) = (0,1,0).
        assertThat(grid.slicePosition(1).minus(grid.slicePosition(0))).isEqualTo(new Vec3(0, 3, 0));
        double[] index = grid.voxelIndex(grid.voxelCentre(1.5, 2.25, 4));
        assertThat(index[0]).isCloseTo(1.5, within(1e-9));
        assertThat(index[1]).isCloseTo(2.25, within(1e-9));
        assertThat(index[2]).isCloseTo(4, within(1e-9));
    }
}
