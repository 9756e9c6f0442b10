// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.fuzz.DicomMutator;
import org.lumen.testdata.fuzz.Mutation;
import org.lumen.viewer.Samples;

/**
 * What the storage receiver files an arrival by, and what a send reads first: a fuzzed real sample whose private
 * element claims 65,534 bytes in a 39 KB file is refused, naming the element, before PixelMed allocates for it.
 */
class GuardedInstanceFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReceivedFileWithALengthPastTheEndIsRefusedWithASentenceAndLittleAllocated() throws Exception {
        Path sample = Samples.file("transfer_syntaxes/pydicom/CT_small.dcm");
        Mutation m = DicomMutator.mutate(Files.readAllBytes(sample), Mutation.Kind.SIZES, 4);
        assertThat(m.what()).isEqualTo("length of (0019,104A) set to 65534");
        Path file = Files.write(dir.resolve("ct-small-sizes-4.dcm"), m.bytes());
        assertThat(InstanceFiles.studyInstanceUid(sample)).as("the undamaged sample reads").isNotBlank();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> InstanceFiles.studyInstanceUid(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("ct-small-sizes-4.dcm cannot be read as DICOM: truncated or damaged header: element (0019,104A)"
                        + " claims 65,534 bytes, but only");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(32L << 20);

        java.util.Map<Path, String> unreadable = new java.util.HashMap<>();
        assertThat(InstanceFiles.readAll(java.util.List.of(sample, file), unreadable)).extracting(InstanceFiles.Instance::file)
                .containsExactly(sample);
        assertThat(unreadable.get(file)).contains("claims 65,534 bytes");
    }
}
