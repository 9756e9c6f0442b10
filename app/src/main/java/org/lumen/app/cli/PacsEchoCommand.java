// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.concurrent.Callable;
import org.lumen.network.ArchiveSearches;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lumen pacs echo NODE}: C-ECHO (a QIDO-RS search for DICOMweb); says how long it took, or what failed. */
@Command(name = "echo", description = "Verify an archive (C-ECHO, or the smallest QIDO-RS search): exit 0 when it answers, 1 with the reason when not.")
final class PacsEchoCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Mixin
    private PacsNodeOptions options;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNodeOptions.Resolved resolved = options.resolve(lumen);
        PacsNode node = resolved.node();
        long millis;
        try (ArchiveSearch search = ArchiveSearches.of(node, resolved.credentials(), options.timeouts(), resolved.tls())) {
            millis = lumen.runTask(BackgroundTask.of("Verifying " + node.describe(), search::verify));
        }
        if (node.protocol() == PacsNode.Protocol.DIMSE) {
            lumen.out().printf("%s answered C-ECHO from %s in %d ms%n", node.describe(), node.callingAet(), millis);
        } else {
            lumen.out().printf("%s answered a QIDO-RS search in %d ms%n", node.describe(), millis);
        }
        lumen.out().flush();
        return 0;
    }
}
