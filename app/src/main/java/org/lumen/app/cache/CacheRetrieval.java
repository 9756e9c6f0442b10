// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.lumen.annotation.catalog.CachedStudy;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.services.LumenServices;
import org.lumen.network.InstanceListener;
import org.lumen.network.NetworkException;
import org.lumen.network.ResumingRetrieve;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * A retrieve into the offline cache as the window and {@code lumen pacs get} do it: fetch what the
 * study's cache folder lacks ({@link ResumingRetrieve}), record the study in the catalog's cache table
 * with its size, then evict least recently used unpinned studies until the cache is within its limit,
 * never the study just retrieved. What arrived is recorded also when the retrieve fails midway.
 */
public final class CacheRetrieval {

    private final OfflineCache cache;
    private final Supplier<Catalog> catalog;
    private final long limit;

    /** @param catalog the process's catalog (thread-safe), asked for when a study is recorded */
    public CacheRetrieval(OfflineCache cache, Supplier<Catalog> catalog, long limitBytes) {
        this.cache = cache;
        this.catalog = catalog;
        this.limit = limitBytes;
    }

    /** The cache, catalog and limit (settings.json's network section) of the process's services. */
    public static CacheRetrieval of(LumenServices services) throws IOException {
        return new CacheRetrieval(new OfflineCache(services.dataFolder()), services::catalog, services.networkSettings().cacheLimitBytes());
    }

    /**
     * What a retrieve into the cache did.
     *
     * @param evicted the studies eviction took out to stay within the limit
     */
    public record Outcome(String studyUid, Path folder, ResumingRetrieve.Result retrieved, CachedStudy cached,
                          List<OfflineCache.Evicted> evicted) {

        /** Every whole instance of the study now in the cache (those already there and those fetched). */
        public List<Path> files() throws IOException {
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> {
                    String name = f.getFileName().toString();
                    return name.endsWith(".dcm") && !name.startsWith(".");
                }).sorted().toList();
            }
        }

        /** As a plain retrieve result whose files are the study's whole instances in the cache, so it opens whether or not anything was fetched. */
        public RetrieveResult asRetrieveResult() throws IOException {
            return new RetrieveResult(files(), retrieved.failed(), retrieved.warnings());
        }
    }

    /** Retrieves what the cache lacks of study {@code studyUid} (or of its series {@code seriesUid}), then records and evicts. */
    public Outcome retrieve(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls, String studyUid, String seriesUid,
                            InstanceListener listener, TaskContext task) throws NetworkException, IOException {
        Path folder = cache.folderOf(studyUid);
        ResumingRetrieve.Result result;
        try {
            result = new ResumingRetrieve(node, credentials, timeouts, tls).get(studyUid, seriesUid, folder, listener, task);
        } catch (NetworkException e) {
            if (Files.isDirectory(folder)) {
                // What arrived is whole and stays: count it, so the cache's size is right and a retry resumes.
                keep(studyUid, node.name());
            }
            throw e;
        }
        Kept kept = keep(studyUid, node.name());
        return new Outcome(studyUid, folder, result, kept.cached(), kept.evicted());
    }

    /** A study recorded in the cache, and what eviction took out to make room for it. */
    public record Kept(CachedStudy cached, List<OfflineCache.Evicted> evicted) { }

    /** Records a study that arrived in the cache (retrieved, moved or received) and evicts to the limit, never this study. */
    public synchronized Kept keep(String studyUid, String source) throws IOException {
        Catalog open = catalog.get();
        CachedStudy cached = cache.record(open, studyUid, source);
        return new Kept(cached, cache.evictToLimit(open, limit, Set.of(studyUid)));
    }
}
