// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.network.node.AeTitles;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.InlineNodes;
import org.lumen.network.node.PacsNode;
import org.lumen.network.node.TrustStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen pacs add NAME ADDRESS [--aet AET] [--user USER --password-file FILE | --token-file FILE] [--trust-store FILE]
 * [--client-key-store FILE --client-key-password-file FILE]}:
 * saves a node. A password or token is read from a file (or typed, without echo) and kept in the
 * secrets file, never on the command line where shell histories and process lists would keep it.
 */
@Command(name = "add", description = "Save an archive under a name (replaces one of the same name).")
final class PacsAddCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "What to call it, e.g. main.")
    private String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "dimse://AET@host:port, dimse+tls://…, dicomweb+http://host:port/path or dicomweb+https://…")
    private String address;

    @Option(names = "--aet", paramLabel = "AET", description = "Lumen's own (calling) AE title towards this node (default: LUMEN).")
    private String callingAet;

    @Option(names = "--user", paramLabel = "USER", description = "DICOMweb: the user name for HTTP Basic authentication.")
    private String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "DICOMweb: read the Basic password from FILE (first line).")
    private Path passwordFile;

    @Option(names = "--password", interactive = true, arity = "0", description = "DICOMweb: type the Basic password (not echoed).")
    private char[] password;

    @Option(names = "--token-file", paramLabel = "FILE", description = "DICOMweb: read a Bearer token from FILE (first line).")
    private Path tokenFile;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "TLS and HTTPS: trust the site's CA certificates in FILE (PEM, or PKCS#12) instead of the platform's trust store.")
    private Path trustStore;

    @Option(names = "--client-key-store", paramLabel = "FILE",
            description = "TLS and HTTPS: Lumen's certificate and key (PKCS#12) for an archive that requires a client certificate.")
    private Path clientKeys;

    @Option(names = "--client-key-password-file", paramLabel = "FILE",
            description = "Read the password of --client-key-store from FILE (first line); it is kept in the secrets file.")
    private Path clientKeyPasswordFile;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNode node = PacsNodeOptions.withTls(InlineNodes.parse(address).withName(name), trustStore, clientKeys);
        char[] clientKeyPassword = clientKeyPasswordFile == null ? null
                : Secrets.firstLine(clientKeyPasswordFile, "client key store password").toCharArray();
        if (clientKeyPassword != null && clientKeys == null) {
            throw new IllegalArgumentException("--client-key-password-file goes with --client-key-store");
        }
        // Refuse files that cannot serve now, not at the first connection.
        TrustStores.forNode(node, clientKeyPassword);
        Credentials credentials = Credentials.none();
        if (node.protocol() == PacsNode.Protocol.DIMSE) {
            if (user != null || passwordFile != null || password != null || tokenFile != null) {
                throw new IllegalArgumentException("DIMSE nodes have no user or password: the archive knows Lumen by its AE title and address");
            }
            if (callingAet != null) {
                node = node.withCallingAet(AeTitles.check(callingAet, "calling AE title (--aet)"));
            }
        } else {
            if (callingAet != null) {
                throw new IllegalArgumentException("--aet is for DIMSE nodes");
            }
            if (tokenFile != null) {
                if (user != null) {
                    throw new IllegalArgumentException("give either --user with a password or --token-file, not both");
                }
                credentials = Credentials.bearer(firstLine(tokenFile, "token"));
                node = node.withAuth(PacsNode.Auth.BEARER);
            } else if (user != null) {
                String secret = passwordFile != null ? firstLine(passwordFile, "password")
                        : password != null ? new String(password) : null;
                if (secret == null || secret.isEmpty()) {
                    throw new IllegalArgumentException("--user needs a password: --password-file FILE, or --password to type it");
                }
                credentials = Credentials.basic(user, secret);
                node = node.withAuth(PacsNode.Auth.BASIC);
            }
        }
        PacsNodeOptions.store(lumen).save(node, credentials, clientKeyPassword);
        lumen.out().printf("saved %s: %s%s%s%n", name, node.describe(), node.trustStore() == null ? "" : ", trusting the CAs in " + node.trustStore(),
                credentials.isBasic() || credentials.isBearer() || clientKeyPassword != null
                ? " (its secret is in " + lumen.dataFolder().secrets() + ", readable by you only)" : "");
        lumen.out().flush();
        return 0;
    }

    private static String firstLine(Path file, String what) throws java.io.IOException {
        return Secrets.firstLine(file, what);
    }
}
