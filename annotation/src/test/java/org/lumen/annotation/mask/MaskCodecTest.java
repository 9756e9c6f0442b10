// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Label masks round-trip exactly, cost kilobytes for a few lesions, and a damaged blob is refused with a reason. */
class MaskCodecTest {

    @Test
    void aFewSphericalLesionsInA512CubeRoundTripInKilobytes() throws IOException {
        LabelMask mask = new LabelMask(512, 512, 300);
        sphere(mask, 200, 240, 100, 12, 1);
        sphere(mask, 330, 260, 180, 8, 2);
        sphere(mask, 260, 150, 40, 5, 1);

        byte[] blob = MaskCodec.encode(mask);
        LabelMask back = MaskCodec.decode(blob);

        assertThat(back).isEqualTo(mask);
        assertThat(back.labels()).containsExactly(1, 2);
        assertThat(back.count(2)).isEqualTo(mask.count(2)).isPositive();
        assertThat(blob.length).as("bytes for %d labelled voxels", mask.count(1) + mask.count(2)).isLessThan(16 * 1024);
    }

    @Test
    void aSliceWrittenFromItsRunsIsTheSameBlobAsTheOneSliceMaskAndReadsBack() throws IOException {
        LabelMask mask = new LabelMask(512, 512, 3);
        sphere(mask, 200, 240, 1, 12, 1);
        sphere(mask, 215, 250, 1, 6, 2);
        byte[] plane = mask.sliceOrNull(1);
        SliceRuns runs = SliceRuns.of(plane, 512 * 512);
        assertThat(runs.runs()).isLessThan(200);
        assertThat(runs.toPlane()).isEqualTo(plane);

        LabelMask one = new LabelMask(512, 512, 1);
        one.replaceSlice(0, plane);
        // Identical bytes: stored slices are shared between revisions by the hash of their blob.
        assertThat(MaskCodec.encodeSlice(512, 512, runs)).isEqualTo(MaskCodec.encode(one));
        assertThat(MaskCodec.decode(MaskCodec.encodeSlice(512, 512, runs))).isEqualTo(one);

        SliceRuns cleared = SliceRuns.of(null, 512 * 512);
        assertThat(cleared.isEmpty()).isTrue();
        assertThat(SliceRuns.of(new byte[512 * 512], 512 * 512)).isEqualTo(cleared);
        assertThat(cleared.toPlane()).isNull();
        assertThatThrownBy(() -> MaskCodec.encodeSlice(512, 512, cleared)).hasMessageContaining("empty slice");
        assertThatThrownBy(() -> MaskCodec.encodeSlice(256, 512, runs)).hasMessageContaining("not 256x512");
        assertThatThrownBy(() -> SliceRuns.of(new byte[10], 12)).hasMessageContaining("needs 12 labels, not 10");
    }

    @Test
    void anEmptyMaskAndAFullSliceRoundTrip() throws IOException {
        LabelMask empty = new LabelMask(64, 32, 10);
        assertThat(MaskCodec.decode(MaskCodec.encode(empty))).isEqualTo(empty);
        byte[] full = new byte[64 * 32];
        Arrays.fill(full, (byte) 255);
        empty.replaceSlice(9, full);
        assertThat(MaskCodec.decode(MaskCodec.encode(empty)).get(63, 31, 9)).isEqualTo(255);
    }

    @Test
    void noisyLabelsRoundTripExactly() throws IOException {
        LabelMask mask = new LabelMask(97, 61, 7);
        Random random = new Random(3);
        for (int n = 0; n < 5000; n++) {
            mask.set(random.nextInt(97), random.nextInt(61), random.nextInt(7), random.nextInt(256));
        }
        assertThat(MaskCodec.decode(MaskCodec.encode(mask))).isEqualTo(mask);
    }

    @Test
    void damagedBlobsAreRefusedWithAReason() {
        LabelMask mask = new LabelMask(32, 32, 4);
        sphere(mask, 16, 16, 2, 5, 3);
        byte[] blob = MaskCodec.encode(mask);
        assertThatThrownBy(() -> MaskCodec.decode(Arrays.copyOf(blob, blob.length / 2))).isInstanceOf(IOException.class)
                .hasMessageContaining("label mask");
        assertThatThrownBy(() -> MaskCodec.decode(new byte[] {1, 2, 3, 4})).isInstanceOf(IOException.class);
    }

    @Test
    void setOutsideTheGridIsIgnoredAndClearingFreesTheSlice() {
        LabelMask mask = new LabelMask(8, 8, 3);
        assertThat(mask.set(-1, 0, 0, 1)).isZero();
        assertThat(mask.set(2, 2, 1, 5)).isZero();
        assertThat(mask.labelledSlices().stream().toArray()).containsExactly(1);
        assertThat(mask.set(2, 2, 1, 0)).isEqualTo(5);
        assertThat(mask.labelledSlices().isEmpty()).isTrue();
        assertThatThrownBy(() -> mask.set(0, 0, 0, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sphere(LabelMask mask, int ci, int cj, int ck, int r, int label) {
        for (int k = ck - r; k <= ck + r; k++) {
            for (int j = cj - r; j <= cj + r; j++) {
                for (int i = ci - r; i <= ci + r; i++) {
                    if ((i - ci) * (i - ci) + (j - cj) * (j - cj) + (k - ck) * (k - ck) <= r * r) {
                        mask.set(i, j, k, label);
                    }
                }
            }
        }
    }
}
