// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import javax.net.ssl.SSLContext;
import org.lumen.network.dicomweb.QidoClient;
import org.lumen.network.dimse.DimseClient;
import org.lumen.network.dimse.DimseSearch;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.query.ArchiveSearch;

/** The search for a node's protocol. */
public final class ArchiveSearches {

    private ArchiveSearches() { }

    /** @param tls the trust for TLS and HTTPS; null for the platform's trust store */
    public static ArchiveSearch of(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls) {
        return switch (node.protocol()) {
            case DIMSE -> new DimseSearch(node, tls == null ? DimseClient.withDefaultTrust(timeouts) : new DimseClient(timeouts, tls));
            case DICOMWEB -> new QidoClient(node, timeouts, credentials, tls);
        };
    }
}
