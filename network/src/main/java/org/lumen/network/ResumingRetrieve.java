// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.lumen.network.MissingInstances.Fetch;
import org.lumen.network.MissingInstances.Plan;
import org.lumen.network.MissingInstances.SomeInstances;
import org.lumen.network.MissingInstances.WholeSeries;
import org.lumen.network.MissingInstances.WholeStudy;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.dicomweb.WadoRetriever;
import org.lumen.network.dimse.DimseRetriever;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;
import org.lumen.network.query.InstanceMatch;
import org.lumen.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retrieve into the cache that fetches only what the cache folder lacks, in the node's protocol.
 * It first lists the study's (or series') instances (C-FIND at IMAGE level, QIDO-RS {@code /instances}),
 * then asks for whole series where a series has nothing yet and for single instances where it has
 * some (C-GET with a list of SOP Instance UIDs, WADO-RS per instance). An archive that cannot list
 * instances gets the full retrieve, and the log says so. Progress counts over the whole study: what
 * the cache held plus what arrived, out of all the archive listed.
 */
public final class ResumingRetrieve {

    /** SOP Instance UIDs per C-GET: their identifier stays far below what one DICOM value may hold. */
    static final int UIDS_PER_REQUEST = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ResumingRetrieve.class);

    private final PacsNode node;
    private final Credentials credentials;
    private final Timeouts timeouts;
    private final SSLContext tls;

    /** @param tls the trust for TLS and HTTPS; null for the platform's trust store */
    public ResumingRetrieve(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls) {
        this.node = node;
        this.credentials = credentials;
        this.timeouts = timeouts;
        this.tls = tls;
    }

    /**
     * What a resumed retrieve did.
     *
     * @param fetched the files written by this retrieve
     * @param cached  the files of instances the archive listed that the cache already held (not fetched again)
     * @param listed  instances the archive listed; -1 where it could not list them (full retrieve)
     * @param failed  instances the archive could not send, or parts Lumen could not name
     */
    public record Result(List<Path> fetched, List<Path> cached, int listed, int failed, int warnings) {
        public Result {
            fetched = List.copyOf(fetched);
            cached = List.copyOf(cached);
        }

        /** How many instances the cache already held. */
        public int alreadyCached() {
            return cached.size();
        }

        /** Whether the archive listed its instances (false: the whole study or series was retrieved). */
        public boolean resumed() {
            return listed >= 0;
        }
    }

    /** Retrieves what {@code folder} lacks of study {@code studyUid} (or only of its series {@code seriesUid}). */
    public Result get(String studyUid, String seriesUid, Path folder, InstanceListener listener, TaskContext task) throws NetworkException {
        Set<String> present;
        try {
            int leftovers = MissingInstances.removeLeftovers(folder);
            if (leftovers > 0) {
                LOG.info("removed {} unfinished file(s) an interrupted retrieve left in {}", leftovers, folder);
            }
            present = MissingInstances.inFolder(folder);
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, "cannot read the cache folder " + folder + ": " + e.getMessage(), e);
        }
        List<InstanceMatch> listed = list(studyUid, seriesUid, task);
        if (listed == null) {
            RetrieveResult all = ArchiveTransfers.get(node, credentials, timeouts, tls, studyUid, seriesUid, folder, listener, task);
            return new Result(all.files(), List.of(), -1, all.failed(), all.warnings());
        }
        Plan plan = MissingInstances.plan(listed, present, seriesUid);
        LOG.info("{}: {} of {} instance(s) of study {} already in the cache; fetching {} in {} request(s)", node.describe(),
                plan.present(), plan.listed(), studyUid, plan.missing(), plan.fetches().size());
        List<Path> fetched = new ArrayList<>();
        int failed = 0;
        int warnings = 0;
        task.progress(plan.present(), plan.listed());
        for (Fetch fetch : plan.fetches()) {
            if (task.isCancelled()) {
                throw new NetworkException(Reason.CANCELLED, "the retrieve from " + node.describe() + " was cancelled");
            }
            task.message(describe(fetch, plan));
            Offset progress = new Offset(task, plan.present() + fetched.size(), plan.listed());
            List<RetrieveResult> results = fetch(studyUid, fetch, folder, listener, progress);
            for (RetrieveResult r : results) {
                fetched.addAll(r.files());
                failed += r.failed();
                warnings += r.warnings();
            }
        }
        task.progress(plan.present() + fetched.size(), Math.max(plan.listed(), plan.present() + fetched.size()));
        List<Path> cached = listed.stream().map(InstanceMatch::sopInstanceUid).distinct().filter(present::contains)
                .map(uid -> folder.resolve(uid + ".dcm")).toList();
        return new Result(fetched, cached, plan.listed(), failed, warnings);
    }

    /** What the status bar says while one request of the plan runs: the series, and how much of the study. */
    private String describe(Fetch fetch, Plan plan) {
        String what = switch (fetch) {
            case WholeStudy w -> w.instances() + " instance(s) of the study";
            case WholeSeries w -> "series " + w.seriesInstanceUid() + " (" + w.instances() + " instance(s))";
            case SomeInstances some -> some.instances() + " missing instance(s) of series " + some.seriesInstanceUid();
        };
        return "Fetching " + what + " from " + node.describe() + (plan.present() > 0 ? "; " + plan.present() + " of " + plan.listed()
                + " were in the cache" : "");
    }

    /** The archive's instances, or null where it cannot list them (it refused the query). */
    private List<InstanceMatch> list(String studyUid, String seriesUid, TaskContext task) throws NetworkException {
        task.message("Listing the instances of study " + studyUid + " on " + node.describe());
        // The listing's own counts (matches so far, of an unknown total) are not the retrieve's progress.
        TaskContext quiet = new TaskContext() {
            @Override public void progress(long done, long total) { }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return task.isCancelled(); }
        };
        try (ArchiveSearch search = ArchiveSearches.of(node, credentials, timeouts, tls)) {
            List<InstanceMatch> listed = search.findInstances(studyUid, seriesUid, quiet);
            if (listed.isEmpty()) {
                // An archive that answers an instance query with nothing may still have the study: ask for it whole.
                LOG.info("{} listed no instances of study {}; retrieving it whole", node.describe(), studyUid);
                return null;
            }
            return listed;
        } catch (NetworkException e) {
            // Refusals of the query itself: a failure status or HTTP error (PROTOCOL), an association rejected for
            // it, or aborted instead of answering (Orthanc does that for a C-FIND from an AE title it does not know).
            // A node that cannot be reached, a timeout or a cancel end the retrieve here.
            if (e.reason() != Reason.PROTOCOL && e.reason() != Reason.REJECTED && e.reason() != Reason.ABORTED) {
                throw e;
            }
            LOG.info("{} cannot list the instances of study {} ({}); retrieving it whole, what the cache holds included",
                    node.describe(), studyUid, e.getMessage());
            return null;
        }
    }

    private List<RetrieveResult> fetch(String studyUid, Fetch fetch, Path folder, InstanceListener listener, Offset task)
            throws NetworkException {
        return switch (fetch) {
            case WholeStudy w -> List.of(ArchiveTransfers.get(node, credentials, timeouts, tls, studyUid, null, folder, listener, task));
            case WholeSeries w -> List.of(ArchiveTransfers.get(node, credentials, timeouts, tls, studyUid, w.seriesInstanceUid(), folder,
                    listener, task));
            case SomeInstances some -> instances(studyUid, some, folder, listener, task);
        };
    }

    private List<RetrieveResult> instances(String studyUid, SomeInstances some, Path folder, InstanceListener listener, Offset task)
            throws NetworkException {
        List<RetrieveResult> results = new ArrayList<>();
        List<String> uids = some.sopInstanceUids();
        switch (node.protocol()) {
            case DIMSE -> {
                DimseRetriever retriever = new DimseRetriever(timeouts, tls);
                for (int from = 0; from < uids.size(); from += UIDS_PER_REQUEST) {
                    List<String> batch = uids.subList(from, Math.min(uids.size(), from + UIDS_PER_REQUEST));
                    results.add(retriever.getInstances(node, studyUid, some.seriesInstanceUid(), batch, folder, listener, task.at(from)));
                }
            }
            case DICOMWEB -> {
                try (WadoRetriever wado = new WadoRetriever(node, timeouts, credentials, tls)) {
                    for (int i = 0; i < uids.size(); i++) {
                        results.add(wado.getInstance(studyUid, some.seriesInstanceUid(), uids.get(i), folder, listener, task.at(i)));
                    }
                }
            }
        }
        return results;
    }

    /** A sub-retrieve's progress placed within the whole study's. */
    private static final class Offset implements TaskContext {
        private final TaskContext task;
        private final long before;
        private final long total;

        Offset(TaskContext task, long before, long total) {
            this.task = task;
            this.before = before;
            this.total = total;
        }

        Offset at(long more) {
            return new Offset(task, before + more, total);
        }

        @Override
        public void progress(long done, long ofTotal) {
            task.progress(before + done, Math.max(total, before + done));
        }

        @Override
        public void message(String message) {
            task.message(message);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }
    }
}
