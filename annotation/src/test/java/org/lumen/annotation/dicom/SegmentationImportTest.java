// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.exchange.ImportedSegmentation;

/** SEGs written by others (dcmqi's liver segmentation, also RLE-compressed) read into Lumen's domain types. */
class SegmentationImportTest {

    static final Path SAMPLES = Path.of(System.getProperty("lumen.samples", "../../shared/dicom-samples")).resolve("seg_sr_rt");
    /** The liver voxels in dcmqi's sample, as pydicom counts them (pixel_array.sum()). */
    private static final long LIVER_VOXELS = 107_098;

    @Test
    void readsDcmqisBinaryLiverSegmentation() throws Exception {
        ImportedSegmentation seg = SegmentationImport.read(SAMPLES.resolve("liver.dcm"));
        assertThat(seg.type()).isEqualTo("BINARY");
        assertThat(seg.segments()).hasSize(1);
        assertThat(seg.segments().getFirst().label()).isEqualTo("Liver");
        assertThat(seg.segments().getFirst().type().value()).isNotBlank();
        assertThat(seg.frames()).hasSize(3);
        assertThat(seg.referencedSeriesUid()).isEqualTo("1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1");
        ImportedSegmentation.Placement placed = seg.labelsOnOwnGrid();
        assertThat(placed.labels().slices()).isEqualTo(3);
        assertThat(placed.unplacedFrames()).isZero();
        assertThat(placed.labels().count(1)).isEqualTo(LIVER_VOXELS);
    }

    @Test
    void readsTheSameSegmentationRleCompressed() throws Exception {
        ImportedSegmentation plain = SegmentationImport.read(SAMPLES.resolve("liver.dcm"));
        ImportedSegmentation rle = SegmentationImport.read(SAMPLES.resolve("liver_rle.dcm"));
        assertThat(rle.frames()).hasSize(3);
        assertThat(rle.labelsOnOwnGrid().labels()).isEqualTo(plain.labelsOnOwnGrid().labels());
    }
}
