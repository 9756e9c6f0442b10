// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The vessel tree and the correlated noise that make the chest phantom a test a detector can fail. */
class VesselTreeTest {

    private static ChestCtSpec.Builder chest() {
        return ChestCtSpec.builder().seed(3).size(Size.of(160, 160, 70)).pixelSpacingMm(2.2).sliceSpacingMm(2.5).noduleCount(4)
                .noduleDiameterMm(6, 12);
    }

    @Test
    void theTreeGrowsInsideTheLungsTaperingFromTheHilumAndTheSameSeedGrowsTheSameTree() {
        ChestCtPhantom phantom = ChestCtPhantom.create(chest().vessels(true).build());
        var box = phantom.grid().boundingBox();
        ChestAnatomy anatomy = new ChestAnatomy(box[0], box[1]);
        VesselTree tree = VesselTree.grow(anatomy, 3);

        assertThat(tree.segments()).hasSizeGreaterThan(100);
        assertThat(VesselTree.grow(anatomy, 3).segments()).isEqualTo(tree.segments());
        assertThat(VesselTree.grow(anatomy, 4).segments()).isNotEqualTo(tree.segments());
        for (VesselTree.Segment s : tree.segments()) {
            assertThat(s.rb()).isLessThan(s.ra());
            assertThat(s.ra()).isBetween(0.4, 5.0);
            boolean inALung = false;
            for (ChestAnatomy.Ellipsoid lung : anatomy.lungs()) {
                inALung |= lung.contains(s.b().x(), s.b().y(), s.b().z());
            }
            assertThat(inALung).as("segment end %s lies in a lung", s.b()).isTrue();
        }
        assertThat(phantom.vesselSegments()).isEqualTo(tree.segments().size());
        assertThat(ChestCtPhantom.create(chest().build()).vesselSegments()).isZero();
    }

    @Test
    void vesselsTakeAFewPercentOfTheLungAndNodulesStayWhole() {
        PhantomVolume plain = Phantoms.renderChestCt(chest().build());
        PhantomVolume withVessels = Phantoms.renderChestCt(chest().vessels(true).build());
        long lung = 0;
        long vessel = 0;
        long[] noduleVoxels = new long[2];
        for (int n = 0; n < plain.labels().length; n++) {
            int before = plain.labels()[n] & 0xFF;
            int after = withVessels.labels()[n] & 0xFF;
            lung += before == ChestAnatomy.LUNG ? 1 : 0;
            vessel += after == ChestAnatomy.VESSEL ? 1 : 0;
            if (after == ChestAnatomy.VESSEL) {
                assertThat(before).as("vessels grow in the lung only").isEqualTo(ChestAnatomy.LUNG);
                assertThat(withVessels.values()[n]).isEqualTo((short) 40);
            }
            noduleVoxels[0] += before >= Nodule.FIRST_LABEL ? 1 : 0;
            noduleVoxels[1] += after >= Nodule.FIRST_LABEL ? 1 : 0;
        }
        assertThat((double) vessel / lung).isBetween(0.005, 0.15);
        assertThat(noduleVoxels[1]).as("a nodule beside a vessel keeps every voxel").isEqualTo(noduleVoxels[0]);
    }

    @Test
    void correlatedNoiseKeepsItsDeviationAndCorrelatesNeighbours() {
        double[] white = noiseStats(chest().noduleCount(0).noiseSigmaHu(20).build());
        double[] correlated = noiseStats(chest().noduleCount(0).noiseSigmaHu(20).noiseCorrelationMm(2.2).build());
        assertThat(white[0]).isCloseTo(20, within(1.5));
        assertThat(correlated[0]).isCloseTo(20, within(2.5));
        assertThat(white[1]).isCloseTo(0, within(0.05));
        assertThat(correlated[1]).isGreaterThan(0.6);
    }

    /** {standard deviation, correlation of horizontal neighbours} of the noise in the soft tissue and heart of the middle slice. */
    private static double[] noiseStats(ChestCtSpec spec) {
        PhantomVolume noisy = Phantoms.renderChestCt(spec);
        PhantomVolume clean = Phantoms.renderChestCt(ChestCtSpec.builder().seed(spec.seed()).size(spec.size())
                .pixelSpacingMm(spec.pixelSpacingMm()).sliceSpacingMm(spec.sliceSpacingMm()).noduleCount(0).build());
        int columns = spec.size().columns();
        int k = spec.size().slices() / 2;
        double sum = 0;
        double squares = 0;
        double products = 0;
        int n = 0;
        for (int j = 0; j < spec.size().rows(); j++) {
            for (int i = 0; i < columns - 1; i++) {
                int index = spec.grid().index(i, j, k);
                int next = spec.grid().index(i + 1, j, k);
                int label = clean.labels()[index];
                // Tissue near 40 HU, where no value is clipped (air at -1000 would be, at -1024).
                if ((label != ChestAnatomy.SOFT_TISSUE && label != ChestAnatomy.HEART) || clean.labels()[next] != label) {
                    continue;
                }
                double a = noisy.values()[index] - clean.values()[index];
                double b = noisy.values()[next] - clean.values()[next];
                sum += a;
                squares += a * a;
                products += a * b;
                n++;
            }
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        return new double[] {Math.sqrt(variance), (products / n - mean * mean) / variance};
    }
}
