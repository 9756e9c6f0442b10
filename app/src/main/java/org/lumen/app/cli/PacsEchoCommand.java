// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.concurrent.Callable;
import org.lumen.network.dimse.DimseClient;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lumen pacs echo NODE}: C-ECHO; says how long it took, or what failed. */
@Command(name = "echo", description = "Verify an archive (C-ECHO): exit 0 when it answers, 1 with the reason when not.")
final class PacsEchoCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Mixin
    private PacsNodeOptions options;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNode node = options.node();
        DimseClient client = DimseClient.withDefaultTrust(options.timeouts());
        long millis = lumen.runTask(BackgroundTask.of("C-ECHO " + node.describe(), task -> client.echo(node, task)));
        lumen.out().printf("%s answered C-ECHO from %s in %d ms%n", node.describe(), node.callingAet(), millis);
        lumen.out().flush();
        return 0;
    }
}
