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
        if (OpenCommand.isPlainOpen(args)) {
            return openWindow(console, args.length == 2 ? java.nio.file.Path.of(args[1]) : null);
        }
        try (LumenCommand lumen = new LumenCommand()) {
            return execute(commandLine(lumen).setErr(new PrintWriter(console, true)), args);
        }
    }

    /**
     * {@code lumen} and {@code lumen open [PATH]} (the desktop entry's command) without picocli: building
     * the command line's model reads the annotations of every command and option first, a few hundred
     * milliseconds before the window could start (ADR 0023). Failures end as they do through picocli:
     * one sentence on {@code console}, exit 1.
     */
    static int openWindow(PrintStream console, java.nio.file.Path path) {
        PrintWriter err = new PrintWriter(console, true);
        try (LumenCommand lumen = new LumenCommand()) {
            return OpenCommand.open(lumen, path);
        } catch (Exception e) {
            return CliErrors.report(e, err);
        } catch (Error e) {
            return internalError(e, err);
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
            return internalError(e, commandLine.getErr());
        }
    }

    private static int internalError(Error e, PrintWriter err) {
        org.slf4j.LoggerFactory.getLogger(LumenCli.class).error("command stopped on an error", e);
        String logs = System.getProperty("lumen.logs");
        err.println("lumen: the command stopped on an internal error (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")" + (logs == null ? "" : "; the log in " + logs + " has the details"));
        err.flush();
        return 1;
    }

    /** A command line bound to {@code lumen}, for tests that capture its output. */
    public static CommandLine commandLine(LumenCommand lumen) {
        return new CommandLine(lumen)
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
