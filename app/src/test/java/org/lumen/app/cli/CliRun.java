// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code lumen} command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (LumenCommand lumen = new LumenCommand()) {
            CommandLine cli = LumenCli.commandLine(lumen);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }
}
