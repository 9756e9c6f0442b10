// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures themselves: certificates openssl makes as asked, and nginx passing HTTPS on to Orthanc, stopped by PID. */
class TlsProxyTest {

    @Test
    void certificatesHaveTheirNamesAndDates(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);

        X509Certificate server = read(certificates.server().certificate());
        X509Certificate expired = read(certificates.expired().certificate());
        assertThat(server.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactly("127.0.0.1", "localhost");
        assertThat(server.getIssuerX500Principal().getName()).isEqualTo("CN=Lumen test site CA");
        server.checkValidity();
        assertThat(expired.getNotAfter().toInstant()).isEqualTo("2020-01-02T00:00:00Z");
        assertThat(read(certificates.otherHost().certificate()).getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .containsExactly(TestCertificates.OTHER_HOST);
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.clientKeyStore())) {
            client.load(in, TestCertificates.CLIENT_KEY_PASSWORD.toCharArray());
        }
        assertThat(client.isKeyEntry("lumen")).isTrue();
    }

    @Test
    void nginxPassesHttpsOnToOrthancAndIsGoneAfterClose(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir.resolve("certificates"));
        int port;
        try (OrthancServer orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withUser("u", "p"));
             TlsProxy proxy = TlsProxy.start(dir.resolve("nginx"), certificates.server(), orthanc.httpPort(), null)) {
            port = proxy.port();
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificates.caCertificate())).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl("localhost") + "/system"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(proxy.logTail()).isEqualTo(200);
            assertThat(answer.body()).contains("\"DicomAet\" : \"ORTHANC\"");
        }
        assertThat(portOpen(port)).isFalse();
    }

    @Test
    void whereNginxIsMissingTheFixtureSaysWhatToInstall(@TempDir Path dir) {
        assertThatThrownBy(() -> TlsProxy.start(dir, new TestCertificates.Server(dir.resolve("c"), dir.resolve("k")), 1, null,
                dir.resolve("no-nginx")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("nginx is not installed: apt-get install nginx (see .ci/run)");
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", read(ca));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static boolean portOpen(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
