// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.AuditVerification;
import org.lumen.annotation.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lumen audit verify [--json]}: recomputes the chain; exit 1 names the first broken entry. */
@Command(name = "verify", description = "Recompute the audit chain; exit 1 and name the first entry that was changed or removed.")
final class AuditVerifyCommand implements Callable<Integer> {

    @ParentCommand
    private AuditCommand parent;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--json", description = "Machine-readable: intact, checked, firstBroken, reason.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        AuditVerification result;
        Catalog catalog = catalogFile.existing(lumen);
        result = catalog.audit().verify();
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("intact", result.intact());
            node.put("checked", result.checked());
            if (!result.intact()) {
                node.put("firstBroken", result.firstBroken());
                node.put("reason", result.reason());
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else if (result.intact()) {
            out.println("audit trail intact: " + result.checked() + " entries checked");
        }
        out.flush();
        if (!result.intact()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lumen: the audit trail is broken: " + result.reason() + " (" + result.checked() + " entries before it are intact)");
            err.flush();
            return 1;
        }
        return 0;
    }
}
