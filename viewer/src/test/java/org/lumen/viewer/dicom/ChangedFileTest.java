// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.Samples;
import org.lumen.viewer.image.GrayFrame;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Uncompressed pixels are read at the offset the header reader found, without parsing the header again (ADR 0034): a
 * file replaced or rewritten after its header was read is refused with a reason instead of showing another file's bytes.
 */
class ChangedFileTest {

    private static final Path SLICE = Samples.file("ct_series/philips_phantom_std_brain_1mm/I560");
    /** Another slice of the same CT whose header is six bytes shorter: its pixels start elsewhere. */
    private static final Path SHORTER_HEADER = Samples.file("ct_series/philips_phantom_std_brain_1mm/I690");

    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final FrameDecoder decoder = new FrameDecoder();

    @Test
    void anUnchangedFileDecodesFromItsRememberedOffset(@TempDir Path folder) throws Exception {
        Path file = Files.copy(SLICE, folder.resolve("slice.dcm"));
        InstanceHeader header = reader.read(file);
        assertThat(header.pixelData().stamp()).isNotNull();
        assertThat(header.pixelData().stamp().size()).isEqualTo(Files.size(file));
        GrayFrame first = (GrayFrame) decoder.decode(header, 0);
        GrayFrame again = (GrayFrame) decoder.decode(header, 0);
        assertThat(again.data16()).isEqualTo(first.data16());
    }

    @Test
    void aFileReplacedByOneWithAnotherLayoutIsRefused(@TempDir Path folder) throws Exception {
        Path file = Files.copy(SLICE, folder.resolve("slice.dcm"));
        InstanceHeader header = reader.read(file);
        Files.copy(SHORTER_HEADER, file, StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> decoder.decode(header, 0))
                .isInstanceOf(UnusableFileException.class)
                .hasMessage("changed on disk after its header was read (its size went from " + Files.size(SLICE) + " to "
                        + Files.size(SHORTER_HEADER) + " bytes): open it again");
        assertThatThrownBy(() -> decoder.decodeAll(header)).isInstanceOf(UnusableFileException.class);
        // Read again, the new file decodes to its own values.
        GrayFrame reread = (GrayFrame) decoder.decode(reader.read(file), 0);
        GrayFrame original = (GrayFrame) decoder.decode(reader.read(SHORTER_HEADER), 0);
        assertThat(reread.data16()).isEqualTo(original.data16());
    }

    @Test
    void aFileRewrittenAtTheSameSizeIsRefusedByItsModificationTime(@TempDir Path folder) throws Exception {
        Path file = Files.copy(SLICE, folder.resolve("slice.dcm"));
        InstanceHeader header = reader.read(file);
        FileTime later = FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000);
        Files.setLastModifiedTime(file, later);

        assertThatThrownBy(() -> decoder.decode(header, 0))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageStartingWith("changed on disk after its header was read (it was modified at " + later);
    }

    @Test
    void aFileRemovedAfterItsHeaderWasReadIsRefused(@TempDir Path folder) throws Exception {
        Path file = Files.copy(SLICE, folder.resolve("slice.dcm"));
        InstanceHeader header = reader.read(file);
        Files.delete(file);

        assertThatThrownBy(() -> decoder.decode(header, 0))
                .isInstanceOf(UnusableFileException.class)
                .hasMessage("file not found: it was removed after its header was read");
    }
}
