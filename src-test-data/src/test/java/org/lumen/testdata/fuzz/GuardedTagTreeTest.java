// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.dicom.TagTreeReader;
import org.lumen.viewer.dicom.UnusableFileException;

/**
 * The Tags tab's reader on a fuzzed real sample: a 39 KB CT whose private element claims 65,534 bytes made PixelMed
 * allocate about 330 MB before it said the file was truncated. The declared lengths are now checked first.
 */
class GuardedTagTreeTest {

    @TempDir
    Path dir;

    @Test
    void aLengthPastTheEndIsRefusedBeforePixelMedAllocatesForIt() throws Exception {
        Path sample = Path.of(System.getProperty("lumen.samples")).resolve("transfer_syntaxes/pydicom/CT_small.dcm");
        Mutation m = DicomMutator.mutate(Files.readAllBytes(sample), Mutation.Kind.SIZES, 4);
        assertThat(m.what()).isEqualTo("length of (0019,104A) set to 65534");
        Path file = Files.write(dir.resolve("ct-small-sizes-4.dcm"), m.bytes());
        assertThat(TagTreeReader.read(sample)).as("the undamaged sample reads (and PixelMed's dictionary is loaded)").isNotEmpty();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> TagTreeReader.read(file)).isInstanceOf(UnusableFileException.class)
                .hasMessageStartingWith("truncated or damaged header: element (0019,104A) claims 65,534 bytes");
        // Not a timing: the bytes this thread allocated, about 330 MB before the check.
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(32L << 20);
    }
}
