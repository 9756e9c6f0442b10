// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.index.InstanceHeader;

/** Lumen's JPEG lossless decoder takes every JPEG lossless file of the corpus and agrees with PixelMed's. */
class NativeJpegFramesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm",
        "wg04/CT2_JPLL.dcm",
        "cr_dx_mg/RG2_JPLL.dcm",
        "transfer_syntaxes/pydicom/JPEG-LL.dcm",
        "transfer_syntaxes/pydicom/JPGLosslessP14SV1_1s_1f_8b.dcm"})
    void nativeDecoderMatchesPixelMed(String file) throws Exception {
        InstanceHeader header = new DicomHeaderReader().read(Samples.file(file));
        assertThat(NativeJpegFrames.applies(header)).isTrue();
        List<DecodedFrame> ours = NativeJpegFrames.decode(header);
        assertThat(ours).as("the native decoder took %s", file).isNotNull();
        List<DecodedFrame> pixelMed = new CodecFrameDecoder().decode(header);
        assertThat(ours).hasSameSizeAs(pixelMed);
        for (int f = 0; f < ours.size(); f++) {
            GrayFrame a = (GrayFrame) ours.get(f);
            GrayFrame b = (GrayFrame) pixelMed.get(f);
            for (int i = 0; i < a.columns() * a.rows(); i++) {
                if (a.sample(i) != b.sample(i)) {
                    throw new AssertionError(file + " frame " + f + " pixel " + i + ": " + a.sample(i) + " vs PixelMed " + b.sample(i));
                }
            }
        }
    }
}
