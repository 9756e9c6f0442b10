// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.viewer.geometry.Vec3;

class GridResamplerTest {

    private static final Grid SOURCE = new Grid(20, 16, 12, new Vec3(-10, -8, 0), new Vec3(1.5, 0, 0), new Vec3(0, 1.5, 0),
            new Vec3(0, 0, 1.5));

    /** Sparse random values: most rows empty, as heatmaps are. */
    private static float[] values() {
        SplittableRandom random = new SplittableRandom(7);
        float[] v = new float[SOURCE.arrayLength()];
        for (int n = 0; n < 40; n++) {
            v[random.nextInt(v.length)] = (float) random.nextDouble();
        }
        return v;
    }

    private static float direct(float[] src, Grid target, int i, int j, int k) {
        double[] s = SOURCE.toVoxel(target.toPatient(i, j, k));
        if (s[0] < -0.5 || s[1] < -0.5 || s[2] < -0.5 || s[0] > SOURCE.nx() - 0.5 || s[1] > SOURCE.ny() - 0.5 || s[2] > SOURCE.nz() - 0.5) {
            return 0;
        }
        return GridResampler.sample(src, SOURCE.nx(), SOURCE.ny(), SOURCE.nz(), s[0], s[1], s[2]);
    }

    private static void assertSameAsDirect(Grid target) throws Exception {
        float[] src = values();
        FloatVolume out = GridResampler.resample(SOURCE, src, target, null);
        int nonZero = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    float expected = direct(src, target, i, j, k);
                    assertThat(out.value(i, j, k)).as("%d,%d,%d", i, j, k).isCloseTo(expected, within(1e-6f));
                    nonZero += expected != 0 ? 1 : 0;
                }
            }
        }
        assertThat(nonZero).isPositive();
        assertThat(out.storedSlices()).isLessThan(target.nz());
    }

    @Test
    void parallelAxesTakeTheFastPathAndAgreeWithDirectInterpolation() throws Exception {
        assertSameAsDirect(new Grid(45, 37, 25, new Vec3(-10.3, -8.2, -0.4), new Vec3(0.7, 0, 0), new Vec3(0, 0.7, 0),
                new Vec3(0, 0, 0.8)));
    }

    @Test
    void obliqueTargetsAgreeWithDirectInterpolation() throws Exception {
        Vec3 u = new Vec3(1, 0.2, 0).normalized();
        Vec3 v = new Vec3(-0.2, 1, 0.1).normalized();
        assertSameAsDirect(new Grid(40, 34, 22, new Vec3(-11, -9, -1), u.times(0.8), v.times(0.8), u.cross(v).normalized()));
    }

    @Test
    void theSameGridIsNotResampled() throws Exception {
        float[] src = values();

        FloatVolume out = GridResampler.resample(SOURCE, src, SOURCE, null);

        assertThat(out.toArray()).isEqualTo(src);
    }
}
