// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lumen.viewer.Samples;

/**
 * A Parametric Map written by Debian's pydicom over the real Philips head phantom CT: Float32, one frame
 * per CT slice at half the in-plane resolution (same origin, twice the spacing), a lesion-probability blob,
 * with Referenced Series and Derivation Image references to the CT (dciodvfy: no errors). Tests use it in the
 * viewer and the app.
 */
public final class ParametricMapSample {

    /** The CT series the map lies over. */
    public static final Path CT = Samples.file("ct_series/philips_phantom_std_brain_1mm");

    /** The map file and the values pydicom reads from it (frame after frame, row-major). */
    public record Written(Path file, float[] values) { }

    private ParametricMapSample() { }

    /** Writes the map into {@code folder}; skips the test when Debian's python3-pydicom is absent. */
    public static Written write(Path folder) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 with Debian's python3-pydicom is not installed");
        Path script = folder.resolve("parametric_map.py");
        try (InputStream in = ParametricMapSample.class.getResourceAsStream("parametric_map.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path file = folder.resolve("probability-map.dcm");
        Path expected = folder.resolve("probability-map.raw");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), CT.toString(), file.toString(), expected.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(expected)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return new Written(file, values);
    }
}
