// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ImportSummary;
import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;
import org.lumen.network.dimse.DimseRetriever;
import org.lumen.network.dimse.RetrieveResult;
import org.lumen.network.node.PacsNode;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.index.DicomIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lumen pacs get NODE --study UID [--series UID] [--out DIR]}: C-GET into the offline cache
 * (the user data folder's {@code cache/pacs/STUDY_UID/}), indexed in the catalog so the study opens
 * later without the network, and copied to DIR when given.
 */
@Command(name = "get", description = "Retrieve a study or one of its series (C-GET) into the offline cache and the catalog.")
final class PacsGetCommand implements Callable<Integer> {

    @ParentCommand
    private PacsCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PacsNodeOptions options;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--study", paramLabel = "UID", required = true, description = "The Study Instance UID (from pacs find).")
    private String study;

    @Option(names = "--series", paramLabel = "UID", description = "Only this series of the study.")
    private String series;

    @Option(names = "--out", paramLabel = "DIR", description = "Also copy the retrieved files into DIR.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        PacsNode node = options.dimse(lumen, "pacs get");
        requireUid(study, "--study");
        if (series != null) {
            requireUid(series, "--series");
        }
        if (out != null) {
            Folders.create(out);
        }
        Path cache = lumen.dataFolder().pacsCache().resolve(study);
        DimseRetriever retriever = new DimseRetriever(options.timeouts(), javax.net.ssl.SSLContext.getDefault());
        RetrieveResult result = lumen.runTask(BackgroundTask.of("C-GET from " + node.describe(),
                task -> retriever.get(node, study, series, cache, task)));
        PrintWriter o = lumen.out();
        o.printf("retrieved %d instance(s) of study %s%s from %s into %s%n", result.files().size(), study,
                series == null ? "" : " (series " + series + ")", node.describe(), cache);
        if (!result.files().isEmpty()) {
            ImportSummary summary = index(lumen, cache);
            o.printf("indexed in the catalog: %d series, %d instance(s) in the cache for this study%n", summary.series(), summary.instances());
        }
        if (out != null) {
            for (Path file : result.files()) {
                AtomicFiles.write(out.resolve(file.getFileName()), stream -> Files.copy(file, stream));
            }
            o.printf("copied %d file(s) to %s%n", result.files().size(), out);
        }
        o.flush();
        if (result.failed() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("lumen: " + node.describe() + " could not send " + result.failed() + " instance(s); run the same command again "
                    + "to retry (what arrived is kept)");
            err.flush();
            return 1;
        }
        return 0;
    }

    private ImportSummary index(LumenCommand lumen, Path cache) throws Exception {
        DicomIndex index = lumen.runTask(lumen.opener().openTask(cache));
        try (Catalog catalog = Catalog.open(catalogFile.resolve(lumen))) {
            return catalog.studies().upsert(index, cache.toAbsolutePath().normalize().toString());
        }
    }

    private static void requireUid(String uid, String option) {
        if (!uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
            throw new IllegalArgumentException(option + " must be a DICOM UID (digits and dots, at most 64 characters), not '" + uid + "'");
        }
    }

}
