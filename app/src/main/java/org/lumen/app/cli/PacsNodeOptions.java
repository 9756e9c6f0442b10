// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.time.Duration;
import org.lumen.network.Timeouts;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The node and connection options every {@code pacs} subcommand takes. */
final class PacsNodeOptions {

    @Parameters(index = "0", paramLabel = "NODE", description = "The archive: dimse://AET@host:port or dimse+tls://AET@host:port.")
    private String node;

    @Option(names = "--aet", paramLabel = "AET", description = "Lumen's own (calling) AE title (default: LUMEN).")
    private String callingAet;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the connection (default: ${DEFAULT-VALUE} s).")
    private double connectSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for each answer of the archive (default: ${DEFAULT-VALUE} s).")
    private double responseSeconds;

    PacsNode node() {
        if (!InlineNodes.isInline(node)) {
            throw new IllegalArgumentException("'" + node + "' is not a node: write it as dimse://AET@host:port or dimse+tls://AET@host:port");
        }
        PacsNode parsed = InlineNodes.parse(node);
        if (parsed.protocol() != PacsNode.Protocol.DIMSE) {
            throw new IllegalArgumentException("'" + node + "': this command speaks DIMSE; write dimse://AET@host:port");
        }
        return callingAet == null ? parsed : parsed.withCallingAet(AeTitles.check(callingAet, "calling AE title (--aet)"));
    }

    Timeouts timeouts() {
        if (connectSeconds <= 0 || responseSeconds <= 0) {
            throw new IllegalArgumentException("timeouts must be more than 0 seconds");
        }
        return new Timeouts(Duration.ofMillis(Math.round(connectSeconds * 1000)), Duration.ofMillis(Math.round(responseSeconds * 1000)));
    }
}
