// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.SamePixels;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.node.PacsNode;
import org.lumen.network.node.TrustStores;
import org.lumen.network.query.StudyMatch;
import org.lumen.network.query.StudyQuery;
import org.lumen.task.Pools;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.testdata.pacs.TestCertificates;

/**
 * DICOM TLS against a real Orthanc ({@code DicomTlsEnabled}, its certificate and key as PEM files,
 * {@code DicomTlsTrustedCertificates}), with certificates made for the test by a site CA: the node's trust
 * store is that CA, and Lumen shows its own certificate where Orthanc requires one (its default).
 */
class DicomTlsTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    private static final char[] CLIENT_PASSWORD = TestCertificates.CLIENT_KEY_PASSWORD.toCharArray();

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static OrthancServer orthanc;
    private static PhantomResult phantom;
    private static Pools pools;

    @BeforeAll
    static void startArchive() throws IOException {
        pools = new Pools();
        certificates = TestCertificates.create(dir.resolve("certificates"));
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112)
                .withDicomTls(certificates.server().certificate(), certificates.server().privateKey(), certificates.caCertificate(), true));
        phantom = Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(41).size(Size.of(48, 48, 8)).noduleCount(0).build());
        orthanc.uploadTree(phantom.directory());
    }

    @AfterAll
    static void stopArchive() {
        if (orthanc != null) {
            orthanc.close();
        }
        pools.close();
    }

    @Test
    void echoFindAndGetOverTlsWithTheSitesCaGiveTheSamePixels() throws Exception {
        PacsNode node = siteNode("127.0.0.1", orthanc.dicomPort());
        SSLContext tls = TrustStores.forNode(node, CLIENT_PASSWORD);
        DimseClient client = new DimseClient(TIMEOUTS, tls);

        assertThat(client.echo(node, TaskContext.none())).isGreaterThanOrEqualTo(0);
        // The certificate names localhost too.
        assertThat(client.echo(siteNode("localhost", orthanc.dicomPort()), TaskContext.none())).isGreaterThanOrEqualTo(0);
        List<StudyMatch> studies = client.findStudies(node, StudyQuery.any(), TaskContext.none());
        assertThat(studies).hasSize(1);
        Path into = dir.resolve("retrieved");
        RetrieveResult result = new DimseRetriever(TIMEOUTS, tls).get(node, studies.getFirst().studyInstanceUid(), null, into, TaskContext.none());

        assertThat(result.files()).hasSize(8);
        SamePixels.assertSame(into, phantom.directory());
    }

    @Test
    void aCertificateFromAnotherCaIsNotTrusted() throws Exception {
        PacsNode other = siteNode("127.0.0.1", orthanc.dicomPort()).withTrustStore(certificates.otherCaCertificate());
        PacsNode platform = siteNode("127.0.0.1", orthanc.dicomPort()).withTrustStore(null);

        for (PacsNode node : List.of(other, platform)) {
            assertThatThrownBy(() -> new DimseClient(TIMEOUTS, TrustStores.forNode(node, CLIENT_PASSWORD)).echo(node, TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .hasMessageStartingWith("the TLS handshake with 127.0.0.1:" + orthanc.dicomPort() + " failed: its certificate is not trusted")
                    .hasMessageContaining(node.trustStore() == null ? "the platform's trust store" : "the node's trust store " + node.trustStore())
                    .hasMessageContaining("--trust-store");
        }
    }

    @Test
    void withoutAClientCertificateOrthancRefusesAndTheSentenceSaysSo() throws Exception {
        PacsNode node = siteNode("127.0.0.1", orthanc.dicomPort()).withClientKeys(null);
        SSLContext tls = TrustStores.forNode(node, null);

        // Under TLS 1.3 Orthanc's verdict comes after Lumen's handshake has ended: as an alert, or as a bare reset. Both say it.
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> new DimseClient(TIMEOUTS, tls).echo(node, TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .hasMessageStartingWith("the TLS handshake with 127.0.0.1:" + orthanc.dicomPort() + " failed: ")
                    .hasMessageContaining("requires a client certificate")
                    .hasMessageContaining("Lumen showed none")
                    .hasMessageContaining("--client-key-store");
        }
    }

    @Test
    void aClientCertificateOrthancDoesNotTrustIsNamed() throws Exception {
        PacsNode node = siteNode("127.0.0.1", orthanc.dicomPort()).withClientKeys(certificates.foreignClientKeyStore());
        SSLContext tls = TrustStores.forNode(node, CLIENT_PASSWORD);

        assertThatThrownBy(() -> new DimseClient(TIMEOUTS, tls).echo(node, TaskContext.none()))
                .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                .hasMessageContaining("Lumen's client certificate in " + certificates.foreignClientKeyStore())
                .hasMessageContaining("is it signed by a CA the archive trusts");
    }

    @Test
    void anExpiredCertificateIsNamedAsExpired() throws Exception {
        // Orthanc's own peers need no certificate here: the failure is the server's alone.
        try (OrthancServer expired = OrthancServer.start(dir.resolve("orthanc-expired"), OrthancServer.Options.defaults()
                .withDicomTls(certificates.expired().certificate(), certificates.expired().privateKey(), certificates.caCertificate(), false))) {
            PacsNode node = siteNode("127.0.0.1", expired.dicomPort()).withClientKeys(null);

            assertThatThrownBy(() -> new DimseClient(TIMEOUTS, TrustStores.forNode(node, null)).echo(node, TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .hasMessageStartingWith("the TLS handshake with 127.0.0.1:" + expired.dicomPort() + " failed: its certificate has expired (valid until ")
                    .hasMessageContaining("2020");
        }
    }

    @Test
    void aCertificateForAnotherHostIsNamedAsSuch() throws Exception {
        try (OrthancServer elsewhere = OrthancServer.start(dir.resolve("orthanc-other-host"), OrthancServer.Options.defaults()
                .withDicomTls(certificates.otherHost().certificate(), certificates.otherHost().privateKey(), certificates.caCertificate(), false))) {
            PacsNode node = siteNode("127.0.0.1", elsewhere.dicomPort()).withClientKeys(null);
            SSLContext tls = TrustStores.forNode(node, null);

            assertThatThrownBy(() -> new DimseClient(TIMEOUTS, tls).echo(node, TaskContext.none()))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .hasMessage("the TLS handshake with 127.0.0.1:" + elsewhere.dicomPort() + " failed: its certificate is for another host "
                            + "(it does not name 127.0.0.1); connect with a name the certificate gives, or have the archive's certificate name 127.0.0.1");
        }
    }

    @Test
    void whereOrthancAsksForNoClientCertificateTheSiteCaAloneIsEnough() throws Exception {
        try (OrthancServer optional = OrthancServer.start(dir.resolve("orthanc-optional"), OrthancServer.Options.defaults()
                .withDicomTls(certificates.server().certificate(), certificates.server().privateKey(), certificates.caCertificate(), false))) {
            PacsNode node = siteNode("localhost", optional.dicomPort()).withClientKeys(null);

            assertThat(new DimseClient(TIMEOUTS, TrustStores.forNode(node, null)).echo(node, TaskContext.none())).isGreaterThanOrEqualTo(0);
        }
    }

    /** A TLS node that trusts the site CA and shows Lumen's client certificate. */
    private static PacsNode siteNode(String host, int port) {
        return PacsNode.dimse("site", OrthancServer.AET, host, port, true)
                .withTrustStore(certificates.caCertificate()).withClientKeys(certificates.clientKeyStore());
    }

    /** The decoded slices of the folder's one series, in stack order. */
}
