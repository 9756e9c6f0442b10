// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.image2d.Explanation;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;

/**
 * The index of a cached 2D result ({@code result.json}): everything of an {@link ImageResult} except its maps' values
 * (files of their own, named here), the image's facts and its intended-use check (both are the image's now, given
 * back by the engine). Numbers are written so that they read back to the same double: the shortest decimal that
 * round-trips, and not-a-number or infinities as text.
 */
final class ImageResultJson {

    /** What the index says about one map; {@link #read} asks the caller for its values by file name. */
    @FunctionalInterface
    interface MapValues {
        float[] read(String file, int columns, int rows) throws IOException;
    }

    private ImageResultJson() { }

    /** The index; {@code files} names each map's file in order: the heatmaps, then the explanation's map. */
    static ObjectNode write(ImageResult r, List<String> files) {
        ObjectNode root = ResultJson.MAPPER.createObjectNode();
        root.put("dimensions", 2);
        root.put("imageUid", r.facts().imageUid());
        root.put("frame", r.facts().frame());
        Provenance p = r.provenance();
        ObjectNode model = root.putObject("model");
        model.put("id", p.modelId());
        model.put("name", p.modelName());
        model.put("version", p.modelVersion());
        model.put("sha256", p.modelSha256());
        root.put("provenanceUid", p.seriesUid());
        root.put("provenanceDevice", p.device());
        root.put("createdAt", p.createdAt().toString());
        root.put("device", r.device());
        ArrayNode scores = root.putArray("classScores");
        for (ClassScore c : r.classScores()) {
            ObjectNode n = scores.addObject();
            n.put("classIndex", c.classIndex());
            n.put("label", c.label());
            number(n, "score", c.score());
            n.put("slice", c.slice());
        }
        ArrayNode findings = root.putArray("findings");
        for (ImageFinding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rank", f.rank());
            n.put("label", f.label());
            n.put("classIndex", f.classIndex());
            number(n, "score", f.score());
            numbers(n.putArray("centerPx"), f.centerPx());
            numbers(n.putArray("boxPx"), f.boxPx());
            number(n, "radiusPx", f.radiusPx());
            n.put("imageUid", f.imageUid());
            n.put("frame", f.frame());
        }
        root.put("grade", r.grade());
        root.put("transform", r.transform());
        root.put("tiles", r.tiles());
        root.put("batches", r.batches());
        int file = 0;
        ArrayNode maps = root.putArray("heatmaps");
        for (Heatmap2D h : r.heatmaps()) {
            map(maps.addObject(), h, files.get(file++));
        }
        if (r.explanation() != null) {
            ObjectNode e = root.putObject("explanation");
            e.put("method", r.explanation().method());
            e.put("runs", r.explanation().runs());
            e.put("nanos", r.explanation().nanos());
            map(e.putObject("map"), r.explanation().map(), files.get(file));
        }
        return root;
    }

    /** The number of maps a result has: one file each. */
    static int mapCount(ImageResult r) {
        return r.heatmaps().size() + (r.explanation() == null ? 0 : 1);
    }

    /**
     * Reads back what {@link #write} wrote, for an image with these facts (timings none, intended use unset: the
     * engine gives the read's timing and the check made now).
     *
     * @throws IOException when the index belongs to another image or a value is missing or unreadable
     */
    static ImageResult read(JsonNode root, ImageFacts facts, MapValues values) throws IOException {
        if (root.path("dimensions").asInt() != 2 || !facts.imageUid().equals(text(root, "imageUid"))
                || root.path("frame").asInt(-1) != facts.frame()) {
            throw new IOException("the cached result is not that of image " + facts.label());
        }
        JsonNode model = required(root, "model");
        Provenance p = new Provenance(text(model, "id"), optional(model, "name"), optional(model, "version"), text(model, "sha256"),
                optional(root, "provenanceUid"), optional(root, "provenanceDevice"), Instant.parse(text(root, "createdAt")));
        List<ClassScore> scores = new ArrayList<>();
        for (JsonNode n : required(root, "classScores")) {
            scores.add(new ClassScore(required(n, "classIndex").asInt(), text(n, "label"), number(n, "score"), required(n, "slice").asInt()));
        }
        List<ImageFinding> findings = new ArrayList<>();
        for (JsonNode n : required(root, "findings")) {
            findings.add(new ImageFinding(required(n, "rank").asInt(), text(n, "label"), required(n, "classIndex").asInt(),
                    number(n, "score"), numbers(required(n, "centerPx")), numbers(required(n, "boxPx")), number(n, "radiusPx"),
                    optional(n, "imageUid"), required(n, "frame").asInt()));
        }
        List<Heatmap2D> heatmaps = new ArrayList<>();
        for (JsonNode h : required(root, "heatmaps")) {
            heatmaps.add(map(h, values));
        }
        Explanation explanation = null;
        JsonNode e = root.get("explanation");
        if (e != null && !e.isNull()) {
            explanation = new Explanation(map(required(e, "map"), values), text(e, "method"), required(e, "runs").asInt(),
                    required(e, "nanos").asLong());
        }
        return new ImageResult(facts, p, optional(root, "device"), scores, findings, heatmaps, optional(root, "grade"),
                explanation, optional(root, "transform"), required(root, "tiles").asInt(), required(root, "batches").asInt(), StageTimings.NONE,
                null);
    }

    private static void map(ObjectNode n, Heatmap2D h, String file) {
        n.put("file", file);
        n.put("label", h.label());
        n.put("classIndex", h.classIndex());
        n.put("colour", h.colour());
        number(n, "threshold", h.threshold());
        n.put("kind", h.kind());
        n.put("imageColumns", h.imageColumns());
        n.put("imageRows", h.imageRows());
        n.put("step", h.step());
        n.put("columns", h.columns());
        n.put("rows", h.rows());
    }

    private static Heatmap2D map(JsonNode n, MapValues values) throws IOException {
        int columns = required(n, "columns").asInt();
        int rows = required(n, "rows").asInt();
        return new Heatmap2D(text(n, "label"), required(n, "classIndex").asInt(), optional(n, "colour"),
                number(n, "threshold"), text(n, "kind"), required(n, "imageColumns").asInt(), required(n, "imageRows").asInt(),
                required(n, "step").asInt(), columns, rows, values.read(text(n, "file"), columns, rows));
    }

    /** A double that reads back the same: finite ones as numbers, the others as text ("NaN", "Infinity"). */
    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.put(field, Double.toString(v));
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.add(Double.toString(v));
            }
        }
    }

    private static double number(JsonNode n, String field) throws IOException {
        return parse(required(n, field), field);
    }

    private static double[] numbers(JsonNode array) throws IOException {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(array.get(i), "array");
        }
        return out;
    }

    private static double parse(JsonNode v, String field) throws IOException {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            throw new IOException(field + " is not a number: " + v, e);
        }
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = required(n, field);
        if (v.isNull()) {
            throw new IOException(field + " is empty");
        }
        return v.asText();
    }

    /** A text that may be null. */
    private static String optional(JsonNode n, String field) throws IOException {
        JsonNode v = required(n, field);
        return v.isNull() ? null : v.asText();
    }

    private static JsonNode required(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IOException("the cached result has no " + field);
        }
        return v;
    }
}
