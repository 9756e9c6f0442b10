// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesNodesAndKeepsTheirSecretsInAFileOnlyTheUserReads() throws Exception {
        NodeStore store = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        store.save(InlineNodes.parse("dimse+tls://PACS@pacs.local:2762").withName("main").withCallingAet("READER1"), Credentials.none());
        store.save(InlineNodes.parse("dicomweb+https://pacs.local/dicom-web").withName("web").withAuth(PacsNode.Auth.BASIC),
                Credentials.basic("reader", "s3cret"));

        NodeStore again = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        PacsNode main = again.node("main").orElseThrow();
        assertThat(main.describe()).isEqualTo("PACS@pacs.local:2762 (TLS)");
        assertThat(main.callingAet()).isEqualTo("READER1");
        assertThat(again.node("web").orElseThrow().auth()).isEqualTo(PacsNode.Auth.BASIC);
        assertThat(again.credentials("web")).isEqualTo(Credentials.basic("reader", "s3cret"));
        assertThat(again.credentials("main")).isEqualTo(Credentials.none());
        assertThat(Files.readString(dir.resolve("pacs-nodes.json"))).doesNotContain("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets.json")))).isEqualTo("rw-------");

        assertThat(again.remove("web")).isTrue();
        assertThat(again.remove("web")).isFalse();
        assertThat(again.nodes()).extracting(PacsNode::name).containsExactly("main");
        assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain("s3cret");
    }

    @Test
    void keepsTheTrustStoreAndClientKeyStorePathsAndTheKeyPasswordOnlyAmongTheSecrets() throws Exception {
        NodeStore store = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        Path ca = dir.resolve("site-ca.pem");
        Path keys = dir.resolve("lumen.p12");
        store.save(InlineNodes.parse("dimse+tls://PACS@pacs.local:2762").withName("tls").withTrustStore(ca).withClientKeys(keys),
                Credentials.none(), "k3y-pass".toCharArray());
        store.save(InlineNodes.parse("dicomweb+https://pacs.local/dicom-web").withName("web").withAuth(PacsNode.Auth.BASIC).withTrustStore(ca),
                Credentials.basic("reader", "s3cret"), null);
        store.save(InlineNodes.parse("dimse://PACS@pacs.local:104").withName("plain"), Credentials.none());

        NodeStore again = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        PacsNode tls = again.node("tls").orElseThrow();
        assertThat(tls.trustStore()).isEqualTo(ca);
        assertThat(tls.clientKeys()).isEqualTo(keys);
        assertThat(again.clientKeyPassword("tls")).containsExactly("k3y-pass".toCharArray());
        assertThat(again.node("web").orElseThrow().trustStore()).isEqualTo(ca);
        assertThat(again.node("web").orElseThrow().clientKeys()).isNull();
        assertThat(again.credentials("web")).isEqualTo(Credentials.basic("reader", "s3cret"));
        assertThat(again.clientKeyPassword("web")).isNull();
        assertThat(again.node("plain").orElseThrow().trustStore()).isNull();
        assertThat(Files.readString(dir.resolve("pacs-nodes.json"))).contains(ca.toString()).doesNotContain("k3y-pass");
        assertThat(Files.readString(dir.resolve("secrets.json"))).contains("k3y-pass");

        // Saved again without a password: the old one goes with the rest of the node's secrets.
        store.save(tls, Credentials.none());
        assertThat(again.clientKeyPassword("tls")).isNull();
    }

    @Test
    void aSecretsFileOthersCanReadIsRefused() throws Exception {
        NodeStore store = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        store.save(InlineNodes.parse("dicomweb+http://localhost:8042/dicom-web").withName("web").withAuth(PacsNode.Auth.BEARER),
                Credentials.bearer("token-123"));
        Files.setPosixFilePermissions(dir.resolve("secrets.json"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store.credentials("web")).hasMessageContaining("can be read by other users")
                .hasMessageContaining("chmod 600").hasMessageNotContaining("token-123");
    }

    @Test
    void aNodeNamedLikeAnAddressIsRefused() {
        NodeStore store = new NodeStore(dir.resolve("pacs-nodes.json"), dir.resolve("secrets.json"));
        assertThatThrownBy(() -> store.save(InlineNodes.parse("dimse://A@h:104"), Credentials.none()))
                .hasMessageContaining("a name that is not an address");
    }
}
