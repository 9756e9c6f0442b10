// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.SamePixels;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.network.node.TrustStores;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.HeadMrSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.testdata.pacs.TestCertificates;
import org.lumen.testdata.pacs.TlsProxy;

/**
 * DICOMweb over HTTPS as sites deploy it: Orthanc (Basic authentication) behind nginx terminating TLS
 * with a certificate from the site's CA, which the node trusts through its trust store.
 */
class HttpsProxyTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final Credentials READER = Credentials.basic("reader", "right-pass");

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static OrthancServer orthanc;
    private static TlsProxy proxy;
    private static PhantomResult chest;
    private static Pools pools;

    @BeforeAll
    static void start() throws IOException {
        pools = new Pools();
        certificates = TestCertificates.create(dir.resolve("certificates"));
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults().withUser("reader", "right-pass"));
        chest = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(61).size(Size.of(48, 48, 10)).noduleCount(0).build());
        orthanc.uploadTree(chest.directory());
        proxy = TlsProxy.start(dir.resolve("nginx"), certificates.server(), orthanc.httpPort(), null);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
        pools.close();
    }

    @Test
    void qidoAndWadoOverHttpsWithTheSitesCaGiveTheSamePixels() throws Exception {
        PacsNode node = siteNode("127.0.0.1");
        SSLContext tls = TrustStores.forNode(node, null);

        try (QidoClient qido = new QidoClient(siteNode("localhost"), TIMEOUTS, READER, TrustStores.forNode(siteNode("localhost"), null))) {
            assertThat(qido.findStudies(StudyQuery.any(), TaskContext.none())).extracting(StudyMatch::studyInstanceUid)
                    .contains(chest.studyInstanceUid());
        }
        Path into = dir.resolve("retrieved");
        RetrieveResult result;
        try (WadoRetriever wado = new WadoRetriever(node, TIMEOUTS, READER, tls)) {
            result = wado.get(chest.studyInstanceUid(), null, into, TaskContext.none());
        }

        assertThat(result.files()).hasSize(10);
        assertThat(result.failed()).isZero();
        SamePixels.assertSame(into, chest.directory());
    }

    @Test
    void stowOverHttpsStoresAStudyThatQidoThenFinds() throws Exception {
        PhantomResult head = Phantoms.writeMrSeries(dir.resolve("head"), HeadMrSpec.builder().seed(62).size(Size.of(32, 32, 6)).build());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(head.directory())) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        PacsNode node = siteNode("127.0.0.1");
        SSLContext tls = TrustStores.forNode(node, null);

        SendResult sent;
        try (StowSender stow = new StowSender(node, TIMEOUTS, READER, tls)) {
            sent = stow.send(files, TaskContext.none());
        }

        assertThat(sent.notStored()).isEmpty();
        assertThat(sent.stored()).hasSize(files.size());
        try (QidoClient qido = new QidoClient(node, TIMEOUTS, READER, tls)) {
            assertThat(qido.findStudies(StudyQuery.any().withStudyInstanceUid(head.studyInstanceUid()), TaskContext.none()))
                    .singleElement().satisfies(s -> assertThat(s.numberOfInstances()).isEqualTo(files.size()));
        }
    }

    @Test
    void aCertificateNoTrustedCaSignedIsNotTrusted() throws Exception {
        for (PacsNode node : List.of(siteNode("127.0.0.1").withTrustStore(certificates.otherCaCertificate()), siteNode("127.0.0.1").withTrustStore(null))) {
            assertTls(node).hasMessageStartingWith("the TLS handshake with " + node.describe() + " failed: its certificate is not trusted");
        }
    }

    @Test
    void anExpiredCertificateAndOneForAnotherHostAreNamedAsSuch() throws Exception {
        try (TlsProxy expired = TlsProxy.start(dir.resolve("nginx-expired"), certificates.expired(), orthanc.httpPort(), null);
             TlsProxy elsewhere = TlsProxy.start(dir.resolve("nginx-other-host"), certificates.otherHost(), orthanc.httpPort(), null)) {
            PacsNode old = node(expired.baseUrl("127.0.0.1"));
            PacsNode other = node(elsewhere.baseUrl("localhost"));

            assertTls(old).hasMessageStartingWith("the TLS handshake with " + old.describe() + " failed: its certificate has expired (valid until ")
                    .hasMessageContaining("2020");
            assertTls(other).hasMessageStartingWith("the TLS handshake with " + other.describe()
                    + " failed: its certificate is for another host (it does not name localhost)");
        }
    }

    @Test
    void wrongCredentialsThroughTheProxyAreAnAuthenticationFailure() throws Exception {
        PacsNode node = siteNode("127.0.0.1");
        try (QidoClient qido = new QidoClient(node, TIMEOUTS, Credentials.basic("reader", "wrong-pass"), TrustStores.forNode(node, null))) {
            assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
                    .hasMessageContaining("(HTTP 401): wrong or missing credentials")
                    .hasMessageNotContaining("wrong-pass");
        }
    }

    @Test
    void aProxyThatRequiresAClientCertificateAcceptsTheNodesClientKeyStore() throws Exception {
        try (TlsProxy mutual = TlsProxy.start(dir.resolve("nginx-mutual"), certificates.server(), orthanc.httpPort(), certificates.caCertificate())) {
            PacsNode node = node(mutual.baseUrl("127.0.0.1")).withClientKeys(certificates.clientKeyStore());
            SSLContext tls = TrustStores.forNode(node, TestCertificates.CLIENT_KEY_PASSWORD.toCharArray());

            try (QidoClient qido = new QidoClient(node, TIMEOUTS, READER, tls)) {
                assertThat(qido.findStudies(StudyQuery.any(), TaskContext.none())).extracting(StudyMatch::studyInstanceUid)
                        .contains(chest.studyInstanceUid());
            }
            // nginx finishes the handshake without one, then answers 400 with a page saying why: that is a TLS failure too.
            assertTls(node.withClientKeys(null)).hasMessage("the TLS handshake with " + node.describe() + " failed: the archive requires "
                    + "a client certificate, and Lumen showed none (HTTP 400: No required SSL certificate was sent); give the node Lumen's "
                    + "certificate and key (--client-key-store FILE.p12)");
            PacsNode foreign = node.withClientKeys(certificates.foreignClientKeyStore());
            try (QidoClient qido = new QidoClient(foreign, TIMEOUTS, READER,
                    TrustStores.forNode(foreign, TestCertificates.CLIENT_KEY_PASSWORD.toCharArray()))) {
                assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), TaskContext.none()))
                        .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                        .hasMessageContaining("did not accept Lumen's client certificate in " + certificates.foreignClientKeyStore());
            }
        }
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertTls(PacsNode node) throws NetworkException {
        QidoClient qido = new QidoClient(node, TIMEOUTS, READER, TrustStores.forNode(node, null));
        try (qido) {
            return assertThatThrownBy(() -> qido.findStudies(StudyQuery.any(), TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
        }
    }

    /** The proxy's DICOMweb root at {@code host}, trusting the site CA. */
    private static PacsNode siteNode(String host) {
        return node(proxy.baseUrl(host));
    }

    private static PacsNode node(String root) {
        return InlineNodes.parse("dicomweb+" + root + "/dicom-web").withName("site").withAuth(PacsNode.Auth.BASIC)
                .withTrustStore(certificates.caCertificate());
    }

}
