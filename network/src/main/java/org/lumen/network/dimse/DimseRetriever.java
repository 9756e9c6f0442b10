// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.lumen.network.ArrivingFiles;
import org.lumen.network.InstanceListener;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.QueryIdentifiers;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * C-GET of a study or a series into a folder: the archive sends each instance back as a C-STORE on
 * the same association (Lumen is the storage SCP for the classes of {@link StorageClasses}), and each
 * is written as it arrives, atomically, as {@code SOPInstanceUID.dcm}. A dropped connection, a cancel
 * or a full disk leaves only complete files; instances already in the folder are kept as they are.
 */
public final class DimseRetriever {

    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    private final Timeouts timeouts;
    private final SSLContext tls;

    public DimseRetriever(Timeouts timeouts, SSLContext tls) {
        this.timeouts = timeouts;
        this.tls = tls;
    }

    /**
     * Retrieves study {@code studyUid} (or only its series {@code seriesUid}, when not null) into {@code folder}.
     * Progress is the archive's count of instances sent out of all it will send.
     */
    public RetrieveResult get(PacsNode node, String studyUid, String seriesUid, Path folder, TaskContext task) throws NetworkException {
        return get(node, studyUid, seriesUid, folder, InstanceListener.NONE, task);
    }

    /** As {@link #get(PacsNode, String, String, Path, TaskContext)}, telling {@code listener} of each instance as it is written. */
    public RetrieveResult get(PacsNode node, String studyUid, String seriesUid, Path folder, InstanceListener listener, TaskContext task)
            throws NetworkException {
        return get(node, ts -> QueryIdentifiers.retrieve(studyUid, seriesUid, ts), folder, listener, task);
    }

    /**
     * Retrieves only the instances {@code sopInstanceUids} of one series (IMAGE level, a list of UIDs in
     * one C-GET): what a retrieve that resumes asks for. Keep lists to a few hundred UIDs.
     */
    public RetrieveResult getInstances(PacsNode node, String studyUid, String seriesUid, List<String> sopInstanceUids, Path folder,
                                       InstanceListener listener, TaskContext task) throws NetworkException {
        if (sopInstanceUids.isEmpty()) {
            return new RetrieveResult(List.of(), 0, 0);
        }
        return get(node, ts -> QueryIdentifiers.retrieveInstances(studyUid, seriesUid, sopInstanceUids, ts), folder, listener, task);
    }

    private interface Identifier {
        byte[] encode(String transferSyntax) throws IOException;
    }

    private RetrieveResult get(PacsNode node, Identifier identifier, Path folder, InstanceListener listener, TaskContext task)
            throws NetworkException {
        List<PresentationContext> contexts = new ArrayList<>();
        contexts.add(PresentationContext.uncompressed(1, STUDY_ROOT_GET));
        contexts.addAll(StorageClasses.contexts(3));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, "cannot create the cache folder " + folder + ": " + e.getMessage(), e);
        }
        IncomingInstances incoming = new IncomingInstances(folder, node.calledAet());
        List<Path> files = new ArrivingFiles(listener);
        try (DimseAssociation a = DimseAssociation.open(node, contexts, StorageClasses.SOP_CLASSES, timeouts, tls, task)) {
            AcceptedContext get = a.contextFor(STUDY_ROOT_GET, "study-root retrieval (C-GET)");
            a.send(get, new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_GET)
                    .set(CommandSet.COMMAND_FIELD, CommandSet.C_GET_RQ).set(CommandSet.MESSAGE_ID, 1).set(CommandSet.PRIORITY, 0)
                    .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT),
                    identifier.encode(get.transferSyntax()));
            a.watch(task);
            try {
                RetrieveResult result = exchange(a, node, incoming, files, task);
                a.release();
                return result;
            } catch (NetworkException e) {
                if (e.reason() == Reason.CANCELLED) {
                    Cancels.cancel(a, get, incoming, m -> answerStore(a, m, incoming, files));
                }
                throw e;
            }
        } catch (NetworkException e) {
            throw e;
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + ": " + e.getMessage(), e);
        } finally {
            incoming.abandon();
        }
    }

    private RetrieveResult exchange(DimseAssociation a, PacsNode node, IncomingInstances incoming, List<Path> files, TaskContext task)
            throws IOException {
        while (true) {
            DimseMessage m = a.receive(incoming);
            CommandSet c = m.command();
            if (c.commandField() == CommandSet.C_STORE_RQ) {
                answerStore(a, m, incoming, files);
                continue;
            }
            if (c.commandField() != CommandSet.C_GET_RSP) {
                throw new NetworkException(Reason.PROTOCOL, node.describe() + " sent command " + c.commandField() + " during a C-GET");
            }
            int status = c.status();
            int completed = c.integer(CommandSet.COMPLETED_SUBOPERATIONS, 0);
            int remaining = c.integer(CommandSet.REMAINING_SUBOPERATIONS, 0);
            int failed = c.integer(CommandSet.FAILED_SUBOPERATIONS, 0);
            int warnings = c.integer(CommandSet.WARNING_SUBOPERATIONS, 0);
            if (DimseStatuses.isPending(status)) {
                task.progress(completed + failed + warnings, completed + failed + warnings + remaining);
            } else if (status == DimseStatuses.SUCCESS || status == DimseStatuses.WARNING) {
                // Warning: some sub-operations failed; keep what came and say how many did not.
                task.progress(completed + failed + warnings, completed + failed + warnings);
                return new RetrieveResult(files, failed, warnings);
            } else if (status == DimseStatuses.CANCELLED) {
                throw new NetworkException(Reason.CANCELLED, "the retrieve from " + node.describe() + " was cancelled");
            } else {
                String comment = c.text(CommandSet.ERROR_COMMENT);
                throw new NetworkException(Reason.PROTOCOL, node.describe() + " refused the C-GET: " + DimseStatuses.describe(status)
                        + (comment == null ? "" : ": " + comment));
            }
        }
    }

    private static void answerStore(DimseAssociation a, DimseMessage m, IncomingInstances incoming, List<Path> files) throws NetworkException {
        CommandSet response;
        try {
            files.add(incoming.commit(m));
            response = CommandSet.responseTo(m.command(), CommandSet.C_STORE_RSP, DimseStatuses.SUCCESS, null);
        } catch (IOException e) {
            response = CommandSet.responseTo(m.command(), CommandSet.C_STORE_RSP, DimseStatuses.OUT_OF_RESOURCES,
                    "Lumen could not store it: " + e.getMessage());
        }
        a.send(m.context(), response, null);
    }

}
