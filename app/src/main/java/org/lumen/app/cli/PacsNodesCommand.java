// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.lumen.network.node.PacsNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lumen pacs nodes [--json]}: the saved nodes (never their secrets). */
@Command(name = "nodes", description = "List the saved archives (nodes); secrets are never shown.")
final class PacsNodesCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Option(names = "--json", description = "nodes[] with name, protocol, calledAet, callingAet, host, port, tls, baseUrl, auth, trustStore, clientKeyStore.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        List<PacsNode> nodes = PacsNodeOptions.store(lumen).nodes();
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode array = root.putArray("nodes");
            for (PacsNode n : nodes) {
                ObjectNode o = array.addObject();
                o.put("name", n.name());
                o.put("protocol", n.protocol().name().toLowerCase(java.util.Locale.ROOT));
                o.put("calledAet", n.calledAet());
                o.put("callingAet", n.callingAet());
                o.put("host", n.host());
                o.put("port", n.port() == 0 ? null : n.port());
                o.put("tls", n.tls());
                o.put("baseUrl", n.baseUrl() == null ? null : n.baseUrl().toString());
                o.put("auth", n.auth().name().toLowerCase(java.util.Locale.ROOT));
                o.put("trustStore", n.trustStore() == null ? null : n.trustStore().toString());
                o.put("clientKeyStore", n.clientKeys() == null ? null : n.clientKeys().toString());
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else if (nodes.isEmpty()) {
            out.println("no saved nodes: lumen pacs add NAME ADDRESS saves one");
        } else {
            for (PacsNode n : nodes) {
                out.printf("%-16s %s%s%s%n", n.name(), n.describe(), n.protocol() == PacsNode.Protocol.DIMSE
                        ? " as " + n.callingAet() : n.auth() == PacsNode.Auth.NONE ? "" : " (" + n.auth().name().toLowerCase(java.util.Locale.ROOT) + " authentication)",
                        (n.trustStore() == null ? "" : ", trusting " + n.trustStore()) + (n.clientKeys() == null ? "" : ", client certificate " + n.clientKeys()));
            }
        }
        out.flush();
        return 0;
    }
}
