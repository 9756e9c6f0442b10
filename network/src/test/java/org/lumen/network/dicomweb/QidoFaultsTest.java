// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.TaskContext;

/**
 * What a QIDO-RS search does when the network or the server misbehaves: each failure is a
 * {@link NetworkException} with a reason and one sentence naming the node, never a hang, never a secret.
 * Peers here are loopback sockets and small HTTP servers scripted per test.
 */
class QidoFaultsTest {

    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final String ONE_STUDY = """
            [{"0020000D": {"vr": "UI", "Value": ["1.2.3"]},
              "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE"}]},
              "00100020": {"vr": "LO", "Value": ["P1"]},
              "00080061": {"vr": "CS", "Value": ["CT", "SR"]},
              "00201206": {"vr": "IS", "Value": ["2"]},
              "00201208": {"vr": "IS", "Value": [31]}}]""";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void aClosedPortIsSaidSo() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PacsNode node = node("http://127.0.0.1:" + port + "/dicom-web", PacsNode.Auth.NONE);
        assertFails(client(node, Credentials.none()), Reason.PORT_CLOSED)
                .hasMessage("nothing answers at " + node.describe() + ": port " + port + " on 127.0.0.1 is closed");
    }

    @Test
    void aPeerThatAcceptsAndNeverAnswersIsATimeoutNotAHang() throws IOException {
        // The kernel completes the TCP handshake for a listening socket; nobody ever reads or writes.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PacsNode node = node("http://127.0.0.1:" + silent.getLocalPort() + "/dicom-web", PacsNode.Auth.NONE);
            long start = System.nanoTime();
            assertFails(client(node, Credentials.none()), Reason.TIMEOUT)
                    .hasMessage(node.describe() + " did not answer a QIDO-RS search within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnknownHostIsUnreachable() {
        // .invalid never resolves (RFC 6761).
        assertFails(client(node("http://pacs.lumen.invalid/dicom-web", PacsNode.Auth.NONE), Credentials.none()), Reason.UNREACHABLE)
                .hasMessageStartingWith("pacs.lumen.invalid cannot be reached (http://pacs.lumen.invalid/dicom-web)");
    }

    @Test
    void aCertificateTheTrustStoreDoesNotKnowIsATlsFailure(@TempDir Path dir) throws Exception {
        Tls tls = Tls.selfSigned(dir, "ip:127.0.0.1");
        PacsNode node = node(https(tls.server()) + "/dicom-web", PacsNode.Auth.NONE);

        assertFails(client(node, Credentials.none()), Reason.TLS)
                .hasMessageStartingWith("the TLS handshake with " + node.describe() + " failed: its certificate is not trusted "
                        + "(no certificate authority in the platform's trust store signed it)");
    }

    @Test
    void aSitesOwnCertificateAuthorityCanBeTrusted(@TempDir Path dir) throws Exception {
        Tls tls = Tls.selfSigned(dir, "ip:127.0.0.1");
        PacsNode node = node(https(tls.server()) + "/dicom-web", PacsNode.Auth.NONE);
        QidoClient qido = new QidoClient(node, SHORT, Credentials.none(), tls.trust());
        toClose.add(qido);

        assertThat(qido.findStudies(StudyQuery.any(), TaskContext.none())).hasSize(1);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsATlsFailure(@TempDir Path dir) throws Exception {
        Tls tls = Tls.selfSigned(dir, "dns:pacs.elsewhere.example");
        PacsNode node = node(https(tls.server()) + "/dicom-web", PacsNode.Auth.NONE);
        QidoClient qido = new QidoClient(node, SHORT, Credentials.none(), tls.trust());
        toClose.add(qido);

        assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                .hasMessageContaining("its certificate is for another host (it does not name 127.0.0.1)");
    }

    @Test
    void cancelStopsAWaitingSearch() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PacsNode node = node("http://127.0.0.1:" + silent.getLocalPort() + "/dicom-web", PacsNode.Auth.NONE);
            long start = System.nanoTime();
            TaskContext cancelledSoon = new CancelAfter(Duration.ofMillis(200));
            QidoClient qido = client(node, Credentials.none(), new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)));
            assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), cancelledSoon))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void parsesAnswersAsArchivesWriteThem() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 200, ONE_STUDY));
        List<StudyMatch> found = client(stub.node(PacsNode.Auth.NONE), Credentials.none()).findStudies(StudyQuery.any(), TaskContext.none());
        assertThat(found).containsExactly(new StudyMatch("1.2.3", "P1", "DOE^JANE", null, null, null, List.of("CT", "SR"), 2, 31));
        assertThat(stub.requests.peek()).contains("includefield=NumberOfStudyRelatedInstances");
    }

    @Test
    void noContentIsAnEmptyList() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 204, null));
        assertThat(client(stub.node(PacsNode.Auth.NONE), Credentials.none()).findStudies(StudyQuery.any(), TaskContext.none())).isEmpty();
    }

    @Test
    void busyServersAreAskedAgainAfterRetryAfter() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stub stub = stub(exchange -> {
            if (calls.incrementAndGet() < 3) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                reply(exchange, calls.get() == 1 ? 503 : 429, "busy");
            } else {
                reply(exchange, 200, ONE_STUDY);
            }
        });
        long start = System.nanoTime();
        assertThat(client(stub.node(PacsNode.Auth.NONE), Credentials.none()).findStudies(StudyQuery.any(), TaskContext.none())).hasSize(1);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aServerBusyForLongIsReportedNotWaitedFor() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stub stub = stub(exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "120");
            reply(exchange, 503, "maintenance");
        });
        PacsNode node = stub.node(PacsNode.Auth.NONE);
        assertFails(client(node, Credentials.none()), Reason.PROTOCOL)
                .hasMessage(node.describe() + " is busy (HTTP 503) and did not serve a QIDO-RS search after 1 try; it asks to retry in 120 s");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aServerStillBusyAfterThreeTriesIsReported() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stub stub = stub(exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "0");
            reply(exchange, 429, "slow down");
        });
        PacsNode node = stub.node(PacsNode.Auth.NONE);
        assertFails(client(node, Credentials.none()), Reason.PROTOCOL)
                .hasMessage(node.describe() + " is busy (HTTP 429) and did not serve a QIDO-RS search after 3 tries");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void otherStatusesAreProtocolFailuresWithTheStatus() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 500, "internal error"));
        PacsNode node = stub.node(PacsNode.Auth.NONE);
        assertFails(client(node, Credentials.none()), Reason.PROTOCOL).hasMessage(node.describe() + " answered HTTP 500 to a QIDO-RS search");
    }

    @Test
    void somethingThatIsNotJsonIsAProtocolFailure() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 200, "<html>login page</html>"));
        assertFails(client(stub.node(PacsNode.Auth.NONE), Credentials.none()), Reason.PROTOCOL).hasMessageContaining("not JSON");
    }

    @Test
    void bearerTokensGoOnlyToTheNodesOwnOrigin() throws Exception {
        Stub elsewhere = stub(exchange -> reply(exchange, 200, ONE_STUDY));
        Stub origin = stub(exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere.base + "/studies");
            reply(exchange, 307, null);
        });
        QidoClient qido = client(origin.node(PacsNode.Auth.BEARER), Credentials.bearer("tok-123"));
        assertThat(qido.findStudies(StudyQuery.any(), TaskContext.none())).hasSize(1);
        assertThat(origin.authorizations).containsExactly("Bearer tok-123");
        assertThat(elsewhere.authorizations).containsExactly("(none)");
    }

    @Test
    void redirectsThatLeadNowhereUsefulAreProtocolFailures() throws Exception {
        Stub ftp = stub(exchange -> {
            exchange.getResponseHeaders().add("Location", "ftp://127.0.0.1/studies");
            reply(exchange, 302, null);
        });
        assertFails(client(ftp.node(PacsNode.Auth.NONE), Credentials.none()), Reason.PROTOCOL).hasMessageContaining("not an HTTP URL");
        AtomicInteger hops = new AtomicInteger();
        Stub loop = stub(exchange -> {
            hops.incrementAndGet();
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().toString());
            reply(exchange, 307, null);
        });
        assertFails(client(loop.node(PacsNode.Auth.NONE), Credentials.none()), Reason.PROTOCOL).hasMessageContaining("more than 5 times");
        assertThat(hops.get()).isEqualTo(6);
    }

    @Test
    void aNodeThatNeedsCredentialsWithoutStoredOnesFailsBeforeSending() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 200, ONE_STUDY));
        PacsNode node = stub.node(PacsNode.Auth.BASIC);
        assertFails(client(node, Credentials.none()), Reason.AUTHENTICATION)
                .hasMessage(node.describe() + " uses HTTP Basic authentication and no user name and password are stored for it");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void wrongCredentialsNameTheNodeButNeverTheSecret() throws Exception {
        Stub stub = stub(exchange -> reply(exchange, 403, "forbidden"));
        PacsNode node = stub.node(PacsNode.Auth.BASIC);
        Credentials secret = Credentials.basic("reader", "hunter2");
        assertFails(client(node, secret), Reason.AUTHENTICATION)
                .hasMessage(node.describe() + " refused a QIDO-RS search (HTTP 403): wrong or missing credentials")
                .hasMessageNotContaining("hunter2");
        assertThat(secret.toString()).contains("reader").doesNotContain("hunter2");
        assertThat(Credentials.bearer("tok-123").toString()).doesNotContain("tok-123");
    }

    @Test
    void aBaseUrlWithCredentialsInItIsRefusedWithoutRepeatingThem() {
        PacsNode node = node("http://reader:hunter2@127.0.0.1:1/dicom-web", PacsNode.Auth.BASIC);
        assertThatThrownBy(() -> new QidoClient(node, SHORT, Credentials.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds credentials").hasMessageNotContaining("hunter2");
    }

    @Test
    void aStudyUidIsCheckedBeforeItGoesIntoAPath() {
        QidoClient qido = client(node("http://127.0.0.1:1/dicom-web", PacsNode.Auth.NONE), Credentials.none());
        assertThatThrownBy(() -> qido.findSeries("1.2/../../x", TaskContext.none())).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers

    private AbstractThrowableAssert<?, ? extends Throwable> assertFails(QidoClient qido, Reason reason) {
        return assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private QidoClient client(PacsNode node, Credentials credentials) {
        return client(node, credentials, SHORT);
    }

    private QidoClient client(PacsNode node, Credentials credentials, Timeouts timeouts) {
        QidoClient qido = new QidoClient(node, timeouts, credentials);
        toClose.add(qido);
        return qido;
    }

    private static PacsNode node(String url, PacsNode.Auth auth) {
        return new PacsNode("test", PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, URI.create(url), auth);
    }

    /** An HTTPS server on a free loopback port that answers every search with one study; returns its root URL. */
    private String https(SSLContext server) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        https.createContext("/", exchange -> reply(exchange, 200, ONE_STUDY));
        https.start();
        toClose.add(() -> https.stop(0));
        return "https://127.0.0.1:" + https.getAddress().getPort();
    }

    /** A fresh self-signed certificate (keytool) as the server's key and, separately, as a client's only trusted certificate. */
    private record Tls(SSLContext server, SSLContext trust) {

        static Tls selfSigned(Path dir, String subjectAltName) throws Exception {
            Path store = dir.resolve("server.p12");
            char[] password = "changeit".toCharArray();
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Lumen test PACS",
                    "-ext", "SAN=" + subjectAltName, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(password)).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(output).isZero();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("pacs", keys.getCertificate("server"));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext trust = SSLContext.getInstance("TLS");
            trust.init(null, trustManagers.getTrustManagers(), null);
            return new Tls(server, trust);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Stub stub(Handler handler) throws IOException {
        Stub stub = new Stub(handler);
        toClose.add(stub);
        return stub;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A scripted DICOMweb server on a free loopback port that records what it was asked. */
    private static final class Stub implements AutoCloseable {
        final Queue<String> requests = new ConcurrentLinkedQueue<>();
        final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
        final HttpServer server;
        final String base;

        Stub(Handler handler) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestURI().toString());
                authorizations.add(exchange.getRequestHeaders().getOrDefault("Authorization", List.of("(none)")).getFirst());
                handler.handle(exchange);
            });
            server.start();
            base = "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
        }

        PacsNode node(PacsNode.Auth auth) {
            return QidoFaultsTest.node(base, auth);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A task whose reader presses cancel after a while. */
    private record CancelAfter(long deadline) implements TaskContext {
        CancelAfter(Duration after) {
            this(System.nanoTime() + after.toNanos());
        }

        @Override public void progress(long done, long total) { }

        @Override public void message(String message) { }

        @Override public boolean isCancelled() {
            return System.nanoTime() > deadline;
        }
    }
}
