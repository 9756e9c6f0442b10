// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** A result on an irregular series' uniform grid goes back onto each stored slice at that slice's true position. */
class StoredSlicesTest {

    /** A field linear in patient mm: linear interpolation reproduces it exactly, wherever it samples. */
    private static float field(Vec3 p) {
        return (float) (0.5 * p.x() - 0.25 * p.y() + 2 * p.z() + 100);
    }

    private static FloatVolume onUniform(VolumeGeometry series) {
        Grid g = Grid.of(series);
        float[][] slices = new float[g.nz()][g.nx() * g.ny()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    slices[k][g.index(i, j, 0)] = field(g.toPatient(i, j, k));
                }
            }
        }
        return new FloatVolume(g, slices);
    }

    @Test
    void aTiltedStackWithTwoSpacingsGetsEachSliceAtItsTruePosition() {
        double tan = Math.tan(Math.toRadians(18.5));
        Vec3[] origins = new Vec3[12];
        double d = 0;
        for (int k = 0; k < origins.length; k++) {
            d += k == 0 ? 0 : k < 6 ? 4 : 7;
            origins[k] = new Vec3(-20, -30 + d * tan, 10 + d);
        }
        VolumeGeometry series = VolumeGeometry.atPositions(20, 16, origins, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 2, 2);
        check(series, 0);
    }

    @Test
    void slicesBesideTheLineAreShiftedInPlane() {
        // The table moved 3 mm sideways at slice 2 and back at slice 3: origins leave the straight line.
        Vec3[] origins = {new Vec3(0, 0, 0), new Vec3(0, 0, 5), new Vec3(3, 0, 10), new Vec3(0, 0, 17), new Vec3(0, 0, 24)};
        VolumeGeometry series = VolumeGeometry.atPositions(24, 20, origins, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1.5, 1.5);
        assertThat(series.offsetFromLine(2).length()).isGreaterThan(1);
        // Columns within 3 mm of the edges read clamped samples; inside, the field comes back exactly.
        check(series, 3);
    }

    @Test
    void aHeatmapOnAnotherGridIsRefused() {
        VolumeGeometry regular = new VolumeGeometry(8, 8, 4, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));
        FloatVolume other = new FloatVolume(new Grid(8, 8, 5, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 2)),
                new float[5][]);
        assertThatThrownBy(() -> StoredSlices.of(other, regular)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void check(VolumeGeometry series, int margin) {
        IntFunction<float[]> stored = StoredSlices.of(onUniform(series), series);
        for (int k = 0; k < series.slices(); k++) {
            float[] s = stored.apply(k);
            for (int j = margin; j < series.rows() - margin; j++) {
                for (int i = margin; i < series.columns() - margin; i++) {
                    assertThat(s[j * series.columns() + i]).as("slice %d voxel (%d, %d)", k, i, j)
                            .isCloseTo(field(series.toPatient(i, j, k)), within(1e-3f));
                }
            }
        }
    }
}
