// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.viewer.index.InstanceHeader;
import org.lumen.viewer.index.ObjectKind;
import org.lumen.viewer.index.PatientInfo;
import org.lumen.viewer.index.SeriesInfo;
import org.lumen.viewer.index.StudyInfo;

/** Which study and patient each shown series belongs to, what to call it, and forgetting a closed study. */
class StudyContextTest {

    @Test
    void namesSeriesAndStudiesAndForgetsAClosedStudyOnly() {
        StudyContext context = new StudyContext();
        var jane = context.register(header("DOE^JANE", "P001", "1.1", "CT CHEST", "1.1.1", 2, "CT", "Axial 1 mm"));
        context.register(header("DOE^JANE", "P001", "1.1", "CT CHEST", "1.1.2", null, "CT", null));
        context.register(header(null, "", "2.1", null, "2.1.1", 5, "MR", "T1"));

        assertThat(jane.describe()).isEqualTo("DOE^JANE (ID P001), 20240115 CT CHEST");
        assertThat(context.studyOf("2.1.1")).get().extracting(StudyContext.StudyRef::describe)
                .isEqualTo("(no patient name) (no patient ID), 20240115");
        assertThat(context.seriesName("1.1.1")).isEqualTo("Series 2 CT Axial 1 mm");
        assertThat(context.seriesName("1.1.2")).isEqualTo("CT");
        assertThat(context.seriesName("9.9")).isEqualTo("9.9");
        assertThat(context.inStudy("1.1.2", "1.1")).isTrue();
        assertThat(context.inStudy("2.1.1", "1.1")).isFalse();
        assertThat(context.seriesOf("1.1")).containsExactly("1.1.1", "1.1.2");

        context.forget("1.1");
        assertThat(context.studyOf("1.1.1")).isEmpty();
        assertThat(context.seriesOf("1.1")).isEmpty();
        assertThat(context.studyOf("2.1.1")).isPresent();
        context.clear();
        assertThat(context.studyOf("2.1.1")).isEmpty();
    }

    private static InstanceHeader header(String name, String id, String studyUid, String studyDescription, String seriesUid,
                                         Integer number, String modality, String description) {
        return new InstanceHeader(Path.of("/data/" + seriesUid + ".dcm"), "1.2.840.10008.5.1.4.1.1.2", seriesUid + ".1",
                "1.2.840.10008.1.2.1", null, ObjectKind.IMAGE, new PatientInfo(name, id, null, null),
                new StudyInfo(studyUid, "20240115", null, studyDescription, null, null),
                new SeriesInfo(seriesUid, number, description, modality, null, null), 1, 1, null, List.of(), new double[0], null, null,
                List.of(), List.of(), null, null);
    }
}
