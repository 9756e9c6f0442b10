// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen cache unpin UID}: lets eviction take the study again. */
@Command(name = "unpin", description = "Unpin a cached study: eviction may take it again when the cache is over its limit.")
final class CacheUnpinCommand implements Callable<Integer> {

    @ParentCommand
    private CacheCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(index = "0", paramLabel = "UID", description = "The Study Instance UID (from cache list).")
    private String study;

    @Override
    public Integer call() throws Exception {
        return Pinning.set(parent.lumen(), catalogFile, study, false);
    }
}
