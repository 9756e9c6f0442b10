// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen pacs echo|find}: talk to an archive from the command line. */
@Command(name = "pacs", description = "Verify an archive (PACS), search it, retrieve from it into the offline cache, or send to it.",
        subcommands = {PacsEchoCommand.class, PacsFindCommand.class, PacsGetCommand.class, PacsSendCommand.class, PacsNodesCommand.class,
                PacsAddCommand.class, PacsRemoveCommand.class, PacsListenCommand.class},
        footerHeading = "%nNodes:%n",
        footer = {"NODE is a saved node's name (pacs nodes, pacs add) or an address: dimse://AET@host:port, dimse+tls://AET@host:port,",
                "dicomweb+http://host:port/path, dicomweb+https://host/path. Over DIMSE, Lumen calls itself LUMEN unless --aet says",
                "otherwise; the archive must know that AE title (and its address) to answer queries and retrievals.",
                "listen and get --via move speak DIMSE; echo, find, get and send speak both."})
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
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use pacs echo, find, get, send, listen, nodes, add or remove");
    }
}
