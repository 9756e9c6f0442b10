// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lumen.viewer.geometry.Vec3;

/**
 * A second reader's view of a NIfTI heatmap, where python3 with nibabel is installed: the weighted
 * centre of the voxels above 0.5, through nibabel's own affine (RAS, turned to LPS), must lie within
 * a tolerance of a patient point. Where nibabel is missing, nothing is checked.
 */
final class NibabelCheck {

    private static final String SCRIPT = String.join("\n",
            "import sys, nibabel, numpy",
            "img = nibabel.load(sys.argv[1])",
            "data = numpy.asarray(img.dataobj, dtype=numpy.float64)",
            "ijk = numpy.argwhere(data > 0.5)",
            "w = data[data > 0.5]",
            "ras = nibabel.affines.apply_affine(img.affine, ijk)",
            "c = (ras * w[:, None]).sum(axis=0) / w.sum()",
            "print(-c[0], -c[1], c[2])");

    private NibabelCheck() { }

    static boolean available() {
        return run("import nibabel, numpy") != null;
    }

    static void ifAvailable(Path nifti, Vec3 expected, double toleranceMm) {
        if (!available()) {
            return;
        }
        String out = run(SCRIPT, nifti.toString());
        assertThat(out).as("nibabel reading %s", nifti).isNotNull();
        String[] xyz = out.trim().split("\\s+");
        Vec3 lps = new Vec3(Double.parseDouble(xyz[0]), Double.parseDouble(xyz[1]), Double.parseDouble(xyz[2]));
        assertThat(lps.distance(expected)).as("nibabel's centre %s", lps).isLessThan(toleranceMm);
    }

    /** The script's output, or null when python3 or the modules are missing or it fails. */
    private static String run(String script, String... args) {
        String[] command = new String[3 + args.length];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
