// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.ImportSummary;
import org.lumen.app.cache.ByteSizes;
import org.lumen.app.cache.CacheRetrieval;
import org.lumen.app.cache.OfflineCache;
import org.lumen.network.InstanceListener;
import org.lumen.network.ResumingRetrieve;
import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lumen.network.dimse.DimseMover;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.index.DicomIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen pacs get NODE --study UID [--series UID] [--out DIR]}: C-GET or WADO-RS into the offline
 * cache (the user data folder's {@code cache/pacs/STUDY_UID/}), fetching only the instances the cache
 * lacks, indexed in the catalog so the study opens later without the network, recorded in the cache
 * table (older unpinned studies are evicted beyond the limit, never this one), and copied to DIR when given.
 */
@Command(name = "get", description = "Retrieve a study or one of its series (C-GET, C-MOVE with --via move, or WADO-RS) into the offline cache and the catalog.")
final class PacsGetCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PacsNodeOptions options;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--study", paramLabel = "UID", required = true, description = "The Study Instance UID (from pacs find).")
    private String study;

    @Option(names = "--series", paramLabel = "UID", description = "Only this series of the study.")
    private String series;

    @Option(names = "--out", paramLabel = "DIR", description = "Also copy the retrieved files into DIR.")
    private Path out;

    @Option(names = "--via", paramLabel = "get|move", defaultValue = "get",
            description = "get: C-GET on one association, or WADO-RS for DICOMweb nodes (default); move: C-MOVE to Lumen's storage receiver, started for the retrieve.")
    private String via;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "11112",
            description = "With --via move: the receiver's port; the archive must know Lumen's AE title at this host and port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNodeOptions.Resolved resolved = options.resolve(lumen);
        PacsNode node = resolved.node();
        requireUid(study, "--study");
        if (series != null) {
            requireUid(series, "--series");
        }
        if (out != null) {
            Folders.create(out);
        }
        OfflineCache offline = new OfflineCache(lumen.dataFolder());
        CacheRetrieval retrieval = new CacheRetrieval(offline, () -> catalogFile.catalog(lumen),
                lumen.services().networkSettings().cacheLimitBytes());
        Path cache = offline.folderOf(study);
        PrintWriter o = lumen.out();
        RetrieveResult result;
        List<OfflineCache.Evicted> evicted;
        switch (via) {
            case "get" -> {
                CacheRetrieval.Outcome outcome = lumen.runTask(BackgroundTask.of("Retrieving from " + node.describe(), task -> retrieval.retrieve(
                        node, resolved.credentials(), options.timeouts(), resolved.tls(), study, series, InstanceListener.NONE, task)));
                ResumingRetrieve.Result r = outcome.retrieved();
                if (r.resumed()) {
                    o.printf("%d of %d instance(s) of study %s%s were already in the cache; fetched %d from %s into %s%n", r.alreadyCached(),
                            r.listed(), study, series == null ? "" : " (series " + series + ")", r.fetched().size(), node.describe(), cache);
                } else {
                    o.printf("retrieved %d instance(s) of study %s%s from %s into %s (the archive could not list its instances, so all were fetched)%n",
                            r.fetched().size(), study, series == null ? "" : " (series " + series + ")", node.describe(), cache);
                }
                List<Path> files = new java.util.ArrayList<>(r.cached());
                files.addAll(r.fetched());
                result = new RetrieveResult(files, r.failed(), r.warnings());
                evicted = outcome.evicted();
            }
            case "move" -> {
                if (node.protocol() != PacsNode.Protocol.DIMSE) {
                    throw new IllegalArgumentException("--via move is DIMSE's C-MOVE; " + node.describe() + " is a DICOMweb node (WADO-RS is used without --via)");
                }
                result = move(lumen, node, resolved.tls());
                o.printf("retrieved %d instance(s) of study %s%s from %s into %s%n", result.files().size(), study,
                        series == null ? "" : " (series " + series + ")", node.describe(), cache);
                evicted = result.files().isEmpty() ? List.of() : retrieval.keep(study, node.name()).evicted();
            }
            default -> throw new IllegalArgumentException("--via is get or move, not '" + via + "'");
        }
        if (!result.files().isEmpty()) {
            ImportSummary summary = index(lumen, cache);
            o.printf("indexed in the catalog: %d series, %d instance(s) in the cache for this study%n", summary.series(), summary.instances());
        }
        for (OfflineCache.Evicted e : evicted) {
            o.printf("evicted study %s (%s, least recently opened) to keep the cache within its limit%n", e.studyUid(), ByteSizes.human(e.bytes()));
        }
        if (out != null) {
            for (Path file : result.files()) {
                AtomicFiles.write(out.resolve(file.getFileName()), stream -> Files.copy(file, stream));
            }
            o.printf("copied %d file(s) to %s%n", result.files().size(), out);
        }
        o.flush();
        if (result.failed() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lumen: " + node.describe() + " could not send " + result.failed() + " instance(s); run the same command again "
                    + "to retry (what arrived is kept)");
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * Starts Lumen's receiver (as the node's calling AE title, accepting only the archive), asks the
     * archive to move the study there, and returns what arrived once the archive says it is done.
     */
    private RetrieveResult move(LumenCommand lumen, PacsNode node, javax.net.ssl.SSLContext tls) throws Exception {
        List<Path> arrived = new CopyOnWriteArrayList<>();
        StorageReceiver.Settings settings = new StorageReceiver.Settings(node.callingAet(), null, port,
                List.of(new StorageReceiver.AllowedPeer(node.calledAet(), node.host())), options.timeouts());
        try (StorageReceiver receiver = StorageReceiver.start(settings, lumen.dataFolder().pacsCache(), lumen.pools().servers(),
                (file, studyUid, aet) -> arrived.add(file))) {
            DimseMover mover = new DimseMover(options.timeouts(), tls);
            DimseMover.MoveResult moved = lumen.runTask(BackgroundTask.of("C-MOVE from " + node.describe(),
                    task -> mover.move(node, study, series, receiver.aet(), task)));
            return new RetrieveResult(arrived, moved.failed(), moved.warnings());
        }
    }

    private ImportSummary index(LumenCommand lumen, Path cache) throws Exception {
        DicomIndex index = lumen.runTask(lumen.opener().openTask(cache));
        return catalogFile.catalog(lumen).studies().upsert(index, cache.toAbsolutePath().normalize().toString());
    }

    private static void requireUid(String uid, String option) {
        if (!uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
            throw new IllegalArgumentException(option + " must be a DICOM UID (digits and dots, at most 64 characters), not '" + uid + "'");
        }
    }

}
