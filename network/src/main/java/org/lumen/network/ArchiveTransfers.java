// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.lumen.network.dicomweb.StowSender;
import org.lumen.network.dicomweb.WadoRetriever;
import org.lumen.network.dimse.DimseRetriever;
import org.lumen.network.dimse.DimseSender;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.dimse.SendResult;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.network.node.TrustStores;
import org.lumen.task.TaskContext;

/** Retrieving and sending in the node's own protocol: C-GET or WADO-RS, C-STORE or STOW-RS. */
public final class ArchiveTransfers {

    private ArchiveTransfers() { }

    // tls: from TrustStores.forNode (the node's own CA and client key store); null for the platform's trust store.

    /** Retrieves a study (or one series) into {@code folder}, each instance atomically as SOP_INSTANCE_UID.dcm. */
    public static RetrieveResult get(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls, String studyUid,
                                     String seriesUid, Path folder, TaskContext task) throws NetworkException {
        return get(node, credentials, timeouts, tls, studyUid, seriesUid, folder, InstanceListener.NONE, task);
    }

    /** As above, telling {@code listener} of each instance as it is written (progressive display). */
    public static RetrieveResult get(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls, String studyUid,
                                     String seriesUid, Path folder, InstanceListener listener, TaskContext task) throws NetworkException {
        return switch (node.protocol()) {
            case DIMSE -> new DimseRetriever(timeouts, tls == null ? TrustStores.platform() : tls).get(node, studyUid, seriesUid, folder, listener, task);
            case DICOMWEB -> {
                try (WadoRetriever wado = new WadoRetriever(node, timeouts, credentials, tls)) {
                    yield wado.get(studyUid, seriesUid, folder, listener, task);
                }
            }
        };
    }

    /** Sends files as they are; what the archive did not store is listed with the reason. */
    public static SendResult send(PacsNode node, Credentials credentials, Timeouts timeouts, SSLContext tls, List<Path> files,
                                  TaskContext task) throws NetworkException {
        return switch (node.protocol()) {
            case DIMSE -> new DimseSender(timeouts, tls == null ? TrustStores.platform() : tls).send(node, files, task);
            case DICOMWEB -> {
                try (StowSender stow = new StowSender(node, timeouts, credentials, tls)) {
                    yield stow.send(files, task);
                }
            }
        };
    }
}
