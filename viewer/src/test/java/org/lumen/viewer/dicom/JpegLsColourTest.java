// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.codec.CharLs;
import org.lumen.viewer.image.ColorFrame;

/**
 * Colour JPEG-LS in every interleave mode: DCMTK's {@code dcmcjpls} compresses the real RGB ultrasound
 * sample losslessly with no, line and sample interleaving, and Lumen (through CharLS) must give back
 * the uncompressed original's colours exactly.
 */
class JpegLsColourTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+in", "+il", "+is"})
    void everyInterleaveModeDecodesToTheOriginal(String interleave) throws Exception {
        assumeTrue(CharLs.isAvailable(), CharLs.unavailableReason());
        assumeTrue(ReferenceDecoders.onPath("dcmcjpls"), "dcmcjpls (Debian package dcmtk) is not installed");
        Path original = Samples.file("transfer_syntaxes/pydicom/color-px.dcm");
        Path compressed = folder.resolve("jls.dcm");
        Process p = new ProcessBuilder("dcmcjpls", interleave, original.toString(), compressed.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        DicomHeaderReader reader = new DicomHeaderReader();
        ColorFrame expected = (ColorFrame) new FrameDecoder().decodeAll(reader.read(original)).getFirst();
        ColorFrame actual = (ColorFrame) new FrameDecoder().decodeAll(reader.read(compressed)).getFirst();
        assertThat(actual.argb()).isEqualTo(expected.argb());
    }
}
