// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A PACS (or other archive) Lumen talks to: over DIMSE (AE titles, host, port, optional TLS) or over
 * DICOMweb (base URL, authentication). Secrets are not part of a node: they live in the secrets file.
 *
 * @param name        what the reader calls it ("main PACS"); for an inline node, the inline text
 * @param protocol    DIMSE or DICOMweb
 * @param calledAet   the archive's AE title (DIMSE), else null
 * @param callingAet  Lumen's own AE title towards this node (DIMSE), else null
 * @param host        host name or address (DIMSE), else null
 * @param port        TCP port (DIMSE), else 0
 * @param tls         DIMSE over TLS
 * @param baseUrl     the DICOMweb root, e.g. {@code http://host:8042/dicom-web} (DICOMweb), else null
 * @param auth        how DICOMweb requests authenticate
 * @param trustStore  the CA certificates that judge the archive's certificate (PEM or PKCS#12), instead of the
 *                    platform's trust store; null for the platform's (DIMSE over TLS and HTTPS)
 * @param clientKeys  Lumen's own certificate and key (PKCS#12) for archives that require one (mutual TLS), else
 *                    null; its password is a secret, kept in the secrets file
 */
public record PacsNode(String name, Protocol protocol, String calledAet, String callingAet, String host, int port, boolean tls,
                       URI baseUrl, Auth auth, Path trustStore, Path clientKeys) {

    /** Lumen's AE title unless the settings say otherwise. */
    public static final String DEFAULT_CALLING_AET = "LUMEN";

    public enum Protocol { DIMSE, DICOMWEB }

    /** DICOMweb authentication; the password or token itself is kept in the secrets file, never here. */
    public enum Auth { NONE, BASIC, BEARER }

    /** A node that trusts the platform's trust store and has no client certificate. */
    public PacsNode(String name, Protocol protocol, String calledAet, String callingAet, String host, int port, boolean tls,
                    URI baseUrl, Auth auth) {
        this(name, protocol, calledAet, callingAet, host, port, tls, baseUrl, auth, null, null);
    }

    public PacsNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        auth = auth == null ? Auth.NONE : auth;
        if (protocol == Protocol.DIMSE) {
            AeTitles.check(calledAet, "called AE title");
            AeTitles.check(callingAet, "calling AE title");
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("a DIMSE node needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port (1-65535)");
            }
        } else if (baseUrl == null) {
            throw new IllegalArgumentException("a DICOMweb node needs a base URL");
        }
    }

    /** A DIMSE node with Lumen's default calling AE title. */
    public static PacsNode dimse(String name, String calledAet, String host, int port, boolean tls) {
        return new PacsNode(name, Protocol.DIMSE, calledAet, DEFAULT_CALLING_AET, host, port, tls, null, Auth.NONE);
    }

    public PacsNode withCallingAet(String aet) {
        return new PacsNode(name, protocol, calledAet, aet, host, port, tls, baseUrl, auth, trustStore, clientKeys);
    }

    public PacsNode withName(String newName) {
        return new PacsNode(newName, protocol, calledAet, callingAet, host, port, tls, baseUrl, auth, trustStore, clientKeys);
    }

    public PacsNode withAuth(Auth newAuth) {
        return new PacsNode(name, protocol, calledAet, callingAet, host, port, tls, baseUrl, newAuth, trustStore, clientKeys);
    }

    /** Trusts the CA certificates in {@code file} (PEM or PKCS#12) instead of the platform's; null for the platform's. */
    public PacsNode withTrustStore(Path file) {
        return new PacsNode(name, protocol, calledAet, callingAet, host, port, tls, baseUrl, auth, file, clientKeys);
    }

    /** Shows the certificate and key in {@code file} (PKCS#12) to archives that ask for one; null for none. */
    public PacsNode withClientKeys(Path file) {
        return new PacsNode(name, protocol, calledAet, callingAet, host, port, tls, baseUrl, auth, trustStore, file);
    }

    /** Whether this node's connections use TLS (DIMSE over TLS, or an https:// base URL). */
    public boolean usesTls() {
        return protocol == Protocol.DIMSE ? tls : "https".equalsIgnoreCase(baseUrl.getScheme());
    }

    /** "ORTHANC@localhost:4242 (TLS)" or the base URL: how messages name the node. */
    public String describe() {
        if (protocol == Protocol.DICOMWEB) {
            return baseUrl.toString();
        }
        return String.format(Locale.ROOT, "%s@%s:%d%s", calledAet, host, port, tls ? " (TLS)" : "");
    }
}
