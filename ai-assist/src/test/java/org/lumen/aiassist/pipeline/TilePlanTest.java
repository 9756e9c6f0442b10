// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lumen.aiassist.grid.Grid;
import org.lumen.viewer.geometry.Vec3;

class TilePlanTest {

    @Test
    void tilesCoverTheAxisWithAtLeastTheOverlap() {
        for (int n = 1; n <= 400; n += 7) {
            int[] starts = TilePlan.starts(n, 96, 0.25);
            assertThat(starts[0]).isZero();
            assertThat(starts[starts.length - 1]).isEqualTo(Math.max(0, n - 96));
            for (int t = 1; t < starts.length; t++) {
                int step = starts[t] - starts[t - 1];
                assertThat(step).as("n=%d", n).isPositive().isLessThanOrEqualTo(74);
            }
        }
    }

    @Test
    void aGridOneVoxelLongerThanWholeStridesCostsNoExtraTile() {
        assertThat(TilePlan.starts(241, 96, 0.25)).containsExactly(0, 73, 145);
        assertThat(TilePlan.starts(240, 96, 0.25)).containsExactly(0, 72, 144);
    }

    @Test
    void aShortAxisGetsOneTile() {
        assertThat(TilePlan.starts(50, 96, 0.25)).containsExactly(0);
        assertThat(TilePlan.starts(96, 96, 0.25)).containsExactly(0);
    }

    @Test
    void sliceWiseTilesStepOneSlice() {
        Grid g = new Grid(10, 10, 5, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        TilePlan plan = TilePlan.of(g, new int[] {10, 10, 1}, 0.5);

        assertThat(plan.tileCount()).isEqualTo(5);
        assertThat(plan.tiles()).extracting(TilePlan.Tile::z).containsExactly(0, 1, 2, 3, 4);
    }
}
