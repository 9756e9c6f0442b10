// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.lumen.annotation.catalog.CachedStudy;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.app.cache.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lumen cache list [--json]}: the cached studies, most recently used first, and the total against the limit. */
@Command(name = "list", description = "List the cached studies (most recently used first) with size, pin and last opening, and the total against the limit.")
final class CacheListCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @ParentCommand
    private CacheCommand parent;

    @Mixin
    private CatalogFileOption catalogFile;

    @Option(names = "--json", description = "studies[] with studyUid, patientName, patientId, studyDate, description, modalities, bytes, "
            + "instances, pinned, cachedAt, lastOpened, source, folder; totalBytes, limitBytes.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        LumenCommand lumen = parent.lumen();
        long limit = lumen.services().networkSettings().cacheLimitBytes();
        List<CachedStudy> studies;
        long total;
        Catalog catalog = catalogFile.catalog(lumen);
        studies = catalog.cache().list();
        total = catalog.cache().totalBytes();
        PrintWriter out = lumen.out();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode array = root.putArray("studies");
            for (CachedStudy s : studies) {
                ObjectNode o = array.addObject();
                o.put("studyUid", s.studyUid());
                o.put("patientName", s.patientName());
                o.put("patientId", s.patientId());
                o.put("studyDate", s.studyDate());
                o.put("description", s.description());
                ArrayNode modalities = o.putArray("modalities");
                s.modalities().forEach(modalities::add);
                o.put("bytes", s.bytes());
                o.put("instances", s.instances());
                o.put("pinned", s.pinned());
                o.put("cachedAt", s.cachedAt().toString());
                o.put("lastOpened", s.lastOpened() == null ? null : s.lastOpened().toString());
                o.put("source", s.source());
                o.put("folder", s.folder().toString());
            }
            root.put("totalBytes", total);
            root.put("limitBytes", limit);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            if (studies.isEmpty()) {
                out.println("the offline cache is empty: lumen pacs get NODE --study UID retrieves a study into it");
            } else {
                out.printf("%-44s %-22s %-10s %-24s %10s %7s %-6s %s%n", "STUDY UID", "PATIENT", "DATE", "DESCRIPTION", "SIZE", "IMAGES",
                        "PINNED", "LAST OPENED");
                for (CachedStudy s : studies) {
                    out.printf("%-44s %-22s %-10s %-24s %10s %7d %-6s %s%n", s.studyUid(), cut(s.patientName(), 22), date(s.studyDate()),
                            cut(s.description(), 24), ByteSizes.human(s.bytes()), s.instances(), s.pinned() ? "yes" : "",
                            s.lastOpened() == null ? "never" : WHEN.format(s.lastOpened()));
                }
            }
            out.printf("%d stud%s, %s of the %s limit%n", studies.size(), studies.size() == 1 ? "y" : "ies", ByteSizes.human(total),
                    ByteSizes.human(limit));
        }
        out.flush();
        return 0;
    }

    private static String cut(String s, int width) {
        if (s == null) {
            return "";
        }
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String date(String dicom) {
        return dicom != null && dicom.matches("\\d{8}") ? dicom.substring(0, 4) + "-" + dicom.substring(4, 6) + "-" + dicom.substring(6)
                : dicom == null ? "" : dicom;
    }
}
