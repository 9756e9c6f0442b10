// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.ImportSummary;
import org.lumen.viewer.index.DicomIndex;
import org.lumen.viewer.index.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lumen catalog import PATH}: indexes the studies under PATH into the catalog, so they browse without rescanning. */
@Command(name = "import", description = "Index the studies under PATH into the catalog (one transaction).")
final class CatalogImportCommand implements Callable<Integer> {

    @ParentCommand
    private CatalogCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(paramLabel = "PATH", description = "A DICOM file, folder, zip or DICOMDIR.")
    private Path path;

    @Option(names = "--json", description = "Machine-readable output (camelCase keys).")
    private boolean json;

    /** What {@code --json} prints. */
    record Report(String catalog, String source, int studies, int series, int instances, List<ProblemReport> problems) {
    }

    record ProblemReport(String file, String reason) {
    }

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        Path file = catalogFile.resolve(lumen);
        DicomIndex index = lumen.runTask(lumen.opener().openTask(path));
        if (index.studies().isEmpty()) {
            throw new IllegalArgumentException("nothing to import: no usable DICOM instance under " + path
                    + (index.problems().isEmpty() ? "" : " (" + index.problems().size() + " file(s) could not be used; see lumen info)"));
        }
        String source = path.toAbsolutePath().normalize().toString();
        ImportSummary summary = catalogFile.catalog(lumen).studies().upsert(index, source);
        List<ProblemReport> problems = new ArrayList<>();
        for (Problem p : index.problems()) {
            problems.add(new ProblemReport(String.valueOf(p.file()), p.reason()));
        }
        PrintWriter out = lumen.out();
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(new Report(file.toString(), source,
                    summary.studies(), summary.series(), summary.instances(), problems)));
        } else {
            out.printf("Imported %d study(ies), %d series, %d instance(s) from %s into %s%n", summary.studies(), summary.series(),
                    summary.instances(), source, file);
            if (!problems.isEmpty()) {
                out.printf("%d file(s) could not be used:%n", problems.size());
                problems.forEach(p -> out.printf("  %s: %s%n", p.file(), p.reason()));
            }
        }
        out.flush();
        return 0;
    }
}
