// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's /usr/bin/python3 with pydicom, as a second writer of DICOM objects in tests. */
final class ExternalPython {

    private static final String PYTHON = "/usr/bin/python3";

    private ExternalPython() { }

    static boolean hasPydicom() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            run("import pydicom");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the script; returns its output, or throws with the output when it fails. */
    static String run(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("python3 failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
