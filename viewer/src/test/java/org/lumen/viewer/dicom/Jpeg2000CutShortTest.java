// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.codec.OpenJpeg;
import org.lumen.viewer.index.InstanceHeader;

/**
 * A JPEG 2000 frame cut short (found by fuzzing: `render` ended with an exit status and no sentence, the jai-imageio
 * reader throwing an Error): both decoders, OpenJPEG through FFM and PixelMed's jai-imageio fallback, refuse the
 * file with a sentence naming the codestream, and no Error escapes.
 */
class Jpeg2000CutShortTest {

    @TempDir
    Path dir;

    /** The sample with its one frame's fragment cut to {@code 1/divisor} of its bytes, its item length made to match. */
    private Path cutFragment(int divisor) throws Exception {
        byte[] file = Files.readAllBytes(Samples.file("wg04/CT2_J2KR.dcm"));
        InstanceHeader header = new DicomHeaderReader().read(Samples.file("wg04/CT2_J2KR.dcm"));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int table = (int) header.pixelData().offset();
        int fragment = table + 8 + b.getInt(table + 4);
        int length = b.getInt(fragment + 4);
        int kept = (length / divisor) & ~1;
        byte[] out = new byte[file.length - (length - kept)];
        System.arraycopy(file, 0, out, 0, fragment + 8 + kept);
        System.arraycopy(file, fragment + 8 + length, out, fragment + 8 + kept, file.length - fragment - 8 - length);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(fragment + 4, kept);
        return Files.write(dir.resolve("cut" + divisor + ".dcm"), out);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 50})
    void openJpegRefusesAFrameCutShortWithASentence(int divisor) throws Exception {
        assumeTrue(OpenJpeg.isAvailable(), "OpenJPEG (" + OpenJpeg.DEBIAN_PACKAGE + ") is not installed");
        InstanceHeader header = new DicomHeaderReader().read(cutFragment(divisor));

        assertThatThrownBy(() -> new FrameDecoder().decode(header, 0)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("JPEG 2000");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 50})
    void theJaiFallbackRefusesAFrameCutShortWithASentence(int divisor) throws Exception {
        InstanceHeader header = new DicomHeaderReader().read(cutFragment(divisor));

        assertThatThrownBy(() -> new CodecFrameDecoder().decode(header)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("JPEG 2000").satisfies(e -> assertThat(e.getMessage()).contains(" "));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 2})
    void aFileEndingInsideTheCodestreamIsRefusedByBothDecoders(int divisor) throws Exception {
        byte[] file = Files.readAllBytes(Samples.file("wg04/CT2_J2KR.dcm"));
        long pixels = new DicomHeaderReader().read(Samples.file("wg04/CT2_J2KR.dcm")).pixelData().offset();
        Path cut = Files.write(dir.resolve("end" + divisor + ".dcm"),
                Arrays.copyOf(file, (int) (pixels + (file.length - pixels) / divisor)));
        InstanceHeader header = new DicomHeaderReader().read(cut);

        assertThatThrownBy(() -> new FrameDecoder().decode(header, 0)).isInstanceOf(UnusableFileException.class);
        assertThatThrownBy(() -> new CodecFrameDecoder().decode(header)).isInstanceOf(UnusableFileException.class);
    }
}
