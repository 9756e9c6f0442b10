// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lumen cache list|pin|unpin|evict}: the offline cache of studies retrieved from or sent by archives. */
@Command(name = "cache", description = "List the offline cache of retrieved and received studies, pin a study for offline reading, or evict studies.",
        subcommands = {CacheListCommand.class, CachePinCommand.class, CacheUnpinCommand.class, CacheEvictCommand.class},
        footerHeading = "%nThe cache:%n",
        footer = {"Studies retrieved (pacs get, File > Query/Retrieve) or received (pacs listen) are kept in cache/pacs/ in the Lumen data",
                "folder. Over the limit (settings.json, network.cacheLimitBytes; 20 GiB unless set), the least recently opened studies",
                "that are not pinned are evicted. Evicting keeps labels, annotations, reviews, AI runs and measurements in the catalog."})
final class CacheCommand implements Runnable {

    @ParentCommand
    private LumenCommand lumen;

    @Spec
    private CommandSpec spec;

    LumenCommand lumen() {
        return lumen;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use cache list, pin, unpin or evict");
    }
}
