// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.pacs.OrthancServer;
import org.lumen.testdata.pacs.TestCertificates;
import org.lumen.testdata.pacs.TlsProxy;

/**
 * {@code --trust-store} and {@code --client-key-store} through the real command line: DICOM TLS to an Orthanc
 * that requires a client certificate, and HTTPS through nginx, both with certificates from a site CA.
 */
class PacsTlsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static OrthancServer orthanc;
    private static TlsProxy proxy;
    private static Path passwordFile;

    @BeforeAll
    static void start() throws IOException {
        certificates = TestCertificates.create(dir.resolve("certificates"));
        orthanc = OrthancServer.start(dir.resolve("orthanc"), OrthancServer.Options.defaults()
                .withModality("lumen", "LUMEN", "127.0.0.1", 11112)
                .withDicomTls(certificates.server().certificate(), certificates.server().privateKey(), certificates.caCertificate(), true));
        orthanc.uploadTree(Phantoms.writeChestCt(dir.resolve("chest"), ChestCtSpec.builder().seed(71).size(Size.of(32, 32, 6))
                .noduleCount(0).build()).directory());
        proxy = TlsProxy.start(dir.resolve("nginx"), certificates.server(), orthanc.httpPort(), null);
        passwordFile = Files.writeString(dir.resolve("client-key-password.txt"), TestCertificates.CLIENT_KEY_PASSWORD + "\n");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void aSavedTlsNodeKeepsItsCaAndClientKeyStoreAndEchoFindAndGetUseThem() throws Exception {
        String address = "dimse+tls://ORTHANC@localhost:" + orthanc.dicomPort();
        CliRun add = lumen("pacs", "add", "tls-site", address, "--trust-store", certificates.caCertificate().toString(),
                "--client-key-store", certificates.clientKeyStore().toString(), "--client-key-password-file", passwordFile.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("trusting the CAs in " + certificates.caCertificate()).contains("readable by you only")
                .doesNotContain(TestCertificates.CLIENT_KEY_PASSWORD);
        try {
            JsonNode saved = null;
            for (JsonNode n : JSON.readTree(lumen("pacs", "nodes", "--json").out()).get("nodes")) {
                saved = n.get("name").asText().equals("tls-site") ? n : saved;
            }
            assertThat(saved).isNotNull();
            assertThat(saved.get("trustStore").asText()).isEqualTo(certificates.caCertificate().toString());
            assertThat(saved.get("clientKeyStore").asText()).isEqualTo(certificates.clientKeyStore().toString());
            assertThat(saved.toString()).doesNotContain(TestCertificates.CLIENT_KEY_PASSWORD);

            CliRun echo = lumen("pacs", "echo", "tls-site");
            assertThat(echo.exitCode()).as(echo.err()).isZero();
            assertThat(echo.out()).startsWith("ORTHANC@localhost:" + orthanc.dicomPort() + " (TLS) answered C-ECHO from LUMEN in ");
            String study = JSON.readTree(lumen("pacs", "find", "tls-site", "--json").out()).get("studies").get(0).get("studyInstanceUid").asText();
            // The test's data folder outlives the run: start from an empty cache folder, so every instance crosses TLS.
            org.lumen.io.Folders.deleteTree(java.nio.file.Path.of(System.getenv("LUMEN_HOME")).resolve("cache/pacs").resolve(study));
            CliRun get = lumen("pacs", "get", "tls-site", "--study", study, "--catalog", dir.resolve("catalog.sqlite").toString());
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("of study " + study).contains("fetched 6 from").contains("(TLS)");

            // The same archive without Lumen's certificate: it says what is missing.
            CliRun without = lumen("pacs", "echo", address, "--trust-store", certificates.caCertificate().toString());
            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err()).contains("requires a client certificate").contains("--client-key-store");
        } finally {
            assertThat(lumen("pacs", "remove", "tls-site").exitCode()).isZero();
        }
    }

    @Test
    void anHttpsAddressTrustsTheCaGivenOnTheCommandLineOnly() {
        String web = "dicomweb+" + proxy.baseUrl("127.0.0.1") + "/dicom-web";

        CliRun trusted = lumen("pacs", "find", web, "--trust-store", certificates.caCertificate().toString());
        CliRun platform = lumen("pacs", "echo", web);

        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(trusted.out()).startsWith("1 study on " + proxy.baseUrl("127.0.0.1") + "/dicom-web");
        assertThat(platform.exitCode()).isEqualTo(1);
        assertThat(platform.err()).startsWith("lumen: the TLS handshake with " + proxy.baseUrl("127.0.0.1")
                + "/dicom-web failed: its certificate is not trusted (no certificate authority in the platform's trust store signed it)");
    }

    @Test
    void trustStoresThatCannotServeAreRefusedWhenTheNodeIsSaved() throws IOException {
        Path missing = dir.resolve("no-such-ca.pem");
        Path notACertificate = Files.writeString(dir.resolve("notes.pem"), "hello\n");

        CliRun plain = lumen("pacs", "add", "plain-ca", "dimse://ORTHANC@127.0.0.1:104", "--trust-store", certificates.caCertificate().toString());
        CliRun absent = lumen("pacs", "add", "absent-ca", "dimse+tls://ORTHANC@127.0.0.1:2762", "--trust-store", missing.toString());
        CliRun foreign = lumen("pacs", "add", "foreign-ca", "dicomweb+https://127.0.0.1/dicom-web", "--trust-store", notACertificate.toString());

        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.err()).contains("--trust-store is for nodes that use TLS (dimse+tls:// or dicomweb+https://)");
        assertThat(absent.exitCode()).isNotZero();
        assertThat(absent.err()).contains("the trust store " + missing + " of node 'absent-ca' does not exist");
        assertThat(foreign.exitCode()).isNotZero();
        assertThat(foreign.err()).contains("is not a certificate file");
        assertThat(lumen("pacs", "nodes").out()).doesNotContain("plain-ca").doesNotContain("absent-ca").doesNotContain("foreign-ca");
    }
}
