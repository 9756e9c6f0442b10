// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.Samples;

/** Whether a file is a DICOMDIR is read from its meta group without PixelMed, with PixelMed's answer on every sample. */
class DicomDirReaderTest {

    @Test
    void theMetaGroupGivesPixelMedsAnswerOnEverySample() {
        List<Path> files = Samples.allFiles();
        assertThat(files).isNotEmpty();
        int dicomDirs = 0;
        for (Path file : files) {
            boolean expected = DicomDirReader.isDicomDirByPixelMed(file);
            assertThat(DicomDirReader.isDicomDir(file)).as(Samples.relative(file)).isEqualTo(expected);
            dicomDirs += expected ? 1 : 0;
        }
        // The PCIR file set's DICOMDIRs (plain, implicit, big endian, reordered, without patients, empty) are among them.
        assertThat(dicomDirs).isGreaterThanOrEqualTo(5);
    }
}
