// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.dicom.FrameDecoder;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.image.DecodedFrame;
import org.lumen.viewer.image.GrayFrame;

/**
 * Without libopenjp2 (ADR 0021): JPEG 2000 falls back to jai-imageio with one log line, and HTJ2K is refused with a
 * sentence naming the Debian package. The library is loaded once per JVM, so a child JVM runs {@link #main} with
 * {@value OpenJpeg#LIBRARY_PROPERTY} pointing at a library that does not exist.
 */
class OpenJpegMissingTest {

    private static final String J2K = "transfer_syntaxes/pydicom/MR_small_jp2klossless.dcm";
    private static final String UNCOMPRESSED = "transfer_syntaxes/pydicom/MR_small.dcm";
    private static final String HTJ2K = "transfer_syntaxes/pydicom/HTJ2KLossless_08_RGB.dcm";

    @Test
    void jpeg2000FallsBackAndHtj2kIsRefusedNamingThePackage() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-D" + OpenJpeg.LIBRARY_PROPERTY + "=libopenjp2-missing.so.0",
                "-cp", System.getProperty("java.class.path"), OpenJpegMissingTest.class.getName(),
                Samples.file(J2K).toString(), Samples.file(UNCOMPRESSED).toString(), Samples.file(HTJ2K).toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("openjpeg available: false");
        // The one warning, once, naming what to install.
        assertThat(output).containsOnlyOnce("JPEG 2000 goes to jai-imageio").contains(OpenJpeg.DEBIAN_PACKAGE);
        assertThat(output).contains("jpeg 2000 through jai-imageio: the same values as the uncompressed file");
        assertThat(output).containsPattern("htj2k refused: High-Throughput JPEG 2000 Lossless \\(HTJ2K\\).*cannot be decoded here: "
                + "the OpenJPEG library \\(libopenjp2\\) is not installed: install the Debian package libopenjp2-7");
    }

    /** The child: decodes the JPEG 2000 file twice (one warning), compares it with its uncompressed twin, reads the HTJ2K file. */
    public static void main(String[] args) throws Exception {
        System.out.println("openjpeg available: " + OpenJpeg.isAvailable());
        DicomHeaderReader reader = new DicomHeaderReader();
        FrameDecoder decoder = new FrameDecoder();
        decoder.decodeAll(reader.read(Path.of(args[0])));
        GrayFrame j2k = (GrayFrame) decoder.decodeAll(reader.read(Path.of(args[0]))).getFirst();
        GrayFrame plain = (GrayFrame) decoder.decodeAll(reader.read(Path.of(args[1]))).getFirst();
        int differing = 0;
        for (int i = 0; i < plain.columns() * plain.rows(); i++) {
            differing += j2k.sample(i) == plain.sample(i) ? 0 : 1;
        }
        System.out.println("jpeg 2000 through jai-imageio: " + (differing == 0 ? "the same values as the uncompressed file"
                : differing + " values differ from the uncompressed file"));
        try {
            List<DecodedFrame> frames = decoder.decodeAll(reader.read(Path.of(args[2])));
            System.out.println("htj2k decoded: " + frames.size() + " frames");
        } catch (UnusableFileException e) {
            System.out.println("htj2k refused: " + e.getMessage());
        }
    }
}
