// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.codec.OpenJpeg;
import org.lumen.viewer.image.ColorFrame;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * JPEG 2000 and HTJ2K through OpenJPEG against GDCM's decoding of the same files ({@code gdcmconv --raw},
 * Debian libgdcm-tools): identical for every file, lossy ones included, as both run the same
 * reference algorithm. Skipped where libopenjp2 or gdcmconv is missing.
 */
class Jpeg2000ReferenceTest {

    @TempDir
    Path folder;

    private final DicomHeaderReader reader = new DicomHeaderReader();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "cr_dx_mg/DX_canon_chest_966_fixed.dcm",
        "cr_dx_mg/RG3_J2KR.dcm",
        "wg04/CT2_J2KR.dcm",
        "wg04/MR1_J2KI.dcm",
        "transfer_syntaxes/pydicom/MR_small_jp2klossless.dcm",
        "transfer_syntaxes/pydicom/JPEG2000.dcm",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm"})
    void openJpegDecodesLikeGdcm(String file) throws Exception {
        assumeTrue(OpenJpeg.isAvailable(), OpenJpeg.unavailableReason());
        InstanceHeader header = reader.read(Samples.file(file));
        List<DecodedFrame> ours = new FrameDecoder().decodeAll(header);
        List<DecodedFrame> reference = new FrameDecoder().decodeAll(reader.read(ReferenceDecoders.gdcmRaw(Samples.file(file), folder)));
        assertThat(ours).hasSameSizeAs(reference);
        for (int f = 0; f < ours.size(); f++) {
            assertThat(ReferenceDecoders.largestDifference(ours.get(f), reference.get(f))).as("frame %d", f).isZero();
        }
    }

    /**
     * GDCM 3.0 has no HTJ2K decoder; OpenJPEG's own command-line tool ({@code opj_decompress}, Debian
     * libopenjp2-tools) decodes the same codestream to a PPM, which checks the FFM binding (layout, colour).
     */
    @Test
    void htj2kDecodesLikeOpjDecompress() throws Exception {
        assumeTrue(OpenJpeg.isAvailable(), OpenJpeg.unavailableReason());
        assumeTrue(ReferenceDecoders.onPath("opj_decompress"), "opj_decompress (Debian package libopenjp2-tools) is not installed");
        InstanceHeader header = reader.read(Samples.file("transfer_syntaxes/pydicom/HTJ2KLossless_08_RGB.dcm"));
        assertThat(header.generatedUids()).as("the file has no Study Instance UID").contains("Study Instance UID");
        Path codestream = folder.resolve("frame.j2k");
        java.nio.file.Files.write(codestream, EncapsulatedFrames.read(header).getFirst());
        Path ppm = folder.resolve("frame.ppm");
        Process p = new ProcessBuilder("opj_decompress", "-i", codestream.toString(), "-o", ppm.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        ColorFrame ours = (ColorFrame) new FrameDecoder().decodeAll(header).getFirst();
        assertThat(ReferenceDecoders.largestDifference(ours, ReferenceDecoders.readPpm(ppm))).isZero();
    }

    /**
     * The Canon DX has several quality layers: jai-imageio-jpeg2000 (PixelMed's JPEG 2000 reader)
     * decodes it far from GDCM, which is why JPEG 2000 goes to OpenJPEG whenever it is installed.
     */
    @Test
    void jaiImageioDecodesTheMultiLayerDxWrongly() throws Exception {
        Path file = Samples.file("cr_dx_mg/DX_canon_chest_966_fixed.dcm");
        InstanceHeader header = reader.read(file);
        DecodedFrame jai = new CodecFrameDecoder().decode(header).getFirst();
        DecodedFrame reference = new FrameDecoder().decodeAll(reader.read(ReferenceDecoders.gdcmRaw(file, folder))).getFirst();
        assertThat(ReferenceDecoders.largestDifference(jai, reference)).isGreaterThan(100);
    }
}
