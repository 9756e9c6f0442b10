// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;

/**
 * Random damage to headers and to compressed pixel data (seeded, so failures reproduce): reading
 * and decoding either succeed or refuse the file with a reason. No other exception, no error, no hang.
 */
class DamagedInputFuzzTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"wg04/CT2_UNC.dcm", "multiframe/emri_small.dcm", "transfer_syntaxes/pydicom/MR_small_implicit.dcm",
        "seg_sr_rt/test-SR.dcm", "multiframe/eCT_Supplemental.dcm", "transfer_syntaxes/pydicom/MR_small_bigendian.dcm"})
    void damagedHeadersAreReadOrRefused(String sample) throws Exception {
        byte[] original = Files.readAllBytes(Samples.file(sample));
        int headerEnd = Math.min(original.length, 6000);
        DicomHeaderReader reader = new DicomHeaderReader();
        for (int round = 0; round < 60; round++) {
            Random random = new Random(round * 31L + sample.hashCode());
            byte[] damaged = original.clone();
            for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                damaged[132 + random.nextInt(headerEnd - 132)] = (byte) random.nextInt();
            }
            Path file = folder.resolve("fuzz" + round + ".dcm");
            Files.write(file, damaged);
            int seed = round;
            // A guard against hangs on damaged input, not a performance assertion.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try {
                    assertThat(reader.read(file).sopInstanceUid()).isNotBlank();
                } catch (UnusableFileException e) {
                    assertThat(e.getMessage()).as("round %d", seed).isNotBlank();
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wg04/CT2_JLSL.dcm", "wg04/MR3_JLSN.dcm", "wg04/CT2_JPLL.dcm", "wg04/MR1_JPLY.dcm",
        "transfer_syntaxes/pydicom/MR_small_RLE.dcm"})
    void damagedCodestreamsDecodeOrAreRefused(String sample) throws Exception {
        byte[] original = Files.readAllBytes(Samples.file(sample));
        DicomHeaderReader reader = new DicomHeaderReader();
        long pixelStart = reader.read(Samples.file(sample)).pixelData().offset();
        FrameDecoder decoder = new FrameDecoder();
        for (int round = 0; round < 30; round++) {
            Random random = new Random(round * 17L + sample.hashCode());
            byte[] damaged = original.clone();
            for (int flips = 0; flips < 1 + random.nextInt(20); flips++) {
                damaged[(int) (pixelStart + random.nextInt((int) (original.length - pixelStart)))] = (byte) random.nextInt();
            }
            Path file = folder.resolve("codestream" + round + ".dcm");
            Files.write(file, damaged);
            int seed = round;
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try {
                    assertThat(decoder.decodeAll(reader.read(file))).isNotEmpty();
                } catch (UnusableFileException e) {
                    assertThat(e.getMessage()).as("round %d", seed).isNotBlank();
                }
            });
        }
    }
}
