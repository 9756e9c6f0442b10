// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Nodes written on the command line: {@code dimse://AET@host:port}, {@code dimse+tls://AET@host:port},
 * {@code dicomweb+http://host:port/dicom-web} and {@code dicomweb+https://…}. Credentials in the text
 * are refused: they would end up in shell histories and logs.
 */
public final class InlineNodes {

    private InlineNodes() { }

    /** Whether {@code text} is written as an inline node rather than the name of a saved one. */
    public static boolean isInline(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("dimse://") || lower.startsWith("dimse+tls://") || lower.startsWith("dicomweb+http://")
                || lower.startsWith("dicomweb+https://");
    }

    public static PacsNode parse(String text) {
        String t = text.strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a node: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "dimse", "dimse+tls" -> dimse(text, uri, scheme.endsWith("+tls"));
            case "dicomweb+http", "dicomweb+https" -> dicomweb(text, uri, scheme.substring("dicomweb+".length()));
            default -> throw new IllegalArgumentException("'" + text + "' is not a node: write dimse://AET@host:port, "
                    + "dimse+tls://AET@host:port, dicomweb+http://host:port/path or dicomweb+https://host/path");
        };
    }

    private static PacsNode dimse(String text, URI uri, boolean tls) {
        String aet = uri.getRawUserInfo();
        if (aet == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a DIMSE node: write dimse://AET@host:port (e.g. dimse://ORTHANC@localhost:4242)");
        }
        if (aet.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': a DIMSE node has no password; write dimse://AET@host:port");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("'" + text + "' is not a DIMSE node: nothing may follow host:port");
        }
        return PacsNode.dimse(text, aet, uri.getHost(), uri.getPort(), tls);
    }

    private static PacsNode dicomweb(String text, URI uri, String httpScheme) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not a DICOMweb node: write dicomweb+http://host:port/path");
        }
        if (uri.getRawUserInfo() != null) {
            // Never repeat the text: it holds the secret.
            throw new IllegalArgumentException("credentials do not belong in a node's address (they would be kept in shell histories "
                    + "and logs): write " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()) + " and save the node with its credentials");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        URI base = URI.create(httpScheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
        return new PacsNode(text, PacsNode.Protocol.DICOMWEB, null, null, null, 0, false, base, PacsNode.Auth.NONE);
    }
}
