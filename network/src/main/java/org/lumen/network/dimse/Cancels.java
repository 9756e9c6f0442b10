// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import org.lumen.network.NetworkException;
import org.lumen.task.TaskContext;

/**
 * Cancelling a C-FIND, C-GET or C-MOVE (PS3.7 §9.3.2.3): C-CANCEL for message 1, then whatever the
 * archive still sends until its final response (answering the C-STOREs of a C-GET on the way), then
 * release. An archive that does not confirm within the response timeout is aborted.
 */
final class Cancels {

    /** Answers a C-STORE-RQ that arrives while a C-GET is being cancelled. */
    interface StoreAnswer {
        void answer(DimseMessage store) throws NetworkException;
    }

    private Cancels() { }

    static void cancel(DimseAssociation a, AcceptedContext context, DimseAssociation.DataSetSink sink, StoreAnswer stores) {
        try {
            a.watch(TaskContext.none());
            a.send(context, new CommandSet().set(CommandSet.COMMAND_FIELD, CommandSet.C_CANCEL_RQ)
                    .set(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, 1).set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET), null);
            while (true) {
                DimseMessage m = a.receive(sink);
                if (m.command().commandField() == CommandSet.C_STORE_RQ && stores != null) {
                    stores.answer(m);
                } else if (!DimseStatuses.isPending(m.command().status())) {
                    break;
                }
            }
            a.release();
        } catch (NetworkException e) {
            a.abort();
        }
    }
}
