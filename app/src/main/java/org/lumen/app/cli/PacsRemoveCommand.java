// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen pacs remove NAME}: forgets a saved node and its secret. */
@Command(name = "remove", description = "Forget a saved archive and its secret.")
final class PacsRemoveCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        if (!PacsNodeOptions.store(lumen).remove(name)) {
            throw new IllegalArgumentException("no saved node is named '" + name + "' (lumen pacs nodes lists them)");
        }
        lumen.out().printf("removed %s%n", name);
        lumen.out().flush();
        return 0;
    }
}
