// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.AuditUser;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.export.LabelImport;
import org.lumen.viewer.indexing.Indexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lumen labels import FILE --dataset NAME [--series UID] [--value N=CLASS ...] [--json]}: a DICOM SEG (placed
 * on the series it references) or a NIfTI label volume (on the series given) becomes a new mask annotation of the
 * dataset, with the file recorded as its origin.
 */
@Command(name = "import", description = "Import a DICOM SEG or a NIfTI label volume as a new mask annotation of a dataset (origin recorded).")
final class LabelsImportCommand implements Callable<Integer> {

    @ParentCommand
    private LabelsCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Parameters(paramLabel = "FILE", description = "A DICOM SEG, or a NIfTI label volume (.nii, .nii.gz).")
    private Path file;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset the labels go into.")
    private String dataset;

    @Option(names = "--series", paramLabel = "UID", description = "The series the labels lie on (a SEG names its own; a NIfTI file needs it).")
    private String series;

    @Option(names = "--value", paramLabel = "N=CLASS", split = ",",
            description = "For NIfTI: which dataset class value N is, e.g. 1=lung,2=nodule as an nnU-Net dataset.json says"
                    + " (default: values are the classes' own mask values).")
    private List<String> values;

    @Option(names = "--json", description = "Machine-readable: seriesUid, kind, annotationId, revisionId, voxels, unplacedFrames.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        Map<Integer, String> names = new LinkedHashMap<>();
        if (values != null) {
            for (String v : values) {
                String[] parts = v.split("=", 2);
                try {
                    names.put(Integer.parseInt(parts[0].strip()), parts[1].strip());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("--value takes N=CLASS (e.g. 1=lung), not '" + v + "'");
                }
            }
        }
        LabelImport.Imported imported;
        Catalog catalog = catalogFile.existing(lumen);
        AuditUser user = catalog.audit().user();
        long author = catalog.people().ensure(user.displayName() != null ? user.displayName() : user.account(), true, false).id();
        imported = new LabelImport(catalog, new Indexer(lumen.pools().io(), lumen.pools().decodeThreads()))
                .importFile(file, dataset, series, names, author);
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("seriesUid", imported.seriesUid());
            node.put("kind", imported.kind());
            node.put("annotationId", imported.annotationId());
            node.put("revisionId", imported.revisionId());
            ObjectNode voxels = node.putObject("voxels");
            imported.voxels().forEach(voxels::put);
            node.put("unplacedFrames", imported.unplacedFrames());
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.printf("imported %s as annotation %d (revision %d) on series %s: %s%s%n", imported.kind(), imported.annotationId(),
                    imported.revisionId(), imported.seriesUid(), imported.voxels(),
                    imported.unplacedFrames() > 0 ? "; " + imported.unplacedFrames() + " frame(s) lay on no slice of the series" : "");
        }
        out.flush();
        return 0;
    }
}
