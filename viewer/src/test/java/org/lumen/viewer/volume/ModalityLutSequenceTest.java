// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.Samples;
import org.lumen.viewer.dicom.DicomHeaderReader;
import org.lumen.viewer.index.InstanceHeader;

/**
 * A Modality LUT Sequence replaces the rescale. The shared corpus has no such file, so Debian's
 * pydicom adds a non-linear table to the real MR_small sample, and pydicom's own
 * {@code apply_modality_lut} gives the values Lumen must produce.
 */
class ModalityLutSequenceTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = """
            import sys, numpy, pydicom
            from pydicom.dataset import Dataset
            from pydicom.pixel_data_handlers.util import apply_modality_lut
            ds = pydicom.dcmread(sys.argv[1])
            item = Dataset()
            item.add_new(0x00283002, 'US', [4096, 0, 16])
            item.ModalityLUTType = 'US'
            item.add_new(0x00283006, 'US', [(i * 37) % 3001 for i in range(4096)])
            ds.ModalityLUTSequence = [item]
            ds.save_as(sys.argv[2])
            again = pydicom.dcmread(sys.argv[2])
            values = apply_modality_lut(again.pixel_array, again).astype('<i4')
            open(sys.argv[3], 'wb').write(values.tobytes())
            """;

    @TempDir
    Path folder;

    @Test
    void theTableGivesTheValuesPydicomGives() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 with Debian's python3-pydicom is not installed");
        Path file = folder.resolve("mr_modality_lut.dcm");
        Path expected = folder.resolve("expected.raw");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, Samples.file("transfer_syntaxes/pydicom/MR_small.dcm").toString(),
                file.toString(), expected.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0 || !output.contains("No module named"), "python3-pydicom is not installed");
        assertThat(p.waitFor()).as(output).isZero();

        InstanceHeader header = new DicomHeaderReader().read(file);
        assertThat(header.modalityLut().isTable()).isTrue();
        List<VoxelSlice> slices = InstanceValues.decode(header);
        ByteBuffer reference = ByteBuffer.wrap(Files.readAllBytes(expected)).order(ByteOrder.LITTLE_ENDIAN);
        VoxelSlice slice = slices.getFirst();
        int differing = 0;
        for (int j = 0; j < slice.rows(); j++) {
            for (int i = 0; i < slice.columns(); i++) {
                if (slice.value(i, j) != reference.getInt()) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels whose value differs from pydicom's").isZero();
    }
}
