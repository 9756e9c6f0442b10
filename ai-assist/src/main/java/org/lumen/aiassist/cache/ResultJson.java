// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;
import org.lumen.aiassist.runtime.ExecutionDevice;
import org.lumen.viewer.geometry.Vec3;

/**
 * An inference result as JSON with camelCase keys: what {@code lumen infer} writes as
 * findings.json, and the index of a cached result. Coordinates are patient mm (LPS), times ms.
 * Heatmaps are files of their own; the caller lists them. The intended-use assessment is written
 * but not read back: the engine checks every run afresh, a saved result included.
 */
public final class ResultJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() { }

    /** The result without its heatmaps. */
    public static ObjectNode write(InferenceResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        Provenance p = r.provenance();
        root.put("series", p.seriesUid());
        ObjectNode model = root.putObject("model");
        model.put("id", p.modelId());
        model.put("name", p.modelName());
        model.put("version", p.modelVersion());
        model.put("sha256", p.modelSha256());
        root.put("device", r.device().id());
        root.put("deviceNote", r.device().note());
        root.put("createdAt", p.createdAt().toString());
        root.put("fromCache", r.fromCache());
        ObjectNode t = root.putObject("timings");
        StageTimings s = r.timings();
        t.put("load", round(s.loadMs()));
        t.put("preprocess", round(s.preprocessMs()));
        t.put("inference", round(s.inferenceMs()));
        t.put("postprocess", round(s.postprocessMs()));
        t.put("write", round(s.writeMs()));
        t.put("read", round(s.readMs()));
        t.put("total", round(s.totalMs()));
        root.put("tiles", r.tiles());
        root.put("batches", r.batches());
        root.put("modelGrid", r.modelGrid());
        // Every result of a run outside the model's intended use says so, at the top and on each finding.
        root.put("outsideIntendedUse", r.outsideIntendedUse());
        if (r.intendedUse() != null) {
            ObjectNode use = root.putObject("intendedUse");
            use.put("verdict", r.intendedUse().verdict().name().toLowerCase(java.util.Locale.ROOT));
            r.intendedUse().reasons().forEach(use.putArray("reasons")::add);
            r.intendedUse().notes().forEach(use.putArray("notes")::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rank", f.rank());
            n.put("label", f.label());
            n.put("classIndex", f.classIndex());
            n.put("score", f.score());
            vector(n.putArray("centerMm"), f.centerMm().toArray());
            vector(n.putArray("extentMm"), f.extentMm());
            n.put("volumeMm3", f.volumeMm3());
            n.put("voxelCount", f.voxelCount());
            n.put("outsideIntendedUse", r.outsideIntendedUse());
        }
        ArrayNode scores = root.putArray("classifications");
        for (ClassScore c : r.classScores()) {
            ObjectNode n = scores.addObject();
            n.put("label", c.label());
            n.put("classIndex", c.classIndex());
            n.put("score", c.score());
            n.put("slice", c.slice());
        }
        return root;
    }

    /** Reads back what {@link #write} wrote (heatmaps supplied by the caller). */
    static InferenceResult read(JsonNode root, List<org.lumen.aiassist.pipeline.Heatmap> heatmaps) {
        JsonNode model = root.get("model");
        String device = root.get("device").asText();
        Provenance p = new Provenance(model.get("id").asText(), model.get("name").asText(), model.get("version").asText(),
                model.get("sha256").asText(), root.get("series").asText(), device, Instant.parse(root.get("createdAt").asText()));
        ExecutionDevice d = device.startsWith("cuda:")
                ? new ExecutionDevice("CUDA", Integer.parseInt(device.substring(5)), root.path("deviceNote").asText(""))
                : ExecutionDevice.cpu(root.path("deviceNote").asText(""));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode n : root.get("findings")) {
            findings.add(new Finding(n.get("rank").asInt(), n.get("label").asText(), n.get("classIndex").asInt(),
                    n.get("score").asDouble(), Vec3.of(doubles(n.get("centerMm"))), doubles(n.get("extentMm")),
                    n.get("volumeMm3").asDouble(), n.get("voxelCount").asInt(), p));
        }
        List<ClassScore> scores = new ArrayList<>();
        for (JsonNode n : root.get("classifications")) {
            scores.add(new ClassScore(n.get("classIndex").asInt(), n.get("label").asText(), n.get("score").asDouble(),
                    n.get("slice").asInt()));
        }
        JsonNode t = root.get("timings");
        StageTimings timings = new StageTimings(nanos(t, "load"), nanos(t, "preprocess"), nanos(t, "inference"),
                nanos(t, "postprocess"), nanos(t, "write"), 0);
        return new InferenceResult(p, d, heatmaps, findings, scores, timings, root.get("tiles").asInt(),
                root.get("batches").asInt(), root.get("modelGrid").asText(), false, null);
    }

    private static long nanos(JsonNode t, String field) {
        return Math.round(t.path(field).asDouble(0) * 1e6);
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static void vector(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(Math.round(v * 1000) / 1000.0);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
