// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.lumen.io.AtomicFiles;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.Part10;
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

    private static final int PENDING = 0xFF00;
    private static final int SUCCESS = 0x0000;
    private static final int WARNING = 0xB000;
    private static final int CANCELLED = 0xFE00;
    /** C-STORE-RSP "out of resources": our disk could not take the instance. */
    private static final int OUT_OF_RESOURCES = 0xA700;

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
        List<PresentationContext> contexts = new ArrayList<>();
        contexts.add(PresentationContext.uncompressed(1, STUDY_ROOT_GET));
        contexts.addAll(StorageClasses.contexts(3));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, "cannot create the cache folder " + folder + ": " + e.getMessage(), e);
        }
        Incoming incoming = new Incoming(folder, node.calledAet());
        try (DimseAssociation a = DimseAssociation.open(node, contexts, StorageClasses.SOP_CLASSES, timeouts, tls, task)) {
            AcceptedContext get = a.contextFor(STUDY_ROOT_GET, "study-root retrieval (C-GET)");
            a.send(get, new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_GET)
                    .set(CommandSet.COMMAND_FIELD, CommandSet.C_GET_RQ).set(CommandSet.MESSAGE_ID, 1).set(CommandSet.PRIORITY, 0)
                    .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT),
                    QueryIdentifiers.retrieve(studyUid, seriesUid, get.transferSyntax()));
            a.watch(task);
            try {
                RetrieveResult result = exchange(a, node, incoming, task);
                a.release();
                return result;
            } catch (NetworkException e) {
                if (e.reason() == Reason.CANCELLED) {
                    cancel(a, get, incoming);
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

    private RetrieveResult exchange(DimseAssociation a, PacsNode node, Incoming incoming, TaskContext task) throws IOException {
        while (true) {
            DimseMessage m = a.receive(incoming);
            CommandSet c = m.command();
            if (c.commandField() == CommandSet.C_STORE_RQ) {
                answerStore(a, m, incoming);
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
            if (status == PENDING) {
                task.progress(completed + failed + warnings, completed + failed + warnings + remaining);
            } else if (status == SUCCESS || status == WARNING) {
                // Warning: some sub-operations failed; keep what came and say how many did not.
                task.progress(completed + failed + warnings, completed + failed + warnings);
                return new RetrieveResult(incoming.files, failed, warnings);
            } else if (status == CANCELLED) {
                throw new NetworkException(Reason.CANCELLED, "the retrieve from " + node.describe() + " was cancelled");
            } else {
                String comment = c.text(CommandSet.ERROR_COMMENT);
                throw new NetworkException(Reason.PROTOCOL, node.describe() + " refused the C-GET: " + DimseStatuses.describe(status)
                        + (comment == null ? "" : ": " + comment));
            }
        }
    }

    private static void answerStore(DimseAssociation a, DimseMessage m, Incoming incoming) throws NetworkException {
        CommandSet rq = m.command();
        int status = SUCCESS;
        String comment = null;
        try {
            if (m.sinkFailure() != null) {
                throw m.sinkFailure();
            }
            incoming.commit();
        } catch (IOException e) {
            status = OUT_OF_RESOURCES;
            comment = "Lumen could not store it: " + e.getMessage();
            incoming.abandon();
        }
        CommandSet rsp = new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, rq.text(CommandSet.AFFECTED_SOP_CLASS_UID))
                .set(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RSP)
                .set(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, rq.integer(CommandSet.MESSAGE_ID, 0))
                .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET).set(CommandSet.STATUS, status)
                .set(CommandSet.AFFECTED_SOP_INSTANCE_UID, rq.text(CommandSet.AFFECTED_SOP_INSTANCE_UID));
        if (comment != null) {
            rsp.set(CommandSet.ERROR_COMMENT, comment.length() > 64 ? comment.substring(0, 64) : comment);
        }
        a.send(m.context(), rsp, null);
    }

    /** C-CANCEL, then answer what is still on its way until the archive confirms; abort when it does not. */
    private static void cancel(DimseAssociation a, AcceptedContext get, Incoming incoming) {
        try {
            a.watch(TaskContext.none());
            a.send(get, new CommandSet().set(CommandSet.COMMAND_FIELD, CommandSet.C_CANCEL_RQ)
                    .set(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, 1).set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET), null);
            while (true) {
                DimseMessage m = a.receive(incoming);
                if (m.command().commandField() == CommandSet.C_STORE_RQ) {
                    answerStore(a, m, incoming);
                } else if (m.command().status() != PENDING) {
                    break;
                }
            }
            a.release();
        } catch (NetworkException e) {
            a.abort();
        }
    }

    /** The instance being received: a pending atomic file, named by its SOP Instance UID. */
    private static final class Incoming implements DimseAssociation.DataSetSink {
        private final Path folder;
        private final String sourceAet;
        private final List<Path> files = new ArrayList<>();
        private AtomicFiles.Pending pending;
        private Path target;

        Incoming(Path folder, String sourceAet) {
            this.folder = folder;
            this.sourceAet = sourceAet;
        }

        @Override
        public OutputStream open(CommandSet command, AcceptedContext context) throws IOException {
            abandon();
            String sopInstance = command.text(CommandSet.AFFECTED_SOP_INSTANCE_UID);
            if (sopInstance == null || !sopInstance.matches("[0-9.]{1,64}")) {
                throw new IOException("the archive sent an instance without a valid SOP Instance UID ('" + sopInstance + "')");
            }
            target = folder.resolve(sopInstance + ".dcm");
            pending = AtomicFiles.begin(target);
            pending.out().write(Part10.header(command.text(CommandSet.AFFECTED_SOP_CLASS_UID), sopInstance, context.transferSyntax(), sourceAet));
            return pending.out();
        }

        void commit() throws IOException {
            if (pending == null) {
                throw new IOException("the archive sent a C-STORE without a data set");
            }
            pending.commit();
            files.add(target);
            pending = null;
        }

        void abandon() {
            if (pending != null) {
                try {
                    pending.close();
                } catch (IOException e) {
                    // a temporary file that could not be removed is hidden and harmless
                }
                pending = null;
            }
        }
    }
}
