// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen pacs echo|find}: talk to an archive from the command line. */
@Command(name = "pacs", description = "Verify an archive (PACS), search it, or retrieve from it into the offline cache.",
        subcommands = {PacsEchoCommand.class, PacsFindCommand.class, PacsGetCommand.class},
        footerHeading = "%nNodes:%n",
        footer = {"NODE is written inline: dimse://AET@host:port (DIMSE), dimse+tls://AET@host:port (DIMSE over TLS).",
                "Lumen calls itself LUMEN unless --aet says otherwise; the archive must know that AE title (and its address)",
                "to answer queries."})
final class PacsCommand implements Runnable {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    LumenCommand lumen() {
        return lumen;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use pacs echo, pacs find or pacs get");
    }
}
