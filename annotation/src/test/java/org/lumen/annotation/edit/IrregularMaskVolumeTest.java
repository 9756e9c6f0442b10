// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lumen.annotation.mask.LabelMask;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** In a stack with uneven gaps, a labelled voxel counts for the slab its slice really covers, not the mean gap. */
class IrregularMaskVolumeTest {

    /** Slices at 0, 4, 8, 15, 22 mm: voxels 1 × 1 mm in plane. */
    private static final VolumeGeometry GAPPED = VolumeGeometry.atPositions(10, 10,
            new Vec3[] {new Vec3(0, 0, 0), new Vec3(0, 0, 4), new Vec3(0, 0, 8), new Vec3(0, 0, 15), new Vec3(0, 0, 22)},
            new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1);

    @Test
    void eachSlicesVoxelsReachHalfwayToItsNeighbours() {
        LabelMask mask = new LabelMask(10, 10, 5);
        for (int i = 0; i < 5; i++) {
            mask.set(i, 0, 1, 1); // slice at 4 mm: from 2 to 6 mm
            mask.set(i, 1, 3, 1); // slice at 15 mm: from 11.5 to 18.5 mm
        }

        assertThat(MaskStatistics.volumeMm3(mask, GAPPED, 1)).isCloseTo(5 * 4 + 5 * 7, within(1e-9));
        assertThat(MaskStatistics.sliceThicknessMm(GAPPED, 2)).isCloseTo(5.5, within(1e-9));
        assertThat(MaskStatistics.sliceThicknessMm(GAPPED, 4)).isCloseTo(7, within(1e-9));
    }
}
