// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen audit list|verify|export}: the catalog's audit trail from the command line. */
@Command(name = "audit", description = "List, verify or export the audit trail (who saw which AI output, and when).",
        subcommands = {AuditListCommand.class, AuditVerifyCommand.class, AuditExportCommand.class})
final class AuditCommand implements Runnable {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    LumenCommand lumen() {
        return lumen;
    }

    /** How the audit repository should know this workstation: "Lumen@" and the host name. */
    static String source() {
        try {
            return "Lumen@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "Lumen@localhost";
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use audit list, audit verify or audit export");
    }
}
