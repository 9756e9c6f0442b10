// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.AuditEntry;
import org.lumen.annotation.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lumen audit list [--study UID] [--user U] [--since DATE] [--action A] [--limit N] [--json]}. */
@Command(name = "list", description = "List audit entries, oldest first.")
final class AuditListCommand implements Callable<Integer> {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    private AuditCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Mixin
    private AuditFilterOptions filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N entries (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Machine-readable: seq, at, account, person, action, studyUid, seriesUid, detail, hash.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        List<AuditEntry> entries;
        Catalog catalog = catalogFile.existing(lumen);
        entries = catalog.audit().list(filter.filter(limit));
        PrintWriter out = lumen.out();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (AuditEntry e : entries) {
                ObjectNode node = array.addObject();
                node.put("seq", e.seq());
                node.put("at", e.at().toString());
                node.put("account", e.account());
                node.put("person", e.person());
                node.put("action", e.action());
                node.put("studyUid", e.studyUid());
                node.put("seriesUid", e.seriesUid());
                node.set("detail", Json.MAPPER.readTree(e.detail()));
                node.put("hash", e.hash());
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else if (entries.isEmpty()) {
            out.println("no audit entries match");
        } else {
            for (AuditEntry e : entries) {
                out.printf("%6d  %s  %-16s %-14s %s%s%n", e.seq(), LOCAL.format(e.at()), e.action(),
                        e.person() != null ? e.person() : e.account(), e.studyUid() != null ? "study " + e.studyUid() + "  " : "", e.detail());
            }
        }
        out.flush();
        return 0;
    }
}
