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
        Path script = script(folder, "parametric_map.py");
        Path file = folder.resolve("probability-map.dcm");
        Path expected = folder.resolve("probability-map.raw");
        return run(script, file, expected, CT.toString(), file.toString(), expected.toString());
    }

    /**
     * The map rewritten by {@code map_variant.py} as {@code variant} (linear: per-frame slope and intercept in mm2/s;
     * lut: a 256-entry LUT in {probability}; referenced, noposition, shifted: other placements) into {@code target}, with
     * the real-world values pydicom's stored values imply, frame after frame in file order.
     */
    public static Written variant(Path folder, String variant, Path target) throws IOException, InterruptedException {
        Written sample = write(Files.createDirectories(folder.resolve("sample-" + variant)));
        Path script = script(folder, "map_variant.py");
        Path expected = folder.resolve(variant + ".raw");
        return run(script, target, expected, sample.file().toString(), target.toString(), expected.toString(), variant);
    }

    /** Copies the pydicom script {@code name} into {@code folder}, with the map module the writers share ({@code float_map.py}). */
    static Path script(Path folder, String name) throws IOException {
        for (String resource : new String[] {name, "float_map.py"}) {
            try (InputStream in = ParametricMapSample.class.getResourceAsStream(resource)) {
                Files.write(folder.resolve(resource), in.readAllBytes());
            }
        }
        return folder.resolve(name);
    }

    private static Written run(Path script, Path file, Path expected, String... arguments) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", script.toString()));
        command.addAll(java.util.List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(expected)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return new Written(file, values);
    }
}
