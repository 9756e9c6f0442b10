// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiDataType;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiHeader;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;

class LabelVolumeTest {

    @TempDir
    Path temp;

    @Test
    void labelVolumeSharesTheSeriesGridAndHoldsTheGeneratorsLabels() throws IOException {
        ChestCtSpec spec = SmallPhantoms.chest().seed(9).build();
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("ct"), spec);
        PhantomVolume volume = Phantoms.renderChestCt(spec);

        NiftiImage image = new NiftiReader().read(result.labelVolumeFile());

        NiftiHeader header = image.header();
        assertThat(result.labelVolumeFile().getFileName().toString()).isEqualTo("labels.nii.gz");
        assertThat(header.dataType()).isEqualTo(NiftiDataType.UINT8);
        assertThat(header.dim()).startsWith(3, 64, 64, 40);
        assertThat(header.intentCode()).isEqualTo(NiftiHeader.INTENT_LABEL);
        // Axial LPS grid: RAS sform negates the x and y rows.
        float[][] srow = header.srow();
        Vec3 origin = spec.origin();
        assertThat(srow[0]).containsExactly(-5f, 0f, 0f, (float) -origin.x());
        assertThat(srow[1]).containsExactly(0f, -5f, 0f, (float) -origin.y());
        assertThat(srow[2]).containsExactly(0f, 0f, 5f, (float) origin.z());
        assertThat(header.qformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
        for (int n = 0; n < volume.labels().length; n++) {
            assertThat(image.uint8(n)).isEqualTo(volume.labels()[n] & 0xFF);
        }
        for (Nodule nodule : result.nodules()) {
            double[] index = spec.grid().voxelIndex(nodule.center());
            long at = image.index((int) Math.round(index[0]), (int) Math.round(index[1]), (int) Math.round(index[2]));
            assertThat(image.uint8(at)).isEqualTo(nodule.labelValue());
        }
    }

    @Test
    void obliqueGridsKeepTheirAffine() throws IOException {
        SliceOrientation oblique = SliceOrientation.oblique(new Vec3(1, 0, 0.2), new Vec3(0, 0.3, -1));
        ChestCtSpec spec = SmallPhantoms.chest().size(Size.of(48, 40, 30)).orientation(oblique).noduleCount(2).build();
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("oblique"), spec);

        NiftiGeometry read = new NiftiReader().read(result.labelVolumeFile()).header().geometry();
        NiftiGeometry expected = spec.grid().toNiftiGeometry();

        assertThat(read.nx()).isEqualTo(48);
        assertThat(read.ny()).isEqualTo(40);
        assertThat(read.nz()).isEqualTo(30);
        assertClose(read.origin(), expected.origin());
        assertClose(read.iStep(), expected.iStep());
        assertClose(read.jStep(), expected.jStep());
        assertClose(read.kStep(), expected.kStep());
    }

    private static void assertClose(Vec3 actual, Vec3 expected) {
        assertThat(actual.distance(expected)).as("%s vs %s", actual, expected).isCloseTo(0, within(1e-4));
    }
}
