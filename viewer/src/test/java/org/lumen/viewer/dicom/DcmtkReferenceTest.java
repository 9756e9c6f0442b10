// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Lumen's own decoders against DCMTK's on the corpus: the reference is the same file decompressed
 * by {@code dcmdjpeg} (12-bit extended JPEG, spectral selection and full progression: identical, since
 * Lumen computes the IJG library's integer inverse DCT as DCMTK does) or {@code dcmdjpls} (JPEG-LS, lossless and near-lossless alike: identical, since the
 * decoding is exact). CI installs dcmtk; elsewhere the test is skipped with that reason.
 */
class DcmtkReferenceTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm, dcmdjpeg, 0",
        "wg04/MR1_JPLY.dcm, dcmdjpeg, 0",
        "transfer_syntaxes/pydicom/JPGExtended.dcm, dcmdjpeg, 0",
        "cr_dx_mg/MG1_JPLY.dcm, dcmdjpeg, 0",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm, dcmdjpeg, 0",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm, dcmdjpeg, 0",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm, dcmdjpls, 0",
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm, dcmdjpls, 0",
        "wg04/CT2_JLSL.dcm, dcmdjpls, 0",
        "wg04/MR3_JLSN.dcm, dcmdjpls, 0",
        "wg04/XA1_JLSL.dcm, dcmdjpls, 0",
        "transfer_syntaxes/pydicom/MR_small_jpeg_ls_lossless.dcm, dcmdjpls, 0"})
    void decodesLikeDcmtk(String file, String tool, int tolerance) throws Exception {
        assumeTrue(onPath(tool), tool + " (Debian package dcmtk) is not installed");
        Path reference = folder.resolve("reference.dcm");
        Process p = new ProcessBuilder(tool, Samples.file(file).toString(), reference.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();

        DicomHeaderReader reader = new DicomHeaderReader();
        InstanceHeader header = reader.read(Samples.file(file));
        assertThat(NativeJpegFrames.applies(header)).isTrue();
        List<DecodedFrame> ours = NativeJpegFrames.decode(header);
        assertThat(ours).as("the native decoder took %s", file).isNotNull();
        GrayFrame actual = (GrayFrame) ours.getFirst();
        GrayFrame expected = (GrayFrame) new FrameDecoder().decodeAll(reader.read(reference)).getFirst();

        int n = expected.columns() * expected.rows();
        long totalDifference = 0;
        long worst = 0;
        int firstDifference = -1;
        for (int i = 0; i < n; i++) {
            long d = Math.abs(actual.sample(i) - expected.sample(i));
            totalDifference += d;
            worst = Math.max(worst, d);
            if (d > tolerance && firstDifference < 0) {
                firstDifference = i;
            }
        }
        assertThat(worst).as("largest difference from %s (first at pixel %d)", tool, firstDifference).isLessThanOrEqualTo(tolerance);
        assertThat((double) totalDifference / n).as("mean difference from %s", tool).isLessThan(0.5);
    }

    /**
     * A multi-frame 12-bit JPEG extended object: DCMTK's {@code dcmcjpeg +ee} compresses the real 10-frame
     * enhanced MR sample, one fragment per frame with an offset table, or in 1 KiB fragments with an empty
     * offset table (frames then start where a fragment starts with a JPEG SOI marker); every frame must
     * match {@code dcmdjpeg}'s decoding of it exactly.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+ff", "+fs 1 -ot"})
    void multiFrameTwelveBitJpegExtendedDecodesEveryFrame(String fragments) throws Exception {
        assumeTrue(onPath("dcmcjpeg") && onPath("dcmdjpeg"), "dcmcjpeg and dcmdjpeg (Debian package dcmtk) are not installed");
        Path compressed = folder.resolve("emri_small_12bit.dcm");
        Path reference = folder.resolve("reference.dcm");
        for (List<String> command : List.of(
                Stream.concat(Stream.of("dcmcjpeg", "+ee"), Stream.concat(Stream.of(fragments.split(" ")),
                        Stream.of(Samples.file("multiframe/emri_small.dcm").toString(), compressed.toString()))).toList(),
                List.of("dcmdjpeg", compressed.toString(), reference.toString()))) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        DicomHeaderReader reader = new DicomHeaderReader();
        List<DecodedFrame> ours = new FrameDecoder().decodeAll(reader.read(compressed));
        List<DecodedFrame> expected = new FrameDecoder().decodeAll(reader.read(reference));
        assertThat(ours).hasSize(10).hasSameSizeAs(expected);
        for (int f = 0; f < ours.size(); f++) {
            assertThat(ReferenceDecoders.largestDifference(ours.get(f), expected.get(f))).as("frame %d", f).isZero();
        }
    }

    /**
     * The retired progressive processes, which the corpus holds at 12 bits only: DCMTK's {@code dcmcjpeg}
     * compresses real samples with spectral selection ({@code +es}, processes 6 & 8) and full progression
     * ({@code +ep}, 10 & 12) at 8 bits (the 8-bit US sample) and at 12 bits (the 10-frame enhanced MR and a
     * 12-bit MR), decoded by Lumen's progressive decoder to exactly {@code dcmdjpeg}'s values. The frames go
     * through {@link FrameDecoder}, as a view would.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "+es, transfer_syntaxes/pydicom/JPGLosslessP14SV1_1s_1f_8b.dcm, 1, 0",
        "+ep, transfer_syntaxes/pydicom/JPGLosslessP14SV1_1s_1f_8b.dcm, 1, 0",
        "+es, multiframe/emri_small.dcm, 10, 0",
        "+ep, multiframe/emri_small.dcm, 10, 0",
        "+ep, wg04/MR1_JPLY.dcm, 1, 0"})
    void progressiveJpegDecodesLikeDcmtk(String process, String file, int frames, int tolerance) throws Exception {
        assumeTrue(onPath("dcmcjpeg") && onPath("dcmdjpeg"), "dcmcjpeg and dcmdjpeg (Debian package dcmtk) are not installed");
        Path source = Samples.file(file);
        if (!file.startsWith("multiframe/")) {
            // The compressed samples are first decompressed: dcmcjpeg takes uncompressed input only.
            source = folder.resolve("source.dcm");
            run(List.of("dcmdjpeg", Samples.file(file).toString(), source.toString()));
        }
        Path compressed = folder.resolve("progressive.dcm");
        Path reference = folder.resolve("reference.dcm");
        run(List.of("dcmcjpeg", process, source.toString(), compressed.toString()));
        run(List.of("dcmdjpeg", compressed.toString(), reference.toString()));
        DicomHeaderReader reader = new DicomHeaderReader();
        InstanceHeader header = reader.read(compressed);
        assertThat(header.transferSyntaxUid()).isEqualTo(process.equals("+es") ? "1.2.840.10008.1.2.4.53" : "1.2.840.10008.1.2.4.55");
        assertThat(TransferSyntaxes.undecodableReason(header.transferSyntaxUid(), header.pixels())).isNull();
        List<DecodedFrame> ours = new FrameDecoder().decodeAll(header);
        List<DecodedFrame> expected = new FrameDecoder().decodeAll(reader.read(reference));
        assertThat(ours).hasSize(frames).hasSameSizeAs(expected);
        for (int f = 0; f < ours.size(); f++) {
            assertThat(ReferenceDecoders.largestDifference(ours.get(f), expected.get(f))).as("frame %d", f)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + new String(p.getInputStream().readAllBytes())).isZero();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
