// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen catalog check [--json]}: SQLite's integrity and foreign-key checks plus row counts.
 * Exits 1 when the check finds a problem, so scripts can rely on the status.
 */
@Command(name = "check", description = "Check the catalog's integrity and count its rows; exit 1 if it is damaged.")
final class CatalogCheckCommand implements Callable<Integer> {

    @ParentCommand
    private CatalogCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--json", description = "Machine-readable output: integrity, studies, series, instances, datasets, "
            + "annotations, revisions, aiRuns, findings, decisions.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        Path file = catalogFile.resolve(lumen);
        String integrity;
        CatalogCounts counts;
        int version;
        // Read-only: checking never changes the file, and a file that is not a Lumen catalog is refused untouched.
        try (Catalog catalog = lumen.services().inspectCatalog(file)) {
            integrity = catalog.integrity();
            counts = catalog.counts();
            version = catalog.schemaVersion();
        }
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("integrity", integrity);
            node.put("studies", counts.studies());
            node.put("series", counts.series());
            node.put("instances", counts.instances());
            node.put("datasets", counts.datasets());
            node.put("annotations", counts.annotations());
            node.put("revisions", counts.revisions());
            node.put("aiRuns", counts.aiRuns());
            node.put("findings", counts.findings());
            node.put("decisions", counts.decisions());
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.printf("Catalog %s (schema version %d)%n", file, version);
            out.printf("integrity: %s%n", integrity);
            out.printf("%d studies, %d series, %d instances, %d datasets, %d annotations, %d revisions, %d AI runs, %d findings, %d decisions%n",
                    counts.studies(), counts.series(), counts.instances(), counts.datasets(), counts.annotations(),
                    counts.revisions(), counts.aiRuns(), counts.findings(), counts.decisions());
        }
        out.flush();
        if (!"ok".equals(integrity)) {
            spec.commandLine().getErr().println("lumen: the catalog " + file + " failed its integrity check: " + integrity
                    + "; Lumen opens it read-only until it is replaced: restore a backup over it, or copy what can still be read"
                    + " into a new catalog with `lumen catalog recover --out NEW.sqlite`");
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }
}
