// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;

class ChestCtPhantomTest {

    @TempDir
    Path temp;

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        ChestCtSpec spec = SmallPhantoms.chest().seed(7).build();

        PhantomResult first = Phantoms.writeChestCt(temp.resolve("a"), spec);
        PhantomResult second = Phantoms.writeChestCt(temp.resolve("b"), spec);

        assertThat(second.nodules()).isEqualTo(first.nodules());
        assertThat(second.seriesInstanceUid()).isEqualTo(first.seriesInstanceUid());
        assertThat(names(second.dicomFiles())).isEqualTo(names(first.dicomFiles()));
        for (int k = 0; k < first.dicomFiles().size(); k++) {
            assertThat(Files.readAllBytes(second.dicomFiles().get(k)))
                    .as("slice %d", k).isEqualTo(Files.readAllBytes(first.dicomFiles().get(k)));
        }
        assertThat(Files.readAllBytes(second.labelVolumeFile())).isEqualTo(Files.readAllBytes(first.labelVolumeFile()));
        assertThat(Files.readString(second.groundTruthFile())).isEqualTo(Files.readString(first.groundTruthFile()));
    }

    @Test
    void differentSeedsPlaceDifferentNodules() {
        var a = ChestCtPhantom.create(SmallPhantoms.chest().seed(1).build()).nodules();
        var b = ChestCtPhantom.create(SmallPhantoms.chest().seed(2).build()).nodules();

        assertThat(a).hasSize(4);
        assertThat(b).hasSize(4);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void nodulesAreWhollyInsideTheLungsAndApart() {
        ChestCtSpec spec = SmallPhantoms.chest().seed(11).noduleCount(6).build();
        ChestCtPhantom phantom = ChestCtPhantom.create(spec);
        PhantomVolume volume = Phantoms.renderChestCt(spec);
        VoxelGrid grid = volume.grid();
        double reach = grid.coarsestSpacingMm() / 2; // the clearance the placer keeps

        for (Nodule nodule : phantom.nodules()) {
            int inside = 0;
            for (int k = 0; k < grid.size().slices(); k++) {
                for (int j = 0; j < grid.size().rows(); j++) {
                    for (int i = 0; i < grid.size().columns(); i++) {
                        Vec3 p = grid.voxelCentre(i, j, k);
                        double d = p.distance(nodule.center());
                        if (d <= nodule.radiusMm()) {
                            assertThat(volume.label(i, j, k)).as("voxel inside nodule %d", nodule.id())
                                    .isEqualTo(nodule.labelValue());
                            assertThat(volume.value(i, j, k)).isEqualTo(nodule.hu());
                            inside++;
                        } else if (d <= nodule.radiusMm() + reach) {
                            assertThat(volume.label(i, j, k)).as("voxel just outside nodule %d", nodule.id())
                                    .isEqualTo(ChestAnatomy.LUNG);
                        }
                    }
                }
            }
            assertThat(inside).as("voxels of nodule %d", nodule.id()).isGreaterThan(8);
            assertThat(nodule.hu()).isBetween(30, 100);
            assertThat(nodule.diameterMm()).isBetween(spec.noduleMinDiameterMm(), spec.noduleMaxDiameterMm());
        }
        List<Nodule> nodules = phantom.nodules();
        for (int m = 0; m < nodules.size(); m++) {
            for (int n = m + 1; n < nodules.size(); n++) {
                assertThat(nodules.get(m).center().distance(nodules.get(n).center()))
                        .isGreaterThan(nodules.get(m).radiusMm() + nodules.get(n).radiusMm());
            }
        }
    }

    @Test
    void storedPixelsAreTheGeneratorsHuPlus1024() throws IOException {
        ChestCtSpec spec = SmallPhantoms.chest().seed(3).build();
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("ct"), spec);
        PhantomVolume volume = Phantoms.renderChestCt(spec);
        int pixels = spec.size().pixelsPerSlice();

        for (int k = 0; k < spec.size().slices(); k++) {
            short[] stored = RawPixels.lastSamples(result.dicomFiles().get(k), pixels);
            for (int n = 0; n < pixels; n++) {
                assertThat(stored[n] - 1024).isEqualTo(volume.values()[k * pixels + n]);
            }
        }
        for (Nodule nodule : result.nodules()) {
            double[] index = spec.grid().voxelIndex(nodule.center());
            int i = (int) Math.round(index[0]);
            int j = (int) Math.round(index[1]);
            int k = (int) Math.round(index[2]);
            short[] stored = RawPixels.lastSamples(result.dicomFiles().get(k), pixels);
            assertThat(stored[i + spec.size().columns() * j] - 1024).as("HU at nodule %d", nodule.id())
                    .isEqualTo(nodule.hu());
        }
    }

    @Test
    void tissuesHaveTheirDocumentedHu() {
        PhantomVolume volume = Phantoms.renderChestCt(SmallPhantoms.chest().noduleCount(0).build());
        List<Integer> seen = new ArrayList<>();
        for (int n = 0; n < volume.labels().length; n++) {
            int label = volume.labels()[n] & 0xFF;
            assertThat(volume.values()[n]).isEqualTo((short) ChestAnatomy.huOf(label));
            if (!seen.contains(label)) {
                seen.add(label);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void noiseIsSeededAndStaysInTheStoredVolume() throws IOException {
        ChestCtSpec spec = SmallPhantoms.chest().size(Size.of(32, 32, 24)).noiseSigmaHu(15).noduleCount(1).build();
        PhantomVolume a = Phantoms.renderChestCt(spec);
        PhantomVolume b = Phantoms.renderChestCt(spec);
        assertThat(a.values()).isEqualTo(b.values());

        int differing = 0;
        for (int n = 0; n < a.values().length; n++) {
            if (a.values()[n] != ChestAnatomy.huOf(a.labels()[n] & 0xFF) && (a.labels()[n] & 0xFF) < Nodule.FIRST_LABEL) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(a.values().length / 2);

        PhantomResult written = Phantoms.writeChestCt(temp.resolve("noisy"), spec);
        int pixels = spec.size().pixelsPerSlice();
        short[] stored = RawPixels.lastSamples(written.dicomFiles().get(5), pixels);
        for (int n = 0; n < pixels; n++) {
            assertThat(stored[n] - 1024).isEqualTo(a.values()[5 * pixels + n]);
        }
    }

    @Test
    void fileNamesDoNotSortInSliceOrder() throws IOException {
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("ct"), SmallPhantoms.chest().build());

        List<String> inSliceOrder = names(result.dicomFiles());
        assertThat(inSliceOrder).hasSize(40).doesNotHaveDuplicates();
        assertThat(inSliceOrder.stream().sorted().toList()).isNotEqualTo(inSliceOrder);
        try (Stream<Path> files = Files.list(result.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(concat(inSliceOrder, "labels.nii.gz", "ground-truth.json"));
        }
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("used"));
        Files.writeString(folder.resolve("old.dcm"), "old");

        assertThatThrownBy(() -> Phantoms.writeChestCt(folder, SmallPhantoms.chest().build()))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("not empty");
    }

    @Test
    void saysWhenTheNodulesDoNotFit() {
        ChestCtSpec crowded = SmallPhantoms.chest().noduleCount(200).noduleDiameterMm(40, 40).build();

        assertThatThrownBy(() -> ChestCtPhantom.create(crowded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot place 200 nodules");
    }

    @Test
    void obliqueAndSagittalGridsKeepNodulesInsideTheGrid() {
        SliceOrientation oblique = SliceOrientation.oblique(new Vec3(1, 0.3, 0), new Vec3(0, 1, -0.4));
        for (SliceOrientation orientation : List.of(SliceOrientation.SAGITTAL, SliceOrientation.CORONAL, oblique)) {
            ChestCtSpec spec = SmallPhantoms.chest().orientation(orientation).noduleCount(3).build();
            PhantomVolume volume = Phantoms.renderChestCt(spec);
            for (Nodule nodule : ChestCtPhantom.create(spec).nodules()) {
                double[] index = spec.grid().voxelIndex(nodule.center());
                int i = (int) Math.round(index[0]);
                int j = (int) Math.round(index[1]);
                int k = (int) Math.round(index[2]);
                assertThat(volume.label(i, j, k)).as("%s nodule %d", orientation, nodule.id())
                        .isEqualTo(nodule.labelValue());
            }
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<String> concat(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of(more));
        return all;
    }
}
