// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.TlsFailures;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * An association Lumen requested (PS3.8), on a socket Lumen owns: connected with a timeout, over TLS
 * when the node says so (certificate and host name checked), every read bounded by the response
 * timeout, and cancellable: reads wake up every {@value #POLL_MILLIS} ms to look at the task's cancel
 * flag. PixelMed's own associations have none of these (docs/decisions/0016-lumens-own-dimse-upper-layer.md).
 *
 * <p>One thread uses an association at a time; messages are exchanged in order.
 */
public final class DimseAssociation implements AutoCloseable {

    private static final int POLL_MILLIS = 200;

    private final PacsNode node;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Timeouts timeouts;
    private final Map<Integer, AcceptedContext> accepted;
    private final int maxSendLength;
    private TaskContext task = TaskContext.none();
    private boolean open = true;
    private boolean releasedByPeer;

    DimseAssociation(PacsNode node, Socket socket, Timeouts timeouts, Map<Integer, AcceptedContext> accepted, int maxSendLength)
            throws IOException {
        this.node = node;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeouts = timeouts;
        this.accepted = accepted;
        this.maxSendLength = maxSendLength;
    }

    /**
     * Connects to {@code node} and negotiates {@code contexts}. Fails with a {@link NetworkException}
     * saying what failed: the host, the port, the TLS handshake, the timeout or the peer's rejection.
     */
    public static DimseAssociation open(PacsNode node, List<PresentationContext> contexts, Timeouts timeouts, SSLContext tls,
                                        TaskContext task) throws NetworkException {
        return open(node, contexts, List.of(), timeouts, tls, task);
    }

    /** As {@link #open(PacsNode, List, Timeouts, SSLContext, TaskContext)}, offering the SCP role for {@code scpRoleFor} (a C-GET's storage classes). */
    public static DimseAssociation open(PacsNode node, List<PresentationContext> contexts, List<String> scpRoleFor, Timeouts timeouts,
                                        SSLContext tls, TaskContext task) throws NetworkException {
        Socket socket = connect(node, timeouts, tls);
        try {
            socket.setSoTimeout(POLL_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(Pdus.associateRequest(node.calledAet(), node.callingAet(), contexts, scpRoleFor));
            out.flush();
            Reader reader = new Reader(node, socket.getInputStream(), timeouts, task);
            int type = reader.pduType();
            byte[] body = reader.body();
            return switch (type) {
                case Pdus.ASSOCIATE_AC -> accepted(node, socket, timeouts, contexts, body);
                case Pdus.ASSOCIATE_RJ -> throw new NetworkException(Reason.REJECTED, node.describe() + " rejected the association: "
                        + Rejections.rejection(body[1] & 0xFF, body[2] & 0xFF, body[3] & 0xFF));
                case Pdus.ABORT -> throw new NetworkException(Reason.ABORTED, node.describe() + ": "
                        + Rejections.abort(body[2] & 0xFF, body[3] & 0xFF));
                default -> throw new NetworkException(Reason.PROTOCOL, node.describe() + " answered the association request with PDU type "
                        + type + ", not an acceptance or a rejection");
            };
        } catch (NetworkException e) {
            closeQuietly(socket);
            throw e;
        } catch (SSLException e) {
            closeQuietly(socket);
            throw tlsFailure(node, e);
        } catch (IOException e) {
            closeQuietly(socket);
            if (node.tls()) {
                // Under TLS 1.3 an archive that refuses Lumen's client certificate (or its absence) hangs up only now.
                throw TlsFailures.closedByArchive(e, node, true);
            }
            throw new NetworkException(Reason.ABORTED, node.describe() + " closed the connection during the association request ("
                    + e.getMessage() + ")", e);
        }
    }

    private static Socket connect(PacsNode node, Timeouts timeouts, SSLContext tls) throws NetworkException {
        Socket plain = new Socket();
        String where = node.host() + ":" + node.port();
        try {
            plain.connect(new InetSocketAddress(node.host(), node.port()), timeouts.connectMillis());
        } catch (UnknownHostException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.UNREACHABLE, "host " + node.host() + " is unknown (the name does not resolve)", e);
        } catch (NoRouteToHostException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.UNREACHABLE, "host " + node.host() + " is unreachable (no route to it)", e);
        } catch (ConnectException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.PORT_CLOSED, "port " + node.port() + " on " + node.host()
                    + " is closed: nothing accepts connections there (is the PACS running, is the port right?)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.TIMEOUT, "no connection to " + where + " within " + seconds(timeouts.connectMillis())
                    + " (a firewall, or the host is down)", e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.UNREACHABLE, "cannot connect to " + where + ": " + e.getMessage(), e);
        }
        if (!node.tls()) {
            return plain;
        }
        try {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, node.host(), node.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            secure.setSSLParameters(parameters);
            secure.setUseClientMode(true);
            secure.setSoTimeout(timeouts.responseMillis());
            secure.startHandshake();
            return secure;
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new NetworkException(Reason.TIMEOUT, "the TLS handshake with " + where + " did not finish within "
                    + seconds(timeouts.responseMillis()), e);
        } catch (SSLException e) {
            closeQuietly(plain);
            throw tlsFailure(node, e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw TlsFailures.closedByArchive(e, node, false);
        }
    }

    private static NetworkException tlsFailure(PacsNode node, SSLException e) {
        return TlsFailures.failure(e, node);
    }

    private static DimseAssociation accepted(PacsNode node, Socket socket, Timeouts timeouts, List<PresentationContext> proposed, byte[] body)
            throws IOException {
        Map<Integer, PresentationContext> byId = new HashMap<>();
        proposed.forEach(pc -> byId.put(pc.id(), pc));
        Map<Integer, AcceptedContext> accepted = new HashMap<>();
        int maxLength = 0;
        ByteBuffer b = ByteBuffer.wrap(body);
        b.position(68); // version, reserved, two AE titles, 32 reserved bytes
        while (b.remaining() >= 4) {
            int type = b.get() & 0xFF;
            b.get();
            int length = Short.toUnsignedInt(b.getShort());
            ByteBuffer item = b.slice(b.position(), length);
            b.position(b.position() + length);
            if (type == 0x21) {
                int id = item.get() & 0xFF;
                item.get();
                int result = item.get() & 0xFF;
                item.get();
                String ts = null;
                while (item.remaining() >= 4) {
                    int subType = item.get() & 0xFF;
                    item.get();
                    int subLength = Short.toUnsignedInt(item.getShort());
                    byte[] value = new byte[subLength];
                    item.get(value);
                    if (subType == 0x40) {
                        ts = text(value);
                    }
                }
                PresentationContext pc = byId.get(id);
                if (result == 0 && pc != null && ts != null) {
                    accepted.put(id, new AcceptedContext(id, pc.abstractSyntax(), ts));
                }
            } else if (type == 0x50) {
                maxLength = Pdus.maxLength(item);
            }
        }
        // 0 means "no limit"; keep fragments within what Lumen sends at most anyway.
        int send = maxLength <= 0 ? Pdus.MAX_PDU_LENGTH : Math.min(maxLength, Pdus.MAX_PDU_LENGTH);
        return new DimseAssociation(node, socket, timeouts, accepted, send);
    }

    /** The node this association is with. */
    public PacsNode node() {
        return node;
    }

    /** The accepted context for {@code sopClass}, or a failure saying that the PACS does not offer it. */
    public AcceptedContext contextFor(String sopClass, String what) throws NetworkException {
        return accepted.values().stream().filter(c -> c.abstractSyntax().equals(sopClass)).findFirst()
                .orElseThrow(() -> new NetworkException(Reason.PROTOCOL, node.describe() + " does not offer " + what
                        + " (it accepted none of the proposed presentation contexts for " + sopClass + ")"));
    }

    public List<AcceptedContext> acceptedContexts() {
        return new ArrayList<>(accepted.values());
    }

    /** Whether the peer ended the association with A-RELEASE (the normal end, for the storage receiver). */
    public boolean releasedByPeer() {
        return releasedByPeer;
    }

    /** From now on reads look at {@code task}'s cancel flag. */
    public void watch(TaskContext task) {
        this.task = task == null ? TaskContext.none() : task;
    }

    /** Sends a command and, when given, its data set (already encoded in the context's transfer syntax). */
    public void send(AcceptedContext context, CommandSet command, byte[] dataSet) throws NetworkException {
        try {
            fragments(context.id(), true, command.encode());
            if (dataSet != null) {
                fragments(context.id(), false, dataSet);
            }
            out.flush();
        } catch (IOException e) {
            throw lost(e, "sending a request");
        }
    }

    /** Sends a command and a data set of {@code length} bytes read from {@code dataSet} (a file's), fragment by fragment. */
    public void send(AcceptedContext context, CommandSet command, InputStream dataSet, long length) throws NetworkException, IOException {
        try {
            fragments(context.id(), true, command.encode());
        } catch (IOException e) {
            throw lost(e, "sending a request");
        }
        byte[] buffer = new byte[maxSendLength - 6];
        long left = length;
        do {
            int n = (int) Math.min(buffer.length, left);
            if (dataSet.readNBytes(buffer, 0, n) < n) {
                throw new java.io.EOFException("the file ended " + (left - n) + " bytes early"); // the caller aborts the association
            }
            try {
                out.write(Pdus.pData(context.id(), false, left - n == 0, buffer, 0, n));
            } catch (IOException e) {
                throw lost(e, "sending a data set");
            }
            left -= n;
        } while (left > 0);
        try {
            out.flush();
        } catch (IOException e) {
            throw lost(e, "sending a data set");
        }
    }

    private void fragments(int contextId, boolean command, byte[] data) throws IOException {
        int room = maxSendLength - 6; // PDV item length (4), context ID and control header
        int offset = 0;
        do {
            int length = Math.min(room, data.length - offset);
            boolean last = offset + length >= data.length;
            out.write(Pdus.pData(contextId, command, last, data, offset, length));
            offset += length;
        } while (offset < data.length);
    }

    /** The next message of the peer: its command and, when it has one, its data set (in memory). */
    public DimseMessage receive() throws NetworkException {
        return receive(null);
    }

    /** Where the data set of an incoming message goes instead of memory: an instance being stored, written as it arrives. */
    @FunctionalInterface
    public interface DataSetSink {
        /** The stream for the data set of {@code command}, or null to keep it in memory. */
        java.io.OutputStream open(CommandSet command, AcceptedContext context) throws IOException;
    }

    /**
     * The next message of the peer; a data set {@code sink} takes is streamed there fragment by
     * fragment (the message then carries no data set bytes), so a large instance never sits whole in memory.
     */
    public DimseMessage receive(DataSetSink sink) throws NetworkException {
        Reader reader = new Reader(node, in, timeouts, task);
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        ByteArrayOutputStream dataSet = new ByteArrayOutputStream();
        java.io.OutputStream streamed = null;
        IOException sinkFailure = null;
        int contextId = -1;
        boolean commandDone = false;
        boolean dataDone = false;
        CommandSet parsed = null;
        try {
            while (!commandDone || parsed.hasDataSet() && !dataDone) {
                int type = reader.pduType();
                byte[] body = reader.body();
                switch (type) {
                    case Pdus.P_DATA_TF -> {
                        ByteBuffer b = ByteBuffer.wrap(body);
                        while (b.remaining() >= 6) {
                            int length = b.getInt();
                            contextId = b.get() & 0xFF;
                            int control = b.get() & 0xFF;
                            byte[] fragment = new byte[length - 2];
                            b.get(fragment);
                            if ((control & 1) != 0) {
                                command.writeBytes(fragment);
                                commandDone = (control & 2) != 0;
                            } else {
                                if (streamed != null) {
                                    try {
                                        streamed.write(fragment);
                                    } catch (IOException e) {
                                        // Our disk, not the peer: read the rest of the message and say so in the answer.
                                        sinkFailure = e;
                                        streamed = java.io.OutputStream.nullOutputStream();
                                    }
                                } else {
                                    dataSet.writeBytes(fragment);
                                }
                                dataDone = (control & 2) != 0;
                            }
                            if (commandDone && parsed == null) {
                                parsed = CommandSet.decode(command.toByteArray());
                                if (sink != null && parsed.hasDataSet()) {
                                    try {
                                        streamed = sink.open(parsed, accepted.get(contextId));
                                    } catch (IOException e) {
                                        sinkFailure = e;
                                        streamed = java.io.OutputStream.nullOutputStream();
                                    }
                                }
                            }
                        }
                    }
                    case Pdus.ABORT -> {
                        open = false;
                        // What archives do when the request itself is not allowed: say what to check.
                        throw new NetworkException(Reason.ABORTED, node.describe() + ": " + Rejections.abort(body[2] & 0xFF, body[3] & 0xFF)
                                + " instead of answering; it may not allow this request from AE title " + node.callingAet()
                                + " (check that the PACS lists Lumen's AE title and address)");
                    }
                    case Pdus.RELEASE_RQ -> {
                        out.write(Pdus.releaseResponse());
                        out.flush();
                        open = false;
                        releasedByPeer = true;
                        throw new NetworkException(Reason.ABORTED, node.describe() + " ended the association before answering");
                    }
                    default -> throw new NetworkException(Reason.PROTOCOL, node.describe() + " sent PDU type " + type
                            + " where a message was expected");
                }
            }
        } catch (NetworkException e) {
            throw e;
        } catch (IOException e) {
            throw lost(e, "reading an answer");
        } catch (RuntimeException e) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + " sent a malformed message: " + e.getMessage(), e);
        }
        AcceptedContext context = accepted.get(contextId);
        return new DimseMessage(context, parsed, parsed.hasDataSet() && streamed == null ? dataSet.toByteArray() : null, sinkFailure);
    }

    /** Ends the association politely: A-RELEASE-RQ, then its answer (or the response timeout), then the socket. */
    public void release() throws NetworkException {
        if (!open) {
            return;
        }
        try {
            out.write(Pdus.releaseRequest());
            out.flush();
            Reader reader = new Reader(node, in, timeouts, TaskContext.none());
            while (true) {
                int type = reader.pduType();
                reader.body();
                if (type == Pdus.RELEASE_RP || type == Pdus.ABORT) {
                    break;
                }
            }
        } catch (IOException e) {
            throw lost(e, "releasing the association");
        } finally {
            open = false;
            closeQuietly(socket);
        }
    }

    /** Ends the association at once (A-ABORT): what cancelling an operation does when the peer must stop too. */
    public void abort() {
        if (open) {
            open = false;
            try {
                out.write(Pdus.abort());
                out.flush();
            } catch (IOException e) {
                // the connection is going away anyway
            }
        }
        closeQuietly(socket);
    }

    /** Aborts an association that was not released. */
    @Override
    public void close() {
        abort();
    }

    private NetworkException lost(IOException e, String doing) {
        open = false;
        closeQuietly(socket);
        if (e instanceof NetworkException n) {
            return n;
        }
        return new NetworkException(Reason.ABORTED, node.describe() + " closed the connection while " + doing + " (" + e.getMessage() + ")", e);
    }

    static String seconds(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII).replaceAll("[\\x00 ]+$", "");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * Reads PDUs with the response timeout counted per PDU, waking every poll to check for cancel:
     * a peer that accepts and then says nothing is a timeout, never a hang.
     */
    private static final class Reader {
        private final PacsNode node;
        private final InputStream in;
        private final Timeouts timeouts;
        private final TaskContext task;
        private int length;

        Reader(PacsNode node, InputStream in, Timeouts timeouts, TaskContext task) {
            this.node = node;
            this.in = in;
            this.timeouts = timeouts;
            this.task = task;
        }

        int pduType() throws IOException {
            byte[] header = new byte[6];
            readFully(header, true);
            length = ByteBuffer.wrap(header, 2, 4).getInt();
            if (length < 0 || length > 64 * 1024 * 1024) {
                throw new NetworkException(Reason.PROTOCOL, node.describe() + " sent a PDU of impossible length " + length);
            }
            return header[0] & 0xFF;
        }

        byte[] body() throws IOException {
            byte[] body = new byte[length];
            readFully(body, false);
            return body;
        }

        private void readFully(byte[] buffer, boolean waitingForAnswer) throws IOException {
            long deadline = System.nanoTime() + timeouts.response().toNanos();
            int offset = 0;
            while (offset < buffer.length) {
                if (task.isCancelled()) {
                    throw new NetworkException(Reason.CANCELLED, "cancelled while waiting for " + node.describe());
                }
                try {
                    int n = in.read(buffer, offset, buffer.length - offset);
                    if (n < 0) {
                        throw new EOFException(offset == 0 && waitingForAnswer ? "end of stream" : "end of stream inside a PDU");
                    }
                    offset += n;
                } catch (SocketTimeoutException poll) {
                    if (System.nanoTime() > deadline) {
                        throw new NetworkException(Reason.TIMEOUT, node.describe() + " did not answer within "
                                + seconds(timeouts.responseMillis()));
                    }
                }
            }
        }
    }
}
