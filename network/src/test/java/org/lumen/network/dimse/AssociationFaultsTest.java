// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;

/**
 * Peers that misbehave, played by a server socket on loopback: each failure is a NetworkException
 * with its reason and a sentence, within the timeouts, never a hang.
 */
class AssociationFaultsTest {

    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();

    @AfterEach
    void closePeers() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    @Test
    void aPeerThatAcceptsAndNeverAnswersIsATimeoutNotAHang() throws Exception {
        PacsNode node = peer(socket -> { });
        long start = System.nanoTime();

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("SILENT@127.0.0.1:" + node.port() + " did not answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aClosedPortSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PacsNode node = PacsNode.dimse("closed", "PACS", "127.0.0.1", port, false);

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PORT_CLOSED))
                .hasMessageStartingWith("port " + port + " on 127.0.0.1 is closed");
    }

    @Test
    void anUnknownHostSaysSo() {
        PacsNode node = PacsNode.dimse("nowhere", "PACS", "no-such-host.invalid", 104, false);

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessage("host no-such-host.invalid is unknown (the name does not resolve)");
    }

    @Test
    void aRejectionGivesThePeersReasonInWords() throws Exception {
        // A-ASSOCIATE-RJ: permanent (1), by the service user (1), calling AE title not recognised (3).
        PacsNode node = peer(socket -> write(socket, new byte[] {0x03, 0, 0, 0, 0, 4, 0, 1, 1, 3}));

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessage("SILENT@127.0.0.1:" + node.port() + " rejected the association: calling AE title not recognised "
                        + "(Lumen's AE title is not configured on the PACS)");
    }

    @Test
    void aPeerThatHangsUpIsAnAbortedConnection() throws Exception {
        PacsNode node = peer(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ABORTED))
                .hasMessageContaining("closed the connection during the association request");
    }

    @Test
    void cancellingStopsTheWaitWellBeforeTheTimeout() throws Exception {
        PacsNode node = peer(socket -> { });
        AtomicBoolean cancelled = new AtomicBoolean();
        TaskContext task = new TaskContext() {
            @Override public void progress(long done, long total) { }
            @Override public void message(String message) { }
            @Override public boolean isCancelled() { return cancelled.get(); }
        };
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancelled.set(true);
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30))).echo(node, task))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void tlsToAPeerThatDoesNotSpeakItIsATlsFailure() throws Exception {
        PacsNode plain = peer(socket -> write(socket, "HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        PacsNode node = PacsNode.dimse("tls", plain.calledAet(), plain.host(), plain.port(), true);

        assertThatThrownBy(() -> DimseClient.withDefaultTrust(SHORT).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                .hasMessageStartingWith("the TLS handshake with 127.0.0.1:" + node.port() + " failed: the peer does not speak TLS on this port");
    }

    /** A peer on a free loopback port that does {@code behaviour} with each connection it accepts (and keeps it open). */
    private PacsNode peer(Consumer<Socket> behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0);
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            try {
                while (!server.isClosed()) {
                    Socket s = server.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    behaviour.accept(s);
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        return PacsNode.dimse("peer", "SILENT", "127.0.0.1", server.getLocalPort(), false);
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
