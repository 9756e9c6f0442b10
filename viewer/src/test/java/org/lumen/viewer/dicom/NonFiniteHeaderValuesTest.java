// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.InstanceHeader;

/**
 * Damaged numbers in a header (found by fuzzing: a rescale slope of Infinity made every pixel NaN and `render`
 * fail with "window width must be at least 1, was NaN"): the rescale is ignored as if absent, a non-finite window
 * is skipped, and the image still reads with its own pixels.
 */
class NonFiniteHeaderValuesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RescaleSlope, Infinity", "RescaleSlope, NaN", "RescaleIntercept, -Infinity", "WindowWidth, Infinity", "WindowCenter, NaN"})
    void aNonFiniteRescaleOrWindowIsIgnoredNotFatal(String attribute, String value) throws Exception {
        Path sample = Samples.file("ct_series/philips_phantom_std_brain_1mm/I560");
        AttributeList list = new AttributeList();
        list.read(sample.toFile());
        DecimalStringAttribute damaged = new DecimalStringAttribute(switch (attribute) {
            case "RescaleSlope" -> TagFromName.RescaleSlope;
            case "RescaleIntercept" -> TagFromName.RescaleIntercept;
            case "WindowWidth" -> TagFromName.WindowWidth;
            default -> TagFromName.WindowCenter;
        });
        damaged.addValue(value);
        list.put(damaged);
        Path file = dir.resolve("damaged.dcm");
        list.write(file.toFile(), com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(list, TagFromName.TransferSyntaxUID), true, true);

        InstanceHeader header = new DicomHeaderReader().read(file);

        assertThat(Double.isFinite(header.modalityLut().slope())).isTrue();
        assertThat(header.modalityLut().slope()).isNotZero();
        assertThat(Double.isFinite(header.modalityLut().intercept())).isTrue();
        assertThat(header.windows()).allMatch(w -> Double.isFinite(w.center()) && Double.isFinite(w.width()) && w.width() >= 1);
    }
}
