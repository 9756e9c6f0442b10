// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a scanner images what the phantom holds (opt-in): partial volume — a voxel across an edge takes the mix of both
 * sides, as a scanner's finite voxels do, while
 * voxels inside one tissue and every label stay as without it; and textured bone.
 */
class ImagingRealismTest {

    private static ChestCtSpec.Builder chest() {
        return ChestCtSpec.builder().seed(9).size(Size.of(96, 96, 40)).pixelSpacingMm(3.5).sliceSpacingMm(4).noduleCount(2)
                .noduleDiameterMm(14, 20);
    }

    @Test
    void edgesMixAndInteriorsAndLabelsStay() {
        PhantomVolume sharp = Phantoms.renderChestCt(chest().build());
        PhantomVolume mixed = Phantoms.renderChestCt(chest().partialVolume(true).build());
        assertThat(mixed.labels()).isEqualTo(sharp.labels());
        int columns = sharp.grid().size().columns();
        int rows = sharp.grid().size().rows();
        int slices = sharp.grid().size().slices();
        long edges = 0;
        long between = 0;
        long interiorsChanged = 0;
        for (int k = 1; k < slices - 1; k++) {
            for (int j = 1; j < rows - 1; j++) {
                for (int i = 1; i < columns - 1; i++) {
                    int label = sharp.label(i, j, k);
                    boolean edge = sharp.label(i - 1, j, k) != label || sharp.label(i + 1, j, k) != label || sharp.label(i, j - 1, k) != label
                            || sharp.label(i, j + 1, k) != label || sharp.label(i, j, k - 1) != label || sharp.label(i, j, k + 1) != label;
                    int before = sharp.value(i, j, k);
                    int after = mixed.value(i, j, k);
                    if (label == ChestAnatomy.LUNG && edge) {
                        edges++;
                        // A lung voxel at its border mixes with what lies beyond (soft tissue, bone, fat, a nodule): denser than air.
                        between += after > before ? 1 : 0;
                    }
                    if (!edge && label == ChestAnatomy.LUNG && after != before) {
                        interiorsChanged++;
                    }
                }
            }
        }
        assertThat(edges).isPositive();
        assertThat((double) between / edges).as("border lung voxels that take some of their neighbour's density").isGreaterThan(0.5);
        // A voxel whose six neighbours share its label can still have a corner across an edge; most do not.
        assertThat(interiorsChanged).isLessThan(edges);
        assertThat(chest().partialVolume(true).build().toString()).endsWith(", partialVolume=true]");
        assertThat(chest().build().toString()).doesNotContain("partialVolume");
    }

    /** Airways (opt-in): air in a wall, the trachea on the midline above the carina, bronchi into both lungs; nodules stay whole. */
    @Test
    void airwaysAreAirInAWallFromTheTracheaIntoBothLungs() {
        ChestCtSpec spec = chest().airways(true).build();
        ChestCtPhantom phantom = ChestCtPhantom.create(spec);
        assertThat(phantom.airwaySegments()).isGreaterThan(20);
        PhantomVolume plain = Phantoms.renderChestCt(chest().build());
        PhantomVolume airways = Phantoms.renderChestCt(spec);
        long air = 0;
        long wall = 0;
        long[] nodules = new long[2];
        boolean[] lungs = new boolean[2];
        VoxelGrid grid = airways.grid();
        int columns = grid.size().columns();
        for (int n = 0; n < plain.labels().length; n++) {
            int before = plain.labels()[n] & 0xFF;
            int after = airways.labels()[n] & 0xFF;
            if (after == ChestAnatomy.AIRWAY) {
                air++;
                assertThat(airways.values()[n]).isEqualTo((short) -1000);
                assertThat(before).isIn(ChestAnatomy.LUNG, ChestAnatomy.SOFT_TISSUE);
                if (before == ChestAnatomy.LUNG) {
                    lungs[(n % columns) < columns / 2 ? 0 : 1] = true;
                }
            }
            wall += after == ChestAnatomy.AIRWAY_WALL ? 1 : 0;
            nodules[0] += before >= Nodule.FIRST_LABEL ? 1 : 0;
            nodules[1] += after >= Nodule.FIRST_LABEL ? 1 : 0;
        }
        assertThat(air).isPositive();
        assertThat(wall).as("a wall around the air").isPositive();
        assertThat(lungs).as("bronchi in both lungs").containsExactly(true, true);
        assertThat(nodules[1]).isEqualTo(nodules[0]);
        assertThat(phantom.labelNames()).containsEntry(ChestAnatomy.AIRWAY, "airway").containsEntry(ChestAnatomy.AIRWAY_WALL, "airway wall");
        assertThat(spec.toString()).endsWith(", airways=true]");
    }

    /** Textured bone (opt-in): a 1000 HU cortex around trabecular bone that varies; other tissues and labels unchanged. */
    @Test
    void texturedBoneHasACortexAroundVaryingTrabecularBone() {
        PhantomVolume plain = Phantoms.renderChestCt(chest().build());
        PhantomVolume textured = Phantoms.renderChestCt(chest().texturedBone(true).build());
        assertThat(textured.labels()).isEqualTo(plain.labels());
        java.util.Set<Integer> trabecular = new java.util.TreeSet<>();
        long cortex = 0;
        long bone = 0;
        for (int n = 0; n < plain.values().length; n++) {
            if ((plain.labels()[n] & 0xFF) == ChestAnatomy.BONE) {
                bone++;
                int v = textured.values()[n];
                if (v == ChestCtPhantom.CORTEX_HU) {
                    cortex++;
                } else {
                    assertThat(v).isBetween(ChestCtPhantom.TRABECULAR_HU - ChestCtPhantom.TRABECULAR_SPREAD_HU,
                            ChestCtPhantom.TRABECULAR_HU + ChestCtPhantom.TRABECULAR_SPREAD_HU);
                    trabecular.add(v);
                }
            } else {
                assertThat(textured.values()[n]).isEqualTo(plain.values()[n]);
            }
        }
        assertThat(cortex).as("the shell").isPositive().isLessThan(bone);
        assertThat(trabecular).as("trabecular bone varies").hasSizeGreaterThan(20);
        assertThat(chest().texturedBone(true).build().toString()).endsWith(", texturedBone=true]");
    }
}
