// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.lumen.network.Timeouts;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;
import org.lumen.network.node.TrustStores;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The node and connection options every {@code pacs} subcommand that talks to an archive takes. */
final class PacsNodeOptions {

    /** A node, the secret it needs (none for DIMSE and for inline DICOMweb nodes) and its TLS context (TrustStores.forNode). */
    record Resolved(PacsNode node, Credentials credentials, SSLContext tls) {
    }

    @Parameters(index = "0", paramLabel = "NODE",
            description = "A saved node's name (lumen pacs nodes), or an address: dimse://AET@host:port, dimse+tls://AET@host:port, "
                    + "dicomweb+http://host:port/path, dicomweb+https://host/path.")
    private String node;

    @Option(names = "--aet", paramLabel = "AET", description = "Lumen's own (calling) AE title (default: the node's, else LUMEN).")
    private String callingAet;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "TLS and HTTPS: trust the CA certificates in FILE (PEM, or PKCS#12) instead of the platform's trust store "
                    + "(default: the saved node's, if any).")
    private Path trustStore;

    @Option(names = "--client-key-store", paramLabel = "FILE",
            description = "TLS and HTTPS: show Lumen's certificate and key in FILE (PKCS#12) to an archive that requires one "
                    + "(default: the saved node's, if any).")
    private Path clientKeys;

    @Option(names = "--client-key-password-file", paramLabel = "FILE",
            description = "The password of --client-key-store, read from FILE (first line); a saved node's is in the secrets file.")
    private Path clientKeyPasswordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the connection (default: ${DEFAULT-VALUE} s).")
    private double connectSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for each answer of the archive (default: ${DEFAULT-VALUE} s).")
    private double responseSeconds;

    Resolved resolve(LumenCommand lumen) throws IOException {
        PacsNode found;
        Credentials credentials = Credentials.none();
        char[] clientKeyPassword = null;
        if (InlineNodes.isInline(node)) {
            found = InlineNodes.parse(node);
        } else {
            NodeStore store = store(lumen);
            found = store.node(node).orElseThrow(() -> new IllegalArgumentException("no saved node is named '" + node
                    + "': lumen pacs nodes lists them; lumen pacs add NAME ADDRESS saves one; or write an address such as dimse://AET@host:port"));
            credentials = store.credentials(node);
            clientKeyPassword = store.clientKeyPassword(node);
        }
        found = withTls(found, trustStore, clientKeys);
        if (clientKeyPasswordFile != null) {
            clientKeyPassword = Secrets.firstLine(clientKeyPasswordFile, "client key store password").toCharArray();
        }
        if (callingAet != null) {
            if (found.protocol() != PacsNode.Protocol.DIMSE) {
                throw new IllegalArgumentException("--aet is for DIMSE nodes; " + found.describe() + " is a DICOMweb node");
            }
            found = found.withCallingAet(AeTitles.check(callingAet, "calling AE title (--aet)"));
        }
        return new Resolved(found, credentials, TrustStores.forNode(found, clientKeyPassword));
    }

    /**
     * {@code node} with the trust store and client key store given on the command line (absolute paths, so a
     * saved node finds them from any folder); refused for a node that does not use TLS, where they would do nothing.
     */
    static PacsNode withTls(PacsNode node, Path trustStore, Path clientKeys) {
        if ((trustStore != null || clientKeys != null) && !node.usesTls()) {
            throw new IllegalArgumentException((trustStore != null ? "--trust-store" : "--client-key-store") + " is for nodes that use TLS ("
                    + "dimse+tls:// or dicomweb+https://); " + node.describe() + " does not");
        }
        PacsNode result = node;
        if (trustStore != null) {
            result = result.withTrustStore(trustStore.toAbsolutePath().normalize());
        }
        if (clientKeys != null) {
            result = result.withClientKeys(clientKeys.toAbsolutePath().normalize());
        }
        return result;
    }

    static NodeStore store(LumenCommand lumen) throws IOException {
        return lumen.services().nodes();
    }


    Timeouts timeouts() {
        if (connectSeconds <= 0 || responseSeconds <= 0) {
            throw new IllegalArgumentException("timeouts must be more than 0 seconds");
        }
        return new Timeouts(Duration.ofMillis(Math.round(connectSeconds * 1000)), Duration.ofMillis(Math.round(responseSeconds * 1000)));
    }
}
