// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.cache.OfflineCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen cache pin UID}: keeps a study through eviction, for reading offline. */
@Command(name = "pin", description = "Pin a cached study: eviction never takes it (for reading offline).")
final class CachePinCommand implements Callable<Integer> {

    @ParentCommand
    private CacheCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(index = "0", paramLabel = "UID", description = "The Study Instance UID (from cache list).")
    private String study;

    @Override
    public Integer call() throws Exception {
        return Pinning.set(parent.lumen(), catalogFile, study, true);
    }
}

/** Pin and unpin share everything but the value. */
final class Pinning {

    private Pinning() { }

    static int set(LumenCommand lumen, CatalogFileOption catalogFile, String study, boolean pinned) throws Exception {
        Catalog catalog = catalogFile.catalog(lumen);
        new OfflineCache(lumen.dataFolder()).pin(catalog, study, pinned);
        lumen.out().printf("study %s is %s%n", study, pinned ? "pinned: eviction leaves it in the cache" : "unpinned: eviction may take it");
        lumen.out().flush();
        return 0;
    }
}
