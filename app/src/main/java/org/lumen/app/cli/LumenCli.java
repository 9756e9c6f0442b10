// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs the {@code lumen} command line and returns its exit code. */
public final class LumenCli {

    private LumenCli() { }

    /** @param console where Lumen's own error sentences go (the real stderr) */
    public static int run(PrintStream console, String... args) {
        try (LumenCommand lumen = new LumenCommand()) {
            return commandLine(lumen).setErr(new PrintWriter(console, true)).execute(args);
        }
    }

    /** A command line bound to {@code lumen}, for tests that capture its output. */
    public static CommandLine commandLine(LumenCommand lumen) {
        return new CommandLine(lumen)
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
