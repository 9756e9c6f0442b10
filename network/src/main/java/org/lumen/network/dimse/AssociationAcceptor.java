// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lumen.network.NetworkException;
import org.lumen.network.node.PacsNode;

/**
 * The accepting side of an association (the storage receiver's): reads the peer's A-ASSOCIATE-RQ,
 * asks whether the peer may connect, and answers with an A-ASSOCIATE-AC for verification and the
 * storage classes Lumen reads (in the first transfer syntax of the peer's that Lumen accepts), or an
 * A-ASSOCIATE-RJ with the reason.
 */
final class AssociationAcceptor {

    /** Decides about a peer: null to accept, else why not (for the log and the listener). */
    interface Gate {
        String refusal(String callingAet, String calledAet, String host);
    }

    private AssociationAcceptor() { }

    /** The association, or null when the peer was refused (it has been told why) or went away. */
    static DimseAssociation accept(Socket socket, StorageReceiver.Settings settings, Gate gate) throws NetworkException {
        String host = socket.getInetAddress().getHostAddress();
        try {
            socket.setSoTimeout(settings.timeouts().responseMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] header = in.readNBytes(6);
            if (header.length < 6 || (header[0] & 0xFF) != Pdus.ASSOCIATE_RQ) {
                return null;
            }
            int length = ByteBuffer.wrap(header, 2, 4).getInt();
            if (length < 68 || length > 1 << 20) {
                out.write(Pdus.abort());
                return null;
            }
            AssociationRequest rq = AssociationRequest.parse(in.readNBytes(length));
            String refusal = gate.refusal(rq.callingAet(), rq.calledAet(), host);
            if (refusal != null) {
                // Permanent, by the service user: called AE title (7) or calling AE title (3) not recognised.
                int reason = refusal.startsWith("called") ? 7 : 3;
                out.write(Pdus.associateReject(1, 1, reason));
                out.flush();
                return null;
            }
            PacsNode peer;
            try {
                peer = new PacsNode("peer " + rq.callingAet(), PacsNode.Protocol.DIMSE, rq.callingAet(), settings.aet(), host,
                        socket.getPort(), false, null, PacsNode.Auth.NONE);
            } catch (IllegalArgumentException e) {
                out.write(Pdus.associateReject(1, 1, 3));
                out.flush();
                return null;
            }
            Map<Integer, AcceptedContext> accepted = new HashMap<>();
            List<Pdus.ContextAnswer> answers = new ArrayList<>();
            for (PresentationContext pc : rq.contexts()) {
                boolean known = pc.abstractSyntax().equals(DimseClient.VERIFICATION) || StorageClasses.SOP_CLASSES.contains(pc.abstractSyntax());
                String ts = pc.transferSyntaxes().stream().filter(StorageClasses.TRANSFER_SYNTAXES::contains).findFirst().orElse(null);
                if (!known) {
                    answers.add(new Pdus.ContextAnswer(pc.id(), 3, first(pc)));
                } else if (ts == null) {
                    answers.add(new Pdus.ContextAnswer(pc.id(), 4, first(pc)));
                } else {
                    answers.add(new Pdus.ContextAnswer(pc.id(), 0, ts));
                    accepted.put(pc.id(), new AcceptedContext(pc.id(), pc.abstractSyntax(), ts));
                }
            }
            out.write(Pdus.associateAccept(rq.calledAet(), rq.callingAet(), answers));
            out.flush();
            int send = rq.maxLength() <= 0 ? Pdus.MAX_PDU_LENGTH : Math.min(rq.maxLength(), Pdus.MAX_PDU_LENGTH);
            socket.setSoTimeout(200);
            return new DimseAssociation(peer, socket, settings.timeouts(), accepted, send);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Answers an association request with A-ASSOCIATE-RJ "transient, local limit exceeded": the
     * receiver is serving as many associations as it may; the peer can try again later.
     */
    static void refuseBusy(Socket socket, StorageReceiver.Settings settings) {
        try {
            socket.setSoTimeout(settings.timeouts().responseMillis());
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(6);
            if (header.length < 6 || (header[0] & 0xFF) != Pdus.ASSOCIATE_RQ) {
                return;
            }
            int length = ByteBuffer.wrap(header, 2, 4).getInt();
            if (length > 0 && length <= 1 << 20) {
                in.readNBytes(length);
            }
            OutputStream out = socket.getOutputStream();
            out.write(Pdus.associateReject(2, 3, 2));
            out.flush();
        } catch (IOException e) {
            // the peer went away; nothing to tell it
        }
    }

    private static String first(PresentationContext pc) {
        return pc.transferSyntaxes().isEmpty() ? PresentationContext.IMPLICIT_VR_LITTLE_ENDIAN : pc.transferSyntaxes().getFirst();
    }
}
