// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.lumen.io.AtomicFiles;
import org.lumen.network.NetworkException;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.dicom.Part10;
import org.lumen.network.node.AeTitles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lumen's storage SCP: accepts C-STORE (and C-ECHO) from the peers it is told to trust (by calling AE
 * title and, where given, host) and rejects every other association with the reason. Each instance is
 * written atomically into an incoming folder as it arrives, then moved into
 * {@code cache/STUDY_UID/SOP_INSTANCE_UID.dcm}; the listener hears of each one (to index it).
 */
public final class StorageReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageReceiver.class);
    private static final int SUCCESS = 0x0000;
    private static final int OUT_OF_RESOURCES = 0xA700;

    /** A peer allowed to send: its AE title and, when not null, the host it must connect from. */
    public record AllowedPeer(String aet, String host) {
        public AllowedPeer {
            AeTitles.check(aet, "AE title of an allowed peer");
        }
    }

    /**
     * @param bindAddress where to listen (loopback in tests; the site's interface, or all, in use)
     */
    public record Settings(String aet, InetAddress bindAddress, int port, List<AllowedPeer> allowed, Timeouts timeouts) {
        public Settings {
            AeTitles.check(aet, "receiver's AE title");
            allowed = List.copyOf(allowed);
            Objects.requireNonNull(timeouts, "timeouts");
        }
    }

    /** Hears what the receiver does; called on the receiver's threads. */
    public interface Listener {
        void stored(Path file, String studyInstanceUid, String callingAet);

        default void refused(String callingAet, String host, String why) { }

        /** An association ended (released or aborted) after storing instances of these studies: a moment to index them. */
        default void associationEnded(java.util.Set<String> studyInstanceUids) { }
    }

    private final Settings settings;
    private final Path cache;
    private final Path incoming;
    private final Listener listener;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private StorageReceiver(Settings settings, Path cache, Listener listener, ServerSocket server) throws IOException {
        this.settings = settings;
        this.cache = cache;
        this.incoming = cache.resolve(".incoming");
        this.listener = listener;
        this.server = server;
        Files.createDirectories(incoming);
    }

    /** Listens on the settings' port (0: any free one) and handles each association on {@code executor}. */
    public static StorageReceiver start(Settings settings, Path cache, ExecutorService executor, Listener listener) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()));
        } catch (IOException e) {
            server.close();
            throw new IOException("the storage receiver cannot listen on port " + settings.port() + ": " + e.getMessage()
                    + " (another program uses it, or ports below 1024 need privileges)", e);
        }
        StorageReceiver receiver = new StorageReceiver(settings, cache, listener, server);
        executor.execute(() -> receiver.acceptLoop(executor));
        return receiver;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String aet() {
        return settings.aet();
    }

    private void acceptLoop(ExecutorService executor) {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                executor.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("the storage receiver stopped accepting: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String host = socket.getInetAddress().getHostAddress();
        try (DimseAssociation a = AssociationAcceptor.accept(socket, settings, this::refusal)) {
            if (a == null) {
                return;
            }
            Incoming store = new Incoming(a.node().calledAet());
            try {
                exchange(a, store, host);
            } finally {
                if (!store.studies.isEmpty()) {
                    listener.associationEnded(java.util.Set.copyOf(store.studies));
                }
            }
        } catch (NetworkException e) {
            LOG.info("association from {} failed: {}", host, e.getMessage());
        }
    }

    private void exchange(DimseAssociation a, Incoming store, String host) throws NetworkException {
        {
            while (true) {
                DimseMessage m;
                try {
                    m = a.receive(store);
                } catch (NetworkException e) {
                    store.abandon();
                    if (!a.releasedByPeer()) {
                        LOG.info("association from {} at {} ended: {}", a.node().calledAet(), host, e.getMessage());
                    }
                    return;
                }
                CommandSet c = m.command();
                if (c.commandField() == CommandSet.C_ECHO_RQ) {
                    a.send(m.context(), response(c, CommandSet.C_ECHO_RSP, SUCCESS, null), null);
                } else if (c.commandField() == CommandSet.C_STORE_RQ) {
                    a.send(m.context(), store.finish(m), null);
                } else {
                    LOG.info("{} at {} sent command {}, which a storage receiver does not perform", a.node().calledAet(), host, c.commandField());
                    a.abort();
                    return;
                }
            }
        }
    }

    /** Why an association from {@code callingAet} at {@code host} to {@code calledAet} is refused, or null to accept it. */
    private String refusal(String callingAet, String calledAet, String host) {
        String why = null;
        if (!settings.aet().equals(calledAet)) {
            why = "called AE title " + calledAet + " is not this receiver's (" + settings.aet() + ")";
        } else if (settings.allowed().stream().noneMatch(p -> p.aet().equals(callingAet) && (p.host() == null || sameHost(p.host(), host)))) {
            why = "calling AE title " + callingAet + " at " + host + " is not among the allowed peers";
        }
        if (why != null) {
            listener.refused(callingAet, host, why);
        }
        return why;
    }

    private static boolean sameHost(String allowed, String actual) {
        try {
            for (InetAddress address : InetAddress.getAllByName(allowed)) {
                if (address.getHostAddress().equals(actual)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static CommandSet response(CommandSet rq, int field, int status, String comment) {
        CommandSet rsp = new CommandSet().set(CommandSet.AFFECTED_SOP_CLASS_UID, rq.text(CommandSet.AFFECTED_SOP_CLASS_UID))
                .set(CommandSet.COMMAND_FIELD, field).set(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, rq.integer(CommandSet.MESSAGE_ID, 0))
                .set(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET).set(CommandSet.STATUS, status);
        if (rq.text(CommandSet.AFFECTED_SOP_INSTANCE_UID) != null) {
            rsp.set(CommandSet.AFFECTED_SOP_INSTANCE_UID, rq.text(CommandSet.AFFECTED_SOP_INSTANCE_UID));
        }
        if (comment != null) {
            rsp.set(CommandSet.ERROR_COMMENT, comment.length() > 64 ? comment.substring(0, 64) : comment);
        }
        return rsp;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(StorageReceiver::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** The instance arriving on one association: written to the incoming folder, then moved into its study's folder. */
    private final class Incoming implements DimseAssociation.DataSetSink {
        private final String sourceAet;
        private final java.util.Set<String> studies = new java.util.LinkedHashSet<>();
        private AtomicFiles.Pending pending;
        private Path file;

        Incoming(String sourceAet) {
            this.sourceAet = sourceAet;
        }

        @Override
        public OutputStream open(CommandSet command, AcceptedContext context) throws IOException {
            abandon();
            String sop = command.text(CommandSet.AFFECTED_SOP_INSTANCE_UID);
            if (sop == null || !sop.matches("[0-9.]{1,64}")) {
                throw new IOException("no valid SOP Instance UID ('" + sop + "')");
            }
            file = incoming.resolve(sop + ".dcm");
            pending = AtomicFiles.begin(file);
            pending.out().write(Part10.header(command.text(CommandSet.AFFECTED_SOP_CLASS_UID), sop, context.transferSyntax(), sourceAet));
            return pending.out();
        }

        CommandSet finish(DimseMessage m) {
            try {
                if (m.sinkFailure() != null) {
                    throw m.sinkFailure();
                }
                if (pending == null) {
                    throw new IOException("the C-STORE carried no data set");
                }
                pending.commit();
                pending = null;
                String study = InstanceFiles.studyInstanceUid(file);
                Path folder = cache.resolve(study);
                Files.createDirectories(folder);
                Path target = folder.resolve(file.getFileName());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                file = null;
                studies.add(study);
                listener.stored(target, study, sourceAet);
                return response(m.command(), CommandSet.C_STORE_RSP, SUCCESS, null);
            } catch (IOException e) {
                abandon();
                LOG.warn("could not store an instance from {}: {}", sourceAet, e.getMessage());
                return response(m.command(), CommandSet.C_STORE_RSP, OUT_OF_RESOURCES, "Lumen could not store it: " + e.getMessage());
            }
        }

        void abandon() {
            if (pending != null) {
                try {
                    pending.close();
                } catch (IOException e) {
                    // hidden and harmless
                }
                pending = null;
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // left in the incoming folder, which is not indexed
                }
            }
        }
    }
}
