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
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * 12-bit extended JPEG (lossy) decodes like DCMTK's decoder: every pixel within 2 stored units
 * (the inverse DCTs round differently), on average within half a unit. The reference is the same
 * file decompressed by {@code dcmdjpeg}; CI installs dcmtk, elsewhere the test is skipped with that reason.
 */
class JpegExtendedTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {
        "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm",
        "wg04/MR1_JPLY.dcm",
        "transfer_syntaxes/pydicom/JPGExtended.dcm",
        "cr_dx_mg/MG1_JPLY.dcm"})
    void decodesLikeDcmtk(String file) throws Exception {
        assumeTrue(onPath("dcmdjpeg"), "dcmdjpeg (Debian package dcmtk) is not installed");
        Path reference = folder.resolve("reference.dcm");
        Process p = new ProcessBuilder("dcmdjpeg", Samples.file(file).toString(), reference.toString()).redirectErrorStream(true).start();
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
        for (int i = 0; i < n; i++) {
            long d = Math.abs(actual.sample(i) - expected.sample(i));
            totalDifference += d;
            worst = Math.max(worst, d);
        }
        assertThat(worst).as("largest difference from dcmdjpeg").isLessThanOrEqualTo(2);
        assertThat((double) totalDifference / n).as("mean difference from dcmdjpeg").isLessThan(0.5);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
