// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.PydicomFiles;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;

/** Stored values of files that once decoded wrongly, against a twin of the same image in another syntax. */
class PixelValuesTest {

    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final FrameDecoder decoder = new FrameDecoder();

    @Test
    void bigEndianRtDoseHasTheValuesOfItsLittleEndianTwin() throws Exception {
        assertSameGreyValues(Samples.file("multiframe/rtdose.dcm"), PydicomFiles.file("rtdose_expb.dcm"));
    }

    private void assertSameGreyValues(Path reference, Path twin) throws Exception {
        List<DecodedFrame> expected = decoder.decodeAll(reader.read(reference));
        List<DecodedFrame> actual = decoder.decodeAll(reader.read(twin));
        assertThat(actual).hasSameSizeAs(expected);
        long largest = 0;
        for (int f = 0; f < expected.size(); f++) {
            GrayFrame e = (GrayFrame) expected.get(f);
            GrayFrame a = (GrayFrame) actual.get(f);
            for (int i = 0; i < e.columns() * e.rows(); i++) {
                assertThat(a.sample(i)).as("frame %d pixel %d", f, i).isEqualTo(e.sample(i));
                largest = Math.max(largest, e.sample(i));
            }
        }
        assertThat(largest).as("the reference has values above 16 bits").isGreaterThan(0xFFFF);
    }
}
