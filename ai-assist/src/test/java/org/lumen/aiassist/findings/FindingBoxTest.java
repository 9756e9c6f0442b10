// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.viewport.PlaneAxis;
import org.lumen.viewer.viewport.ViewPlane;
import org.lumen.viewer.volume.VolumeGeometry;

/** A finding's box found on a view's plane: a 2D box on its own image only, a 3D box on the slices it spans, in reformats too. */
class FindingBoxTest {

    /** 40 columns × 30 rows × 10 slices, 0.5 mm pixels, 2 mm slices, axial, origin at (10, 20, 30). */
    private static VolumeGeometry axial() {
        return new VolumeGeometry(40, 30, 10, new Vec3(10, 20, 30), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 0.5, 0.5, new Vec3(0, 0, 2));
    }

    @Test
    void aBoxOnAnImageLiesOnThatImageAtItsPixels() {
        VolumeGeometry g = axial();
        FindingBox box = FindingBox.onImage(3, new double[] {4.5, 6.5, 9.5, 8.5}, g, 7);
        ViewPlane stored = ViewPlane.stored(g);
        FindingBox.OnPlane p = box.on(stored, 7);
        assertThat(p).isNotNull();
        assertThat(new double[] {p.x0(), p.y0(), p.x1(), p.y1()}).containsExactly(new double[] {4.5, 6.5, 9.5, 8.5}, within(1e-9));
        assertThat(box.on(stored, 6)).isNull();
        assertThat(box.on(stored, 8)).isNull();
        assertThat(box.nearestIndex(stored)).isEqualTo(7);
        assertThat(box.rank()).isEqualTo(3);
    }

    @Test
    void aBoxAroundAVolumeFindingSpansItsSlicesInEveryPlane() {
        VolumeGeometry g = axial();
        // Centre at voxel (20, 15, 5): x 10 + 20·0.5, y 20 + 15·0.5, z 30 + 5·2; 4 × 3 × 6 mm: 8 × 6 pixels, three slices.
        Finding f = new Finding(1, "nodule", 1, 0.9, new Vec3(20, 27.5, 40), new double[] {4, 3, 6}, 0, 0,
                new Provenance("m", "m", "1", "0".repeat(64), "s", "cpu", Instant.EPOCH));
        FindingBox box = FindingBox.around(f);
        ViewPlane stored = ViewPlane.stored(g);
        for (int k = 0; k < 10; k++) {
            assertThat(box.on(stored, k) != null).as("slice %d", k).isEqualTo(k >= 4 && k <= 6);
        }
        FindingBox.OnPlane p = box.on(stored, 5);
        assertThat(new double[] {p.x0(), p.y0(), p.x1(), p.y1()}).containsExactly(new double[] {16, 12, 24, 18}, within(1e-9));
        // A coronal reformat (rows): the box spans rows 12..18 and shows the slices' extent vertically.
        ViewPlane coronal = ViewPlane.of(g, PlaneAxis.ROWS);
        assertThat(box.on(coronal, 15)).isNotNull();
        assertThat(box.on(coronal, 11)).isNull();
        assertThat(box.nearestIndex(coronal)).isEqualTo(15);
    }
}
