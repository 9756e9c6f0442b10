// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lumen.app.pacs.ArrivalIndexer;
import org.lumen.app.pacs.ReceiverPeers;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.lumen.app.cache.ByteSizes;
import org.lumen.app.cache.CacheRetrieval;
import org.lumen.app.cache.OfflineCache;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen pacs listen [--port P] [--aet AET] [--allow AET[@host]]... [--for SECONDS]}: Lumen's
 * storage receiver from the command line. It accepts C-STORE from the allowed peers only (by default
 * the saved DIMSE nodes, each from its host), files each instance in the offline cache, prints it, and
 * indexes the studies an association brought into the catalog as soon as that association ends, so
 * stopping it (Ctrl+C, or --for seconds) loses nothing.
 */
@Command(name = "listen", description = "Receive what archives and modalities send (storage SCP) into the offline cache, until Ctrl+C.")
final class PacsListenCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "11112", description = "The port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--aet", paramLabel = "AET", defaultValue = PacsNode.DEFAULT_CALLING_AET,
            description = "Lumen's AE title as a receiver (default: ${DEFAULT-VALUE}).")
    private String aet;

    @Option(names = "--allow", paramLabel = "AET[@HOST]",
            description = "A peer allowed to send (repeatable); default: the saved DIMSE nodes, each from its host.")
    private List<String> allow = new ArrayList<>();

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address only (default: every interface).")
    private String bind;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until Ctrl+C).")
    private Long seconds;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        AeTitles.check(aet, "receiver's AE title (--aet)");
        List<StorageReceiver.AllowedPeer> peers = peers(lumen);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no peer may send yet: save a node (lumen pacs add) or give --allow AET@host");
        }
        PrintWriter out = lumen.out();
        Set<String> studies = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Map<String, String> senders = new java.util.concurrent.ConcurrentHashMap<>();
        ArrivalIndexer indexer = new ArrivalIndexer(lumen.opener(), lumen.dataFolder().pacsCache(), () -> catalogFile.catalog(lumen));
        CountDownLatch stop = new CountDownLatch(1);
        StorageReceiver.Settings settings = new StorageReceiver.Settings(aet, bind == null ? null : InetAddress.getByName(bind), port, peers,
                Timeouts.DEFAULT);
        try (StorageReceiver receiver = StorageReceiver.start(settings, lumen.dataFolder().pacsCache(), lumen.pools().servers(),
                new StorageReceiver.Listener() {
                    @Override public void stored(java.nio.file.Path file, String study, String callingAet) {
                        synchronized (out) {
                            studies.add(study);
                            senders.put(study, callingAet);
                            out.printf("stored %s from %s%n", file.getFileName(), callingAet);
                            out.flush();
                        }
                    }
                    @Override public void associationEnded(Set<String> uids) {
                        for (String study : uids) {
                            index(lumen, indexer, study, senders.get(study), out);
                        }
                    }
                    @Override public void refused(String callingAet, String host, String why) {
                        synchronized (out) {
                            out.printf("refused an association: %s%n", why);
                            out.flush();
                        }
                    }
                })) {
            out.printf("listening as %s on port %d; allowed: %s%n", aet, receiver.port(), ReceiverPeers.describe(peers));
            out.flush();
            if (seconds == null) {
                stop.await();
            } else {
                stop.await(seconds, TimeUnit.SECONDS);
            }
        }
        out.printf("stopped; received %d stud%s%n", studies.size(), studies.size() == 1 ? "y" : "ies");
        out.flush();
        return 0;
    }

    /**
     * Indexes one received study into the catalog (the study's cache folder is its source) and records it
     * in the offline cache, evicting older unpinned studies beyond the limit (never this one).
     */
    private void index(LumenCommand lumen, ArrivalIndexer indexer, String study, String sender, PrintWriter out) {
        try {
            indexer.indexStudy(study, TaskContext.none());
            synchronized (this) {
                CacheRetrieval.Kept kept = new CacheRetrieval(new OfflineCache(lumen.dataFolder()), () -> catalogFile.catalog(lumen),
                        lumen.services().networkSettings().cacheLimitBytes()).keep(study, sender);
                synchronized (out) {
                    out.printf("indexed study %s in the catalog (%s in the offline cache)%n", study, ByteSizes.human(kept.cached().bytes()));
                    for (OfflineCache.Evicted e : kept.evicted()) {
                        out.printf("evicted study %s (%s, least recently opened) to keep the cache within its limit%n", e.studyUid(),
                                ByteSizes.human(e.bytes()));
                    }
                    out.flush();
                }
            }
        } catch (Exception e) {
            synchronized (out) {
                out.printf("could not index study %s: %s%n", study, CliErrors.sentence(e));
                out.flush();
            }
        }
    }

    private List<StorageReceiver.AllowedPeer> peers(LumenCommand lumen) throws java.io.IOException {
        List<StorageReceiver.AllowedPeer> peers = new ArrayList<>();
        if (allow.isEmpty()) {
            peers.addAll(ReceiverPeers.savedNodes(PacsNodeOptions.store(lumen)));
        }
        for (String a : allow) {
            int at = a.indexOf('@');
            peers.add(at < 0 ? new StorageReceiver.AllowedPeer(a, null) : new StorageReceiver.AllowedPeer(a.substring(0, at), a.substring(at + 1)));
        }
        return peers;
    }
}
