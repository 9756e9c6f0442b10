// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadMrPhantomTest {

    @TempDir
    Path temp;

    private static HeadMrSpec small() {
        return HeadMrSpec.builder().size(Size.of(64, 64, 20)).pixelSpacingMm(4).sliceSpacingMm(8).build();
    }

    @Test
    void writesASagittalSeriesOfUnsignedSignals() throws IOException {
        HeadMrSpec spec = small();
        PhantomResult result = Phantoms.writeMrSeries(temp.resolve("mr"), spec);
        PhantomVolume volume = Phantoms.renderHeadMr(spec);

        assertThat(result.dicomFiles()).hasSize(20);
        assertThat(result.nodules()).isEmpty();
        GroundTruth truth = result.groundTruth();
        assertThat(truth.modality()).isEqualTo("MR");
        assertThat(truth.phantom()).isEqualTo("head-mr");
        assertThat(truth.orientation()).containsExactly(0, 1, 0, 0, 0, -1);
        assertThat(truth.rescaleIntercept()).isZero();
        int pixels = spec.size().pixelsPerSlice();
        for (int k = 0; k < 20; k++) {
            short[] stored = RawPixels.lastSamples(result.dicomFiles().get(k), pixels);
            for (int n = 0; n < pixels; n++) {
                assertThat(stored[n]).isEqualTo(volume.values()[k * pixels + n]);
                assertThat((int) stored[n]).isBetween(0, 4095);
            }
        }
    }

    @Test
    void showsEveryTissue() {
        PhantomVolume volume = Phantoms.renderHeadMr(HeadMrSpec.builder().size(Size.of(96, 96, 40)).pixelSpacingMm(2.5)
                .sliceSpacingMm(4).build());
        Set<Integer> labels = new HashSet<>();
        for (byte label : volume.labels()) {
            labels.add(label & 0xFF);
        }
        assertThat(labels).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void sameSpecGivesTheSameUids() throws IOException {
        PhantomResult a = Phantoms.writeMrSeries(temp.resolve("a"), small());
        PhantomResult b = Phantoms.writeMrSeries(temp.resolve("b"), small());
        PhantomResult c = Phantoms.writeMrSeries(temp.resolve("c"), HeadMrSpec.builder().size(Size.of(64, 64, 20))
                .pixelSpacingMm(4).sliceSpacingMm(8).seed(43).build());

        assertThat(b.seriesInstanceUid()).isEqualTo(a.seriesInstanceUid());
        assertThat(c.seriesInstanceUid()).isNotEqualTo(a.seriesInstanceUid());
        assertThat(c.studyInstanceUid()).isNotEqualTo(a.studyInstanceUid());
    }
}
