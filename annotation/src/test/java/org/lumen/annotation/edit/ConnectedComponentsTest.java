// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.volume.VolumeGeometry;

class ConnectedComponentsTest {

    private final VolumeGeometry g = TestGrids.axial(30, 30, 10, 0.5, 0.5, 2);

    @Test
    void countsCentroidsBoxesAndVolumesPerComponent() {
        LabelMask mask = new LabelMask(30, 30, 10);
        // A 4x3x2 block and a 2x2x1 block of label 1, one voxel of label 2.
        fill(mask, 2, 5, 3, 5, 4, 5, 1);
        fill(mask, 20, 21, 20, 21, 8, 8, 1);
        mask.set(0, 0, 0, 2);

        List<Component> components = ConnectedComponents.of(mask, 1, Connectivity.SIX, g);
        assertThat(components).hasSize(2);
        Component big = components.get(0);
        assertThat(big.id()).isEqualTo(1);
        assertThat(big.label()).isEqualTo(1);
        assertThat(big.voxels()).isEqualTo(24);
        assertThat(big.volumeMm3()).isCloseTo(24 * 0.5, within(1e-9));
        assertThat(big.box()).isEqualTo(new VoxelBox(2, 3, 4, 5, 5, 5));
        assertThat(big.centroid().distance(g.toPatient(3.5, 4, 4.5))).isLessThan(1e-9);
        assertThat(components.get(1).voxels()).isEqualTo(4);
        assertThat(MaskStatistics.volumeMm3(mask, g, 1)).isCloseTo(28 * 0.5, within(1e-9));

        assertThat(ConnectedComponents.ofAnyLabel(mask, Connectivity.SIX, g)).hasSize(3);
    }

    @Test
    void connectivityDecidesWhetherDiagonalNeighboursJoin() {
        LabelMask mask = new LabelMask(30, 30, 10);
        mask.set(5, 5, 5, 1);
        mask.set(6, 6, 5, 1); // in-plane diagonal: an 8- and 18-neighbour
        mask.set(7, 7, 6, 1); // 3D corner: a 26-neighbour only
        assertThat(ConnectedComponents.of(mask, 1, Connectivity.SIX, g)).hasSize(3);
        assertThat(ConnectedComponents.of(mask, 1, Connectivity.EIGHTEEN, g)).hasSize(2);
        assertThat(ConnectedComponents.of(mask, 1, Connectivity.TWENTY_SIX, g)).hasSize(1);
        assertThat(ConnectedComponents.of(mask, 1, Connectivity.EIGHT, g)).hasSize(2);
        assertThat(ConnectedComponents.of(mask, 1, Connectivity.FOUR, g)).hasSize(3);
    }

    @Test
    void planarComponentsAreSeparatePerSlice() {
        LabelMask mask = new LabelMask(30, 30, 10);
        fill(mask, 1, 3, 1, 3, 2, 4, 1);
        List<Component> perSlice = ConnectedComponents.of(mask, 1, Connectivity.FOUR, g);
        assertThat(perSlice).hasSize(3).allSatisfy(c -> assertThat(c.voxels()).isEqualTo(9));
        assertThat(perSlice).extracting(c -> c.box().minK()).containsExactlyInAnyOrder(2, 3, 4);
    }

    private static void fill(LabelMask mask, int i0, int i1, int j0, int j1, int k0, int k1, int label) {
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    mask.set(i, j, k, label);
                }
            }
        }
    }
}
