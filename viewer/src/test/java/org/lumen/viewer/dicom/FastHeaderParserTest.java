// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lumen.viewer.Samples;
import org.lumen.viewer.index.InstanceHeader;

/** The fast header parser and PixelMed agree on every file of the corpus both can read. */
class FastHeaderParserTest {

    static Stream<Path> corpus() {
        return Samples.allFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void fastPathEqualsPixelMedPath(Path file) {
        DicomHeaderReader reader = new DicomHeaderReader();
        Object fast = outcome(() -> reader.read(file));
        Object pixelMed = outcome(() -> reader.readWithPixelMed(file));
        if (fast instanceof InstanceHeader f && pixelMed instanceof InstanceHeader p) {
            assertThat(f).usingRecursiveComparison().isEqualTo(p);
        } else {
            assertThat(fast).as("both paths accept or refuse %s", Samples.relative(file)).isEqualTo(pixelMed);
        }
    }

    private interface Read {
        InstanceHeader read() throws UnusableFileException;
    }

    /** The header, or the refusal's reason. */
    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (UnusableFileException e) {
            return "refused: " + e.getMessage();
        }
    }
}
