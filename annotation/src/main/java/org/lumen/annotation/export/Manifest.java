// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lumen.io.AtomicFiles;

/**
 * {@code manifest.csv} and {@code manifest.json}: one row per case with what a data scientist filters
 * on (split, modality, manufacturer, slice thickness, spacing, size, voxels of each class) and nothing
 * that identifies a patient or an image: the case name and patient pseudonym are the only keys.
 */
final class Manifest {

    static final String CSV = "manifest.csv";
    static final String JSON = "manifest.json";

    private Manifest() { }

    /**
     * @param names       the classes counted in each case, in column order
     * @param countPrefix the columns' prefix: "voxels:" (label volumes) or "annotations:" (COCO)
     */
    static void write(Path folder, ExportRequest request, List<String> names, String countPrefix, List<ExportedCase> cases)
            throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("case", "patient", "split", "image", "label", "modality", "manufacturer",
                "sliceThicknessMm", "spacingXMm", "spacingYMm", "spacingZMm", "columns", "rows", "slices"));
        names.forEach(n -> header.add(countPrefix + n));
        line(csv, header);
        for (ExportedCase c : cases) {
            List<String> row = new ArrayList<>(List.of(c.caseId(), c.patient(), c.split().word(), c.image(), c.label(),
                    text(c.modality()), text(c.manufacturer()), c.sliceThicknessMm() == null ? "" : number(c.sliceThicknessMm()),
                    number(c.spacingMm()[0]), number(c.spacingMm()[1]), number(c.spacingMm()[2]),
                    String.valueOf(c.dims()[0]), String.valueOf(c.dims()[1]), String.valueOf(c.dims()[2])));
            names.forEach(n -> row.add(String.valueOf(c.labelVoxels().getOrDefault(n, 0L))));
            line(csv, row);
        }
        AtomicFiles.write(folder.resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));

        ObjectNode json = ExportJson.object();
        json.put("dataset", request.dataset());
        json.put("format", request.format().word());
        json.put("seed", request.seed());
        ObjectNode fractions = json.putObject("splitFractions");
        fractions.put("train", request.fractions().train());
        fractions.put("validation", request.fractions().validation());
        fractions.put("test", request.fractions().test());
        ArrayNode labels = json.putArray("classes");
        names.forEach(labels::add);
        ArrayNode rows = json.putArray("cases");
        for (ExportedCase c : cases) {
            ObjectNode row = rows.addObject();
            row.put("case", c.caseId());
            row.put("patient", c.patient());
            row.put("split", c.split().word());
            row.put("image", c.image());
            row.put("label", c.label());
            row.put("modality", c.modality());
            row.put("manufacturer", c.manufacturer());
            if (c.sliceThicknessMm() == null) {
                row.putNull("sliceThicknessMm");
            } else {
                row.put("sliceThicknessMm", c.sliceThicknessMm());
            }
            ArrayNode spacing = row.putArray("spacingMm");
            for (double s : c.spacingMm()) {
                spacing.add(s);
            }
            ArrayNode dims = row.putArray("dims");
            for (int d : c.dims()) {
                dims.add(d);
            }
            ObjectNode voxels = row.putObject(countPrefix.equals("voxels:") ? "labelVoxels" : "annotations");
            c.labelVoxels().forEach(voxels::put);
        }
        ExportJson.write(folder.resolve(JSON), json);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String number(double value) {
        String s = String.format(Locale.ROOT, "%.6f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled. */
    private static void line(StringBuilder csv, List<String> fields) {
        for (int n = 0; n < fields.size(); n++) {
            String f = fields.get(n);
            if (n > 0) {
                csv.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                csv.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(f);
            }
        }
        csv.append("\r\n");
    }
}
