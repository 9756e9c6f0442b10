// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The validators and second readers the SEG and SR tests run: dciodvfy (dicom3tools), DCMTK's dsrdump,
 * and /usr/bin/python3 with pydicom. A test that needs one is skipped only where it is not installed.
 */
final class ExternalTools {

    static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() { }

    /** What a tool printed (stdout and stderr together) and its exit status. */
    record Output(int exit, String text) {

        List<String> linesStartingWith(String prefix) {
            return text.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    static void assumeInstalled(String tool) {
        assumeTrue(onPath(tool), tool + " is not installed");
    }

    static boolean installed(String tool) {
        return onPath(tool);
    }

    static void assumePydicom() {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        try {
            assumeTrue(run(PYTHON, "-c", "import pydicom, numpy").exit() == 0, "pydicom or numpy is not installed for " + PYTHON);
        } catch (IOException e) {
            assumeTrue(false, e.getMessage());
        }
    }

    static Output run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Output(p.exitValue(), text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }

    /** dciodvfy's errors and warnings for a file ("Error - …", "Warning - …"). */
    static Output dciodvfy(Path file) throws IOException {
        return run("dciodvfy", "-new", file.toString());
    }

    /** Runs a Python script with pydicom on the arguments. */
    static Output python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
