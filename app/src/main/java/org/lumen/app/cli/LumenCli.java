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
            return execute(commandLine(lumen).setErr(new PrintWriter(console, true)), args);
        }
    }

    /**
     * Executes {@code commandLine}; an {@link Error} from a command (a decoder's {@code InternalError}, an
     * {@code OutOfMemoryError}), which picocli does not hand to the exception handler, still ends in a sentence on
     * stderr and exit status 1 instead of a stack trace that only the log file sees (found by fuzzing).
     */
    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            org.slf4j.LoggerFactory.getLogger(LumenCli.class).error("command stopped on an error", e);
            String logs = System.getProperty("lumen.logs");
            commandLine.getErr().println("lumen: the command stopped on an internal error (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")" + (logs == null ? "" : "; the log in " + logs + " has the details"));
            commandLine.getErr().flush();
            return 1;
        }
    }

    /** A command line bound to {@code lumen}, for tests that capture its output. */
    public static CommandLine commandLine(LumenCommand lumen) {
        return new CommandLine(lumen)
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
