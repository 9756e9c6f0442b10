// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

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
 * What de-identification, SEG/SR writing and label import read whole: a fuzzed real sample whose private element
 * claims 65,534 bytes in a 39 KB file is refused, naming the element, before PixelMed allocates for it.
 */
class GuardedDataSetsTest {

    @TempDir
    Path dir;

    @Test
    void aLengthPastTheEndIsRefusedWithASentenceAndLittleAllocated() throws Exception {
        Path sample = Samples.file("transfer_syntaxes/pydicom/CT_small.dcm");
        Mutation m = DicomMutator.mutate(Files.readAllBytes(sample), Mutation.Kind.SIZES, 4);
        assertThat(m.what()).isEqualTo("length of (0019,104A) set to 65534");
        Path file = Files.write(dir.resolve("ct-small-sizes-4.dcm"), m.bytes());
        assertThat(DataSets.read(sample, false).isEmpty()).as("the undamaged sample reads").isFalse();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        for (boolean header : new boolean[] {false, true}) {
            long before = threads.getCurrentThreadAllocatedBytes();
            assertThatThrownBy(() -> {
                if (header) {
                    DataSets.readHeader(file);
                } else {
                    DataSets.read(file, false);
                }
            }).isInstanceOf(IOException.class).hasMessageStartingWith(file + " is not a DICOM file Lumen can read: truncated or damaged"
                    + " header: element (0019,104A) claims 65,534 bytes, but only");
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).as(header ? "readHeader" : "read").isLessThan(32L << 20);
        }
    }
}
