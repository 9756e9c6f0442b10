// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;

/** Lossless encodings of one image decode to the same pixels as its uncompressed reference. */
class LosslessEquivalenceTest {

    private static final String CT = "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm";

    @ParameterizedTest
    @ValueSource(strings = {
        CT + "_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm",
        CT + "_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm",
        CT + "_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm",
        CT + "_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm",
        CT + "_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm",
        CT + "_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm",
        CT + "_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm",
        CT + "_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm",
        CT})
    void cornerstoneCtEncodings(String file) throws Exception {
        assertSamePixels(CT + "_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm", file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wg04/CT2_J2KR.dcm", "wg04/CT2_JPLL.dcm", "wg04/CT2_RLE.dcm", "wg04/CT2_JLSL.dcm"})
    void nemaCtEncodings(String file) throws Exception {
        assertSamePixels("wg04/CT2_UNC.dcm", file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer_syntaxes/pydicom/MR_small_RLE.dcm", "transfer_syntaxes/pydicom/MR_small_bigendian.dcm",
        "transfer_syntaxes/pydicom/MR_small_implicit.dcm", "transfer_syntaxes/pydicom/MR_small_jp2klossless.dcm",
        "transfer_syntaxes/pydicom/MR_small_jpeg_ls_lossless.dcm",
        "malformed/MR_small_padded.dcm"})
    void smallMrEncodings(String file) throws Exception {
        assertSamePixels("transfer_syntaxes/pydicom/MR_small.dcm", file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiframe/emri_small_RLE.dcm", "multiframe/emri_small_big_endian.dcm"})
    void enhancedMrEncodingsFrameByFrame(String file) throws Exception {
        assertSamePixels("multiframe/emri_small.dcm", file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer_syntaxes/pydicom/SC_rgb_expb.dcm", "transfer_syntaxes/pydicom/SC_rgb_rle.dcm"})
    void rgbEncodings(String file) throws Exception {
        assertSamePixels("multiframe/SC_rgb_rle_2frame.dcm", file);
    }

    private static void assertSamePixels(String reference, String candidate) throws Exception {
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder decoder = new FrameDecoder();
        List<DecodedFrame> expected = decoder.decodeAll(reader.read(Samples.file(reference)));
        List<DecodedFrame> actual = decoder.decodeAll(reader.read(Samples.file(candidate)));
        for (int f = 0; f < Math.min(expected.size(), actual.size()); f++) {
            DecodedFrame e = expected.get(f);
            DecodedFrame a = actual.get(f);
            assertThat(a.columns()).isEqualTo(e.columns());
            assertThat(a.rows()).isEqualTo(e.rows());
            if (e instanceof ColorFrame ec) {
                assertThat(((ColorFrame) a).argb()).as("%s frame %d", candidate, f).isEqualTo(ec.argb());
            } else {
                GrayFrame eg = (GrayFrame) e;
                GrayFrame ag = (GrayFrame) a;
                for (int i = 0; i < e.columns() * e.rows(); i++) {
                    if (ag.sample(i) != eg.sample(i)) {
                        throw new AssertionError(candidate + " frame " + f + " differs at pixel " + i + ": " + ag.sample(i)
                                + " instead of " + eg.sample(i));
                    }
                }
            }
        }
        assertThat(actual.size()).isGreaterThanOrEqualTo(1);
    }
}
