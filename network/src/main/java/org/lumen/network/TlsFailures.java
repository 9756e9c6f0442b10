// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.node.PacsNode;

/**
 * Says why a TLS handshake failed, in words a reader can act on: the archive's certificate has expired,
 * is not trusted, names another host, the archive wants a client certificate, or the port does not speak
 * TLS. The JDK tells these apart only in its exceptions' cause chain, which is read here, once, for DIMSE
 * and DICOMweb alike.
 */
public final class TlsFailures {

    /** What the handshake tripped over, as far as the cause chain tells. */
    public enum Kind { EXPIRED, NOT_YET_VALID, NOT_TRUSTED, WRONG_HOST, CLIENT_CERTIFICATE, NOT_TLS, OTHER }

    private TlsFailures() { }

    /** A {@link Reason#TLS} failure for {@code thrown} (an SSLException or one that has it as a cause) with {@code node}. */
    public static NetworkException failure(Throwable thrown, PacsNode node) {
        return new NetworkException(Reason.TLS, describe(thrown, node), thrown);
    }

    /** "the TLS handshake with HOST:PORT failed: its certificate has expired (valid until …)" and the like. */
    public static String describe(Throwable thrown, PacsNode node) {
        String peer = node.protocol() == PacsNode.Protocol.DIMSE ? node.host() + ":" + node.port() : node.describe();
        String host = node.protocol() == PacsNode.Protocol.DIMSE ? node.host() : node.baseUrl().getHost();
        String trust = node.trustStore() == null ? "the platform's trust store" : "the node's trust store " + node.trustStore();
        String start = "the TLS handshake with " + peer + " failed: ";
        return start + switch (kind(thrown)) {
            case EXPIRED -> "its certificate has expired" + detail(thrown, CertificateExpiredException.class, "NotAfter: ", "valid until ")
                    + "; the archive needs a renewed certificate";
            case NOT_YET_VALID -> "its certificate is not valid yet"
                    + detail(thrown, CertificateNotYetValidException.class, "NotBefore: ", "valid from ")
                    + "; check the clocks of both machines";
            case NOT_TRUSTED -> "its certificate is not trusted (no certificate authority in " + trust
                    + " signed it); give the node the site's CA certificate (--trust-store FILE)";
            case WRONG_HOST -> "its certificate is for another host (it does not name " + host
                    + "); connect with a name the certificate gives, or have the archive's certificate name " + host;
            case CLIENT_CERTIFICATE -> clientCertificate(node, alert(thrown));
            case NOT_TLS -> "the peer does not speak TLS on this port (" + message(thrown) + ")";
            case OTHER -> message(thrown);
        };
    }

    /**
     * The archive hung up during the handshake or right after it, before answering anything. Under TLS 1.3 the
     * client's handshake ends before the server has judged the client's certificate, so an archive that requires
     * one (Orthanc's default) shows its verdict late, and not always as an alert: a reset or a broken pipe.
     *
     * @param afterHandshake whether Lumen's side of the handshake had finished
     */
    public static NetworkException closedByArchive(IOException thrown, PacsNode node, boolean afterHandshake) {
        String peer = node.host() + ":" + node.port();
        String why = "the archive closed the connection " + (afterHandshake ? "as soon as it was made" : "during the handshake")
                + " (" + message(thrown) + "); ";
        return new NetworkException(Reason.TLS, "the TLS handshake with " + peer + " failed: " + why + (node.clientKeys() == null
                ? "it most likely requires a client certificate, and Lumen showed none: give the node Lumen's certificate and key "
                        + "(--client-key-store FILE.p12)"
                : "it most likely did not accept Lumen's client certificate in " + node.clientKeys()
                        + " (is it signed by a CA the archive trusts, and still valid?)"), thrown);
    }

    /** A TLS proxy that finished the handshake, then refused the request for want of a client certificate it trusts. */
    public static NetworkException clientCertificateRefused(PacsNode node, String answer) {
        return new NetworkException(Reason.TLS, "the TLS handshake with " + node.describe() + " failed: " + clientCertificate(node, answer));
    }

    private static String clientCertificate(PacsNode node, String alert) {
        return node.clientKeys() == null
                ? "the archive requires a client certificate, and Lumen showed none (" + alert + "); give the node Lumen's certificate "
                        + "and key (--client-key-store FILE.p12)"
                : "the archive did not accept Lumen's client certificate in " + node.clientKeys() + " (" + alert
                        + "); is it signed by a CA the archive trusts, and still valid?";
    }

    /** Reads the cause chain: the most telling reason wins (expired over untrusted over the rest). */
    public static Kind kind(Throwable thrown) {
        Kind found = Kind.OTHER;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            Kind k = own(t);
            if (k.ordinal() < found.ordinal()) {
                found = k;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }

    private static Kind own(Throwable t) {
        if (t instanceof CertificateExpiredException) {
            return Kind.EXPIRED;
        }
        if (t instanceof CertificateNotYetValidException) {
            return Kind.NOT_YET_VALID;
        }
        if (t instanceof CertPathValidatorException v) {
            if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return Kind.EXPIRED;
            }
            if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return Kind.NOT_YET_VALID;
            }
            return Kind.NOT_TRUSTED;
        }
        if (t instanceof CertPathBuilderException) {
            return Kind.NOT_TRUSTED;
        }
        String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return Kind.WRONG_HOST;
        }
        if (m.contains("unable to find valid certification path") || m.contains("pkix path building failed")) {
            return Kind.NOT_TRUSTED;
        }
        // Alerts the archive sent when it judged (or missed) Lumen's own certificate.
        if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")
                || m.contains("certificate_unknown") && m.contains("received")) {
            return Kind.CLIENT_CERTIFICATE;
        }
        if (m.contains("unsupported or unrecognized ssl message") || m.contains("remote host terminated the handshake")
                || m.contains("plaintext connection")) {
            return Kind.NOT_TLS;
        }
        return Kind.OTHER;
    }

    private static String detail(Throwable thrown, Class<? extends Throwable> type, String prefix, String words) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t) && t.getMessage() != null) {
                String m = t.getMessage();
                return " (" + words + (m.startsWith(prefix) ? m.substring(prefix.length()) : m) + ")";
            }
        }
        return "";
    }

    private static String alert(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("alert")) {
                return t.getMessage();
            }
        }
        return message(thrown);
    }

    private static String message(Throwable thrown) {
        Throwable deepest = thrown;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
                break;
            }
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }
}
