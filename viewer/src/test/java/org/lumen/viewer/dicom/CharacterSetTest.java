// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.viewer.Samples;

/** Patient names decode correctly for each Specific Character Set of the corpus. */
class CharacterSetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "charset/chrArab.dcm|قباني^لنزار",
        "charset/chrFren.dcm|Buc^Jérôme",
        "charset/chrFrenMulti.dcm|Buc^Jérôme",
        "charset/chrGerm.dcm|Äneas^Rüdiger",
        "charset/chrGreek.dcm|Διονυσιος",
        "charset/chrH31.dcm|Yamada^Tarou=山田^太郎=やまだ^たろう",
        "charset/chrRuss.dcm|Люкceмбypг",
        "charset/chrX1.dcm|Wang^XiaoDong=王^小東="})
    void patientNameDecodes(String file, String expectedName) throws Exception {
        assertThat(new DicomHeaderReader().read(Samples.file(file)).patient().name()).isEqualTo(expectedName);
    }
}
