// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.annotation.catalog.CatalogRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen catalog recover --out NEW}: what can still be read of a damaged catalog, copied into a new one. The
 * damaged file is only read; the new file is whole or absent. Moving it over the old one is left to the user.
 */
@Command(name = "recover", description = "Copy every row that can still be read from a damaged catalog into a new catalog file.")
final class CatalogRecoverCommand implements Callable<Integer> {

    @ParentCommand
    private CatalogCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--out", required = true, paramLabel = "NEW.sqlite", description = "The new catalog (must not exist).")
    private Path out;

    @Option(names = "--json", description = "Machine-readable output: target, copied, lost, danglingReferences, integrity, tables.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        Path file = catalogFile.resolve(lumen);
        CatalogRecovery.Result result = CatalogRecovery.recover(file, out, CatalogOptions.defaults());
        PrintWriter o = lumen.out();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("target", result.target().toString());
            node.put("copied", result.copied());
            node.put("lost", result.lost());
            node.put("danglingReferences", result.danglingReferences());
            node.put("integrity", result.integrity());
            ObjectNode tables = node.putObject("tables");
            result.tables().forEach((name, counts) -> tables.putObject(name).put("copied", counts[0]).put("lost", counts[1]));
            o.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            o.printf(Locale.ROOT, "Recovered %,d rows of %s into %s", result.copied(), file, result.target());
            o.printf(Locale.ROOT, result.lost() == 0 ? "; every row could be read%n" : "; %,d row(s) could not be read%n", result.lost());
            result.tables().forEach((name, counts) -> {
                if (counts[1] != 0) {
                    o.printf(Locale.ROOT, "  %s: %,d copied, %s%n", name, counts[0],
                            counts[1] < 0 ? "the table could not be read" : counts[1] + " lost");
                }
            });
            if (result.danglingReferences() > 0) {
                o.printf(Locale.ROOT, "%,d row(s) refer to rows that could not be read%n", result.danglingReferences());
            }
            o.printf("integrity of the new catalog: %s%n", result.integrity());
            o.printf("Keep %s; to use the new catalog, move %s over it while Lumen is closed.%n", file, result.target());
        }
        o.flush();
        return 0;
    }
}
