// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Secrets given to the command line in files (never as arguments, which shell histories and process lists keep). */
final class Secrets {

    private Secrets() { }

    /** The first line of {@code file}, stripped; refused when empty. The line itself never appears in a message. */
    static String firstLine(Path file, String what) throws IOException {
        String line = Files.readAllLines(file).stream().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no " + what + " (its first line is empty)");
        }
        return line;
    }
}
