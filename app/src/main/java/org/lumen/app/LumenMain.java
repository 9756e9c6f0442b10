// SPDX-License-Identifier: Apache-2.0
package org.lumen.app;

import java.io.PrintStream;
import org.lumen.app.cli.LumenCli;
import org.lumen.app.logging.StderrToLog;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.app.startup.StartupProbe;

/** Entry point of {@code ./lumen}: the command line, or the workstation when there are no arguments. */
public final class LumenMain {

    private LumenMain() { }

    public static void main(String[] args) {
        StartupProbe.mark("main");
        // Logback reads this when the first logger is made: logs go to the user data folder.
        System.setProperty("lumen.logs", UserDataFolder.fromEnvironment().logs().toString());
        PrintStream console = StderrToLog.install();
        System.exit(LumenCli.run(console, args));
    }
}
