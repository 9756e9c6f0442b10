// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine;

/** Runs the {@code lumen} command line and returns its exit code. */
public final class LumenCli {

    private LumenCli() { }

    public static int run(String... args) {
        try (LumenCommand lumen = new LumenCommand()) {
            return commandLine(lumen).execute(args);
        }
    }

    /** A command line bound to {@code lumen}, for tests that capture its output. */
    public static CommandLine commandLine(LumenCommand lumen) {
        return new CommandLine(lumen)
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
