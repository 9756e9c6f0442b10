// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lumen.network.query.StudyQuery;

/** Query values go out without percent-encoding (widened with ? where needed) and answers are narrowed back. */
class QidoValuesTest {

    @Test
    void charactersAQueryWouldEncodeBecomeSingleCharacterWildcards() {
        assertThat(QidoValues.send("DOE^J*")).isEqualTo("DOE?J*");
        assertThat(QidoValues.send("Chest CT & abdomen")).isEqualTo("Chest?CT???abdomen");
        assertThat(QidoValues.send("MÜLLER=1+2#3%")).isEqualTo("M?LLER?1?2?3?");
        assertThat(QidoValues.send("PID-42_a.b")).isEqualTo("PID-42_a.b");
        assertThat(QidoValues.widened("PID-42")).isFalse();
        assertThat(QidoValues.widened("DOE^JOHN")).isTrue();
    }

    @Test
    void matchingFollowsDicomWildcardsIgnoringCase() {
        assertThat(QidoValues.matches("DOE^J*", "Doe^John")).isTrue();
        assertThat(QidoValues.matches("DOE^J*", "DOE-JOHN")).as("what the widened query also found").isFalse();
        assertThat(QidoValues.matches("Chest CT", "Chest CT")).isTrue();
        assertThat(QidoValues.matches("Chest CT", "Chest_CT")).isFalse();
        assertThat(QidoValues.matches("M?LLER", "Müller")).isTrue();
        assertThat(QidoValues.matches("A.B(1)", "A.B(1)")).as("regex characters are literal").isTrue();
        assertThat(QidoValues.matches("A.B", "AXB")).isFalse();
        assertThat(QidoValues.matches("DOE*", null)).as("an answer without the attribute is kept").isTrue();
    }

    @Test
    void aStudyQueryBecomesOneParameterPerFilterAndTheFieldsLumenShows() {
        StudyQuery query = StudyQuery.any().withPatientName("DOE^J*").withPatientId("P 1").withModality("CT")
                .withStudyDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).withAccessionNumber("A1")
                .withStudyDescription("Chest*");
        String parameters = QidoClient.studyParameters(query);
        assertThat(parameters).isEqualTo("PatientName=DOE?J*&PatientID=P?1&StudyDate=20240101-20241231&ModalitiesInStudy=CT"
                + "&AccessionNumber=A1&StudyDescription=Chest*&includefield=StudyDescription&includefield=ModalitiesInStudy"
                + "&includefield=NumberOfStudyRelatedSeries&includefield=NumberOfStudyRelatedInstances");
        assertThat(URI.create("http://h/dicom-web/studies?" + parameters).getRawQuery()).isEqualTo(parameters);
        assertThat(QidoClient.studyParameters(StudyQuery.any().withStudyDates(LocalDate.of(2024, 2, 1), null)))
                .startsWith("StudyDate=20240201-&");
    }
}
