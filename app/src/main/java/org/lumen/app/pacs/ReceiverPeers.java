// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.pacs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lumen.network.dimse.StorageReceiver;
import org.lumen.network.node.NodeStore;
import org.lumen.network.node.PacsNode;

/** Who may send to Lumen's storage receiver by default: the saved DIMSE nodes, each by its AE title and from its host. */
public final class ReceiverPeers {

    private ReceiverPeers() { }

    public static List<StorageReceiver.AllowedPeer> savedNodes(NodeStore store) throws IOException {
        List<StorageReceiver.AllowedPeer> peers = new ArrayList<>();
        for (PacsNode n : store.nodes()) {
            if (n.protocol() == PacsNode.Protocol.DIMSE) {
                peers.add(new StorageReceiver.AllowedPeer(n.calledAet(), n.host()));
            }
        }
        return peers;
    }

    /** "ORTHANC@10.0.0.5, PACS2@pacs.local": how messages list them. */
    public static String describe(List<StorageReceiver.AllowedPeer> peers) {
        return String.join(", ", peers.stream().map(p -> p.aet() + (p.host() == null ? "" : "@" + p.host())).toList());
    }
}
