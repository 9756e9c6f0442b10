// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.QueryIdentifiers;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.InstanceMatch;
import org.lumen.network.query.QueryLevel;
import org.lumen.network.query.SeriesMatch;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;

/**
 * C-ECHO and C-FIND against a DIMSE node, each on its own association with timeouts and cancel.
 * Cancelling a C-FIND sends C-CANCEL and waits (within the response timeout) for the peer to confirm,
 * then releases; a peer that does not confirm is aborted.
 */
public final class DimseClient {

    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";

    private final Timeouts timeouts;
    private final SSLContext tls;

    public DimseClient(Timeouts timeouts, SSLContext tls) {
        this.timeouts = timeouts;
        this.tls = tls;
    }

    /** With the platform's trust store for TLS nodes. */
    public static DimseClient withDefaultTrust(Timeouts timeouts) {
        try {
            return new DimseClient(timeouts, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }

    /** Verifies the node (C-ECHO); returns how long the round trip took, association included, in milliseconds. */
    public long echo(PacsNode node, TaskContext task) throws NetworkException {
        long start = System.nanoTime();
        try (DimseAssociation a = DimseAssociation.open(node, List.of(PresentationContext.uncompressed(1, VERIFICATION)), timeouts, tls, task)) {
            a.watch(task);
            AcceptedContext context = a.contextFor(VERIFICATION, "verification (C-ECHO)");
            a.send(context, new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, VERIFICATION)
                    .set(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RQ).set(CommandSet.MESSAGE_ID, 1)
                    .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET), null);
            DimseMessage answer = a.receive();
            if (answer.command().commandField() != CommandSet.C_ECHO_RSP || answer.command().status() != DimseStatuses.SUCCESS) {
                throw failure(node, "C-ECHO", answer.command());
            }
            a.release();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    public List<StudyMatch> findStudies(PacsNode node, StudyQuery query, TaskContext task) throws NetworkException {
        List<StudyMatch> matches = new ArrayList<>();
        find(node, query, QueryLevel.STUDY, task, (identifier, ts) -> matches.add(QueryIdentifiers.study(identifier, ts)));
        return matches;
    }

    /** Patients by name and ID: C-FIND at PATIENT level in the Patient Root model. */
    public List<org.lumen.network.query.PatientMatch> findPatients(PacsNode node, StudyQuery query, TaskContext task) throws NetworkException {
        List<org.lumen.network.query.PatientMatch> matches = new ArrayList<>();
        find(node, PATIENT_ROOT_FIND, "patient-root queries (C-FIND)", ts -> QueryIdentifiers.patients(query, ts), task,
                (identifier, ts) -> matches.add(QueryIdentifiers.patient(identifier, ts)));
        return matches;
    }

    public List<SeriesMatch> findSeries(PacsNode node, String studyInstanceUid, TaskContext task) throws NetworkException {
        List<SeriesMatch> matches = new ArrayList<>();
        find(node, StudyQuery.any().withStudyInstanceUid(studyInstanceUid), QueryLevel.SERIES, task,
                (identifier, ts) -> matches.add(QueryIdentifiers.series(identifier, ts)));
        return matches;
    }

    /** The instances of a study (or of one series of it), from an IMAGE-level C-FIND. */
    public List<InstanceMatch> findInstances(PacsNode node, String studyInstanceUid, String seriesInstanceUid, TaskContext task)
            throws NetworkException {
        List<InstanceMatch> matches = new ArrayList<>();
        find(node, ts -> QueryIdentifiers.instances(studyInstanceUid, seriesInstanceUid, ts), task, (identifier, ts) -> {
            InstanceMatch m = QueryIdentifiers.instance(identifier, ts, studyInstanceUid);
            if (m != null) {
                matches.add(m);
            }
        });
        return matches;
    }

    private interface MatchReader {
        void read(byte[] identifier, String transferSyntax) throws IOException;
    }

    private interface IdentifierWriter {
        byte[] encode(String transferSyntax) throws IOException;
    }

    private void find(PacsNode node, StudyQuery query, QueryLevel level, TaskContext task, MatchReader matches) throws NetworkException {
        find(node, ts -> QueryIdentifiers.encode(query, level, ts), task, matches);
    }

    private void find(PacsNode node, IdentifierWriter request, TaskContext task, MatchReader matches) throws NetworkException {
        find(node, STUDY_ROOT_FIND, "study-root queries (C-FIND)", request, task, matches);
    }

    private void find(PacsNode node, String model, String what, IdentifierWriter request, TaskContext task, MatchReader matches)
            throws NetworkException {
        try (DimseAssociation a = DimseAssociation.open(node, List.of(PresentationContext.uncompressed(1, model)), timeouts, tls, task)) {
            AcceptedContext context = a.contextFor(model, what);
            byte[] identifier = request.encode(context.transferSyntax());
            a.send(context, new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, model)
                    .set(CommandSet.COMMAND_FIELD, CommandSet.C_FIND_RQ).set(CommandSet.MESSAGE_ID, 1)
                    .set(CommandSet.PRIORITY, 0).set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT), identifier);
            a.watch(task);
            int found = 0;
            while (true) {
                DimseMessage answer;
                try {
                    answer = a.receive();
                } catch (NetworkException e) {
                    if (e.reason() == Reason.CANCELLED) {
                        Cancels.cancel(a, context, null, null);
                    }
                    throw e;
                }
                CommandSet c = answer.command();
                if (c.commandField() != CommandSet.C_FIND_RSP) {
                    throw new NetworkException(Reason.PROTOCOL, node.describe() + " answered a C-FIND with command " + c.commandField());
                }
                int status = c.status();
                if (DimseStatuses.isPending(status)) {
                    if (answer.dataSet() != null) {
                        matches.read(answer.dataSet(), answer.context().transferSyntax());
                        task.progress(++found, -1);
                    }
                } else if (status == DimseStatuses.SUCCESS) {
                    break;
                } else if (status == DimseStatuses.CANCELLED) {
                    throw new NetworkException(Reason.CANCELLED, "the query on " + node.describe() + " was cancelled");
                } else {
                    throw failure(node, "C-FIND", c);
                }
            }
            a.release();
        } catch (NetworkException e) {
            throw e;
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + ": " + e.getMessage(), e);
        }
    }


    private static NetworkException failure(PacsNode node, String operation, CommandSet c) {
        String comment = c.text(CommandSet.ERROR_COMMENT);
        return new NetworkException(Reason.PROTOCOL, node.describe() + " refused the " + operation + ": " + DimseStatuses.describe(c.status())
                + (comment == null ? "" : ": " + comment));
    }
}
