// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.volume.StackPlanner;

/** Images without their UIDs (codec test files) are shown under stable UIDs made from their content. */
class GeneratedUidsTest {

    @Test
    void aFileWithoutUidsGetsTheSameGeneratedUidsEachTimeAndSaysSo() throws Exception {
        DicomHeaderReader reader = new DicomHeaderReader();
        InstanceHeader first = reader.read(Samples.file("transfer_syntaxes/pydicom/JLSL_08_07_0_1F.dcm"));
        InstanceHeader again = reader.read(Samples.file("transfer_syntaxes/pydicom/JLSL_08_07_0_1F.dcm"));
        InstanceHeader other = reader.read(Samples.file("transfer_syntaxes/pydicom/HTJ2KLossless_08_RGB.dcm"));

        assertThat(first.generatedUids()).contains("Study Instance UID", "Series Instance UID");
        assertThat(first.study().studyInstanceUid()).startsWith("2.25.").isEqualTo(again.study().studyInstanceUid());
        assertThat(first.series().seriesInstanceUid()).isEqualTo(again.series().seriesInstanceUid());
        assertThat(first.sopInstanceUid()).isEqualTo(again.sopInstanceUid());
        assertThat(other.sopInstanceUid()).isNotEqualTo(first.sopInstanceUid());
        assertThat(other.generatedUids()).contains("Study Instance UID");
        assertThat(other.study().studyInstanceUid()).isNotEqualTo(first.study().studyInstanceUid());
        assertThat(new FrameDecoder().decodeAll(first)).hasSize(1);

        assertThat(new StackPlanner().plan(new Series(first.series(), List.of(first))).notes())
                .anyMatch(note -> note.contains("generated from the file content") && note.contains("Study Instance UID"));
    }

    @Test
    void aFileWithItsUidsHasNoneGenerated() throws Exception {
        assertThat(new DicomHeaderReader().read(Samples.file("wg04/CT2_UNC.dcm")).generatedUids()).isNull();
    }
}
