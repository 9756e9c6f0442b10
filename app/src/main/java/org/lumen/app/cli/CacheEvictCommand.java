// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.cache.ByteSizes;
import org.lumen.app.cache.OfflineCache;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen cache evict UID | --to-limit}: one study (pinned or not), or the least recently used until within the limit. */
@Command(name = "evict", description = "Evict one study from the cache (its files and its index rows; labels and results stay), "
        + "or with --to-limit the least recently opened unpinned studies until the cache is within its limit.")
final class CacheEvictCommand implements Callable<Integer> {

    @ParentCommand
    private CacheCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    static final class Which {
        @Parameters(index = "0", paramLabel = "UID", description = "The Study Instance UID (from cache list).")
        String study;

        @Option(names = "--to-limit", description = "Evict least recently opened unpinned studies until the cache is within its limit.")
        boolean toLimit;
    }

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        OfflineCache cache = new OfflineCache(lumen.dataFolder());
        PrintWriter out = lumen.out();
        Catalog catalog = catalogFile.catalog(lumen);
        List<OfflineCache.Evicted> evicted;
        if (which.toLimit) {
            long limit = lumen.services().networkSettings().cacheLimitBytes();
            evicted = cache.evictToLimit(catalog, limit, Set.of());
        } else {
            evicted = List.of(cache.evict(catalog, which.study));
        }
        for (OfflineCache.Evicted e : evicted) {
            out.printf("evicted study %s: %s in %d instance(s)%s%n", e.studyUid(), ByteSizes.human(e.bytes()), e.instances(),
                    e.catalog().seriesKept() > 0 ? "; " + e.catalog().seriesKept()
                            + " series stay in the catalog for their labels or results" : "");
        }
        long total = catalog.cache().totalBytes();
        out.printf("%s%s in the cache now%n", evicted.isEmpty() ? "nothing to evict; " : "", ByteSizes.human(total));
        out.flush();
        return 0;
    }
}
