// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.testdata.pacs.TestCertificates;

/** A node's trust store and client key store made into a TLS context, and every file that cannot serve refused with its reason. */
class TrustStoresTest {

    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws IOException {
        certificates = TestCertificates.create(dir.resolve("certificates"));
    }

    @Test
    void aPemFileOfCaCertificatesIsReadWholeAndAPlainNodeGetsThePlatformDefault() throws Exception {
        Path both = dir.resolve("two-cas.pem");
        Files.writeString(both, Files.readString(certificates.caCertificate()) + Files.readString(certificates.otherCaCertificate()));

        List<X509Certificate> read = TrustStores.certificates(both, "main");

        assertThat(read).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("CN=Lumen test site CA", "CN=Some other CA");
        PacsNode node = tlsNode().withTrustStore(both);
        assertThat(TrustStores.forNode(node, null)).isNotNull().isNotSameAs(TrustStores.platform());
        assertThat(TrustStores.forNode(tlsNode(), null)).isSameAs(TrustStores.platform());
    }

    @Test
    void aPkcs12TrustStoreWithReadableCertificatesServesAndAnEncryptedOneIsRefusedWithTheWayOut() throws Exception {
        Path readable = dir.resolve("ca-readable.p12");
        // The JDK's own way to a trust store without a password: neither encrypted certificates nor a MAC.
        run(KEYTOOL, "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE", "-J-Dkeystore.pkcs12.macAlgorithm=NONE", "-importcert",
                "-noprompt", "-storetype", "PKCS12", "-keystore", readable.toString(), "-storepass", "changeit", "-alias", "site",
                "-file", certificates.caCertificate().toString());
        Path encrypted = dir.resolve("ca-keytool.p12");
        run(KEYTOOL, "-importcert", "-noprompt", "-storetype", "PKCS12",
                "-keystore", encrypted.toString(), "-storepass", "changeit", "-alias", "site", "-file", certificates.caCertificate().toString());

        assertThat(TrustStores.certificates(readable, "main")).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=Lumen test site CA");
        assertRefused(() -> TrustStores.certificates(encrypted, "main"))
                .hasMessageContaining("the trust store " + encrypted + " of node 'main' is not a certificate file Lumen can read")
                .hasMessageContaining("keytool -exportcert -rfc");
    }

    @Test
    void missingEmptyAndForeignFilesAreRefusedWithWhatIsWrong() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate at all\n");
        Path keyOnly = certificates.server().privateKey();
        Path missing = dir.resolve("nowhere.pem");

        assertRefused(() -> TrustStores.forNode(tlsNode().withTrustStore(missing), null))
                .hasMessage("the trust store " + missing + " of node 'main' does not exist");
        assertRefused(() -> TrustStores.certificates(empty, "main")).hasMessageStartingWith("the trust store " + empty + " of node 'main' is empty");
        assertRefused(() -> TrustStores.certificates(text, "main")).hasMessageContaining("is not a certificate file");
        assertRefused(() -> TrustStores.certificates(keyOnly, "main"))
                .hasMessageContaining("holds no certificate (it holds a private key: a trust store holds the CA's certificate, never a key)");
        assertRefused(() -> TrustStores.certificates(dir, "main")).hasMessageContaining("is a folder, not a file");
        Path unreadable = Files.writeString(dir.resolve("locked.pem"), Files.readString(certificates.caCertificate()));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(unreadable)) { // root reads everything
            assertRefused(() -> TrustStores.certificates(unreadable, "main")).hasMessageContaining("cannot be read (permission denied)");
        }
    }

    @Test
    void aClientKeyStoreNeedsItsPasswordAndAKeyAndTheMessageNeverShowsThePassword() throws Exception {
        PacsNode node = tlsNode().withTrustStore(certificates.caCertificate()).withClientKeys(certificates.clientKeyStore());

        assertThat(TrustStores.forNode(node, TestCertificates.CLIENT_KEY_PASSWORD.toCharArray())).isNotNull();
        assertRefused(() -> TrustStores.forNode(node, "wrong-password".toCharArray()))
                .hasMessageStartingWith("the client key store " + certificates.clientKeyStore() + " of node 'main' cannot be opened with the password given")
                .hasMessageNotContaining("wrong-password");
        assertRefused(() -> TrustStores.forNode(node.withClientKeys(certificates.caCertificate()), null))
                .hasMessageContaining("is not a PKCS#12 file (.p12) with a certificate and its key");
        Path certificateOnly = dir.resolve("no-key.p12");
        run("openssl", "pkcs12", "-export", "-nokeys", "-in", certificates.caCertificate().toString(), "-passout", "pass:pw",
                "-out", certificateOnly.toString());
        assertRefused(() -> TrustStores.forNode(node.withClientKeys(certificateOnly), "pw".toCharArray()))
                .hasMessageContaining("holds no private key");
    }

    private static PacsNode tlsNode() {
        return InlineNodes.parse("dimse+tls://PACS@pacs.local:2762").withName("main");
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }
}
