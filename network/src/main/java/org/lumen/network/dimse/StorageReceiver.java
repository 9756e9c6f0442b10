// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.io.IOException;
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
import org.lumen.network.NetworkException;
import org.lumen.network.Timeouts;
import org.lumen.network.dicom.InstanceFiles;
import org.lumen.network.node.AeTitles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lumen's storage SCP: accepts C-STORE (and C-ECHO) from the peers it is told to trust (by calling AE
 * title and, where given, host) and rejects every other association with the reason. At most
 * {@link Settings#maxAssociations()} are served at once; more are refused as transient congestion. Each instance is
 * written atomically into an incoming folder as it arrives, then moved into
 * {@code cache/STUDY_UID/SOP_INSTANCE_UID.dcm}; the listener hears of each one (to index it).
 */
public final class StorageReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageReceiver.class);

    /** A peer allowed to send: its AE title and, when not null, the host it must connect from. */
    public record AllowedPeer(String aet, String host) {
        public AllowedPeer {
            AeTitles.check(aet, "AE title of an allowed peer");
        }
    }

    /**
     * @param bindAddress where to listen (loopback in tests; the site's interface, or all, in use)
     */
    public record Settings(String aet, InetAddress bindAddress, int port, List<AllowedPeer> allowed, Timeouts timeouts,
                           int maxAssociations) {

        /** Associations served at once unless the settings say otherwise; more are refused as "local limit exceeded". */
        public static final int DEFAULT_MAX_ASSOCIATIONS = 16;

        public Settings {
            AeTitles.check(aet, "receiver's AE title");
            allowed = List.copyOf(allowed);
            Objects.requireNonNull(timeouts, "timeouts");
            if (maxAssociations < 1) {
                throw new IllegalArgumentException("a receiver serves at least one association at a time");
            }
        }

        public Settings(String aet, InetAddress bindAddress, int port, List<AllowedPeer> allowed, Timeouts timeouts) {
            this(aet, bindAddress, port, allowed, timeouts, DEFAULT_MAX_ASSOCIATIONS);
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
    /** Bounds the associations served at once: each holds a socket and a thread until its peer is done. */
    private final java.util.concurrent.Semaphore associations;
    private volatile boolean closed;

    private StorageReceiver(Settings settings, Path cache, Listener listener, ServerSocket server) throws IOException {
        this.settings = settings;
        this.cache = cache;
        this.incoming = cache.resolve(".incoming");
        this.listener = listener;
        this.server = server;
        this.associations = new java.util.concurrent.Semaphore(settings.maxAssociations());
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
                boolean admitted = associations.tryAcquire();
                executor.execute(() -> {
                    try {
                        if (admitted) {
                            serve(socket);
                        } else {
                            AssociationAcceptor.refuseBusy(socket, settings);
                        }
                    } finally {
                        if (admitted) {
                            associations.release();
                        }
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
            IncomingInstances incoming = new IncomingInstances(this.incoming, a.node().calledAet());
            Set<String> studies = new java.util.LinkedHashSet<>();
            try {
                exchange(a, incoming, studies, host);
            } finally {
                incoming.abandon();
                if (!studies.isEmpty()) {
                    listener.associationEnded(Set.copyOf(studies));
                }
            }
        } catch (NetworkException e) {
            LOG.info("association from {} failed: {}", host, e.getMessage());
        }
    }

    private void exchange(DimseAssociation a, IncomingInstances incoming, Set<String> studies, String host) throws NetworkException {
        {
            while (true) {
                DimseMessage m;
                try {
                    m = a.receive(incoming);
                } catch (NetworkException e) {
                    if (!a.releasedByPeer()) {
                        LOG.info("association from {} at {} ended: {}", a.node().calledAet(), host, e.getMessage());
                    }
                    return;
                }
                CommandSet c = m.command();
                if (c.commandField() == CommandSet.C_ECHO_RQ) {
                    a.send(m.context(), CommandSet.responseTo(c, CommandSet.C_ECHO_RSP, DimseStatuses.SUCCESS, null), null);
                } else if (c.commandField() == CommandSet.C_STORE_RQ) {
                    a.send(m.context(), file(m, incoming, studies, a.node().calledAet()), null);
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

    /** Puts a received instance in its study's folder; the answer says whether it was stored. */
    private CommandSet file(DimseMessage m, IncomingInstances incoming, Set<String> studies, String sourceAet) {
        Path received = null;
        try {
            received = incoming.commit(m);
            String study = InstanceFiles.studyInstanceUid(received);
            Path folder = cache.resolve(study);
            Files.createDirectories(folder);
            Path target = folder.resolve(received.getFileName());
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            studies.add(study);
            listener.stored(target, study, sourceAet);
            return CommandSet.responseTo(m.command(), CommandSet.C_STORE_RSP, DimseStatuses.SUCCESS, null);
        } catch (IOException e) {
            LOG.warn("could not store an instance from {}: {}", sourceAet, e.getMessage());
            deleteQuietly(received);
            return CommandSet.responseTo(m.command(), CommandSet.C_STORE_RSP, DimseStatuses.OUT_OF_RESOURCES,
                    "Lumen could not store it: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left in the incoming folder, which is never indexed
            }
        }
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

}
