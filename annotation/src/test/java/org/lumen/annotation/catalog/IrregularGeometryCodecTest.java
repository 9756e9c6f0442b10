// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.volume.VolumeGeometry;

/** A mask's geometry in the catalog keeps an irregular stack's true slice origins; a regular one is written as before. */
class IrregularGeometryCodecTest {

    @Test
    void anIrregularStackComesBackWithEverySliceAtItsTrueOrigin() {
        Vec3[] origins = {new Vec3(-50, -60, 10), new Vec3(-50, -58.66, 14), new Vec3(-50, -56.3, 21), new Vec3(-50, -53.95, 28)};
        VolumeGeometry g = VolumeGeometry.atPositions(32, 24, origins, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.7, 0.8);

        VolumeGeometry back = PayloadCodec.geometry(PayloadCodec.geometry(g));

        assertThat(back).isEqualTo(g);
        assertThat(back.isRegular()).isFalse();
        assertThat(back.slicePosition(2)).isEqualTo(origins[2]);
    }

    @Test
    void aRegularGridIsWrittenWithoutSliceOrigins() {
        VolumeGeometry g = new VolumeGeometry(8, 8, 3, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 1, new Vec3(0, 0, 2));

        String json = PayloadCodec.geometry(g);

        assertThat(json).doesNotContain("sliceOrigins");
        assertThat(PayloadCodec.geometry(json)).isEqualTo(g);
    }
}
