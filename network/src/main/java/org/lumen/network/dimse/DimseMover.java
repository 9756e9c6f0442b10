// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.QueryIdentifiers;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * C-MOVE of a study or series to a destination AE title (Lumen's own storage receiver): the archive
 * opens its own association to the destination and sends the instances there; this side only follows
 * the counts. Cancelling sends C-CANCEL and waits for the archive to confirm.
 */
public final class DimseMover {

    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";

    /** The archive's final counts. */
    public record MoveResult(int completed, int failed, int warnings) {
    }

    private final Timeouts timeouts;
    private final SSLContext tls;

    public DimseMover(Timeouts timeouts, SSLContext tls) {
        this.timeouts = timeouts;
        this.tls = tls;
    }

    public MoveResult move(PacsNode node, String studyUid, String seriesUid, String destinationAet, TaskContext task) throws NetworkException {
        AeTitles.check(destinationAet, "move destination");
        try (DimseAssociation a = DimseAssociation.open(node, List.of(PresentationContext.uncompressed(1, STUDY_ROOT_MOVE)), timeouts, tls, task)) {
            AcceptedContext context = a.contextFor(STUDY_ROOT_MOVE, "study-root retrieval by C-MOVE");
            a.send(context, new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, STUDY_ROOT_MOVE)
                    .set(CommandSet.COMMAND_FIELD, CommandSet.C_MOVE_RQ).set(CommandSet.MESSAGE_ID, 1).set(CommandSet.PRIORITY, 0)
                    .set(CommandSet.MOVE_DESTINATION, destinationAet).set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.DATA_SET_PRESENT),
                    QueryIdentifiers.retrieve(studyUid, seriesUid, context.transferSyntax()));
            a.watch(task);
            while (true) {
                CommandSet c;
                try {
                    c = a.receive().command();
                } catch (NetworkException e) {
                    if (e.reason() == Reason.CANCELLED) {
                        Cancels.cancel(a, context, null, null);
                    }
                    throw e;
                }
                int completed = c.integer(CommandSet.COMPLETED_SUBOPERATIONS, 0);
                int remaining = c.integer(CommandSet.REMAINING_SUBOPERATIONS, 0);
                int failed = c.integer(CommandSet.FAILED_SUBOPERATIONS, 0);
                int warnings = c.integer(CommandSet.WARNING_SUBOPERATIONS, 0);
                int status = c.status();
                if (DimseStatuses.isPending(status)) {
                    task.progress(completed + failed + warnings, completed + failed + warnings + remaining);
                } else if (status == DimseStatuses.SUCCESS || status == DimseStatuses.WARNING) {
                    a.release();
                    return new MoveResult(completed, failed, warnings);
                } else if (status == DimseStatuses.CANCELLED) {
                    throw new NetworkException(Reason.CANCELLED, "the move from " + node.describe() + " was cancelled");
                } else {
                    String comment = c.text(CommandSet.ERROR_COMMENT);
                    // Archives answer an unknown destination with A801 or, like Orthanc, with a general C000: name what to check.
                    throw new NetworkException(Reason.PROTOCOL, node.describe() + " refused the C-MOVE to " + destinationAet + ": "
                            + DimseStatuses.describe(status) + (comment == null ? "" : ": " + comment) + "; the archive must know "
                            + destinationAet + " as a destination with Lumen's host and receiver port");
                }
            }
        } catch (NetworkException e) {
            throw e;
        } catch (IOException e) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + ": " + e.getMessage(), e);
        }
    }

}
