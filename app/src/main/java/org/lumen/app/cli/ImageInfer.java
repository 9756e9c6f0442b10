// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.image2d.Explanation;
import org.lumen.aiassist.image2d.Heatmap2D;
import org.lumen.aiassist.image2d.ImageFactsReader;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.ImageInput;
import org.lumen.aiassist.image2d.ImageRequest;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.image2d.PlanarImage;
import org.lumen.aiassist.image2d.SliceImage;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.aiassist.image2d.StudyResultJson;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.app.ai.HeatmapPicture;
import org.lumen.app.ai.ImageKey;
import org.lumen.app.ai.ImageRunRecords.ImagePlace;
import org.lumen.io.AtomicFiles;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.index.Series;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiWriter;
import org.lumen.viewer.volume.FrameRef;
import org.lumen.viewer.volume.StackPlan;
import org.lumen.viewer.volume.StackPlanner;
import org.lumen.viewer.volume.Volume;

/**
 * {@code lumen infer} with a 2D image model: every image (or frame) of the series goes through the model's image
 * pipeline, and the study's images are combined by the card's rule. Writes per image and map a PNG of the map over the
 * image with its legend and the float map as NIfTI (one slice, in pixel-spacing mm), and {@code findings.json}:
 * {@code findings[]} (score, centerPx [column, row], boxPx [x0, y0, x1, y1], the image), {@code studyResult} (the class
 * or grade, its score, each image's contribution) and {@code images[]}. Each frame of a multi-frame object is an image of
 * its own: images are keyed by UID and frame, and the summary names the frame of such an object's images.
 */
final class ImageInfer {

    /** What a run gave, for the command's summary and exit status. */
    record Outcome(StudyResult study, List<String> files, ObjectNode json, Map<ImageKey, ImagePlace> places) { }

    private final LumenCommand lumen;
    private final Path out;

    ImageInfer(LumenCommand lumen, Path out) {
        this.lumen = lumen;
        this.out = out;
    }

    /**
     * Runs the model on every image of {@code series} and writes the files.
     *
     * @throws org.lumen.aiassist.model.OutsideIntendedUseException when every image is outside the model's intended use
     *         and the reader did not insist
     */
    Outcome run(Series series, ModelPackage pkg, ImageRequest request) throws Exception {
        StackPlan plan = new StackPlanner().plan(series);
        if (plan.frames().isEmpty()) {
            throw new IllegalArgumentException("series " + series.uid() + " has no images to run a model on: " + String.join("; ", plan.notes()));
        }
        try (Volume volume = lumen.loader().open(plan)) {
            lumen.runTask(lumen.loader().loadTask(volume, 0));
            if (!volume.failures().isEmpty()) {
                var first = volume.failures().entrySet().iterator().next();
                throw new IllegalArgumentException(volume.failures().size() + " image(s) of series " + series.uid()
                        + " could not be read (image " + first.getKey() + ": " + first.getValue() + ")");
            }
            List<ImageInput> inputs = new ArrayList<>();
            Map<ImageKey, ImagePlace> places = new LinkedHashMap<>();
            Map<ImageKey, PlanarImage> pixels = new LinkedHashMap<>();
            for (int k = 0; k < volume.sliceCount(); k++) {
                FrameRef frame = volume.frame(k);
                SliceImage image = SliceImage.of(volume, k);
                var facts = ImageFactsReader.read(frame.instance(), frame.frame());
                inputs.add(new ImageInput(image, facts));
                ImageKey key = ImageKey.of(facts);
                places.put(key, new ImagePlace(key, k, spacing(frame.plane().columnSpacing()), spacing(frame.plane().rowSpacing())));
                pixels.put(key, image);
            }
            StudyResult study = lumen.runTask(lumen.services().imageInference().task(inputs, pkg, request));
            List<String> files = new ArrayList<>();
            ObjectNode json = json(study, pkg, places, pixels, files);
            AtomicFiles.write(out.resolve(InferCommand.FINDINGS), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            return new Outcome(study, files, json, places);
        }
    }

    /** Prints the summary: the study's result, each image's, and the findings. */
    void report(Outcome outcome, PrintWriter o) {
        StudyResult study = outcome.study();
        String mark = study.images().stream().anyMatch(ImageResult::outsideIntendedUse)
                ? " [" + InferCommand.OUTSIDE_MARK.toLowerCase(Locale.ROOT) + "]" : "";
        long saved = study.images().stream().filter(ImageResult::fromCache).count();
        String from = saved == 0 ? "" : saved == study.images().size() ? " (saved result)" : " (" + saved + " saved result(s))";
        o.printf(Locale.ROOT, "%s on %d image(s): study %s %.3f (rule %s)%s%s%n", study.modelId(), study.images().size(),
                study.label(), study.score(), study.rule(), from, mark);
        for (StudyResult.Contribution c : study.contributions()) {
            o.printf(Locale.ROOT, "  %s %s%s: %s %.3f%n", name(outcome.places(), ImageKey.of(c)),
                    c.laterality() == null ? "" : c.laterality(), c.view() == null ? "" : " " + c.view(), c.label(), c.score());
        }
        study.skipped().forEach(s -> o.println("  skipped: " + s));
        for (ImageResult image : study.images()) {
            String name = name(outcome.places(), ImageKey.of(image.facts()));
            for (ImageFinding f : image.findings()) {
                double[] c = f.centerPx();
                o.printf(Locale.ROOT, "  %s #%d %s %.3f at (%.1f, %.1f) px, radius %.1f px%s%n", name, f.rank(), f.label(),
                        f.score(), c[0], c[1], f.radiusPx(), mark);
            }
        }
        var t = study.timings();
        o.printf(Locale.ROOT, "  load %.0f ms, preprocess %.0f ms, inference %.0f ms, postprocess %.0f ms%n", t.loadNanos() / 1e6,
                t.preprocessNanos() / 1e6, t.inferenceNanos() / 1e6, t.postprocessNanos() / 1e6);
        List<String> written = new ArrayList<>(outcome.files());
        written.add(InferCommand.FINDINGS);
        o.printf("wrote %s in %s%n", String.join(", ", written), out);
        o.flush();
    }

    /**
     * ai-assist's findings.json for a study result ({@link StudyResultJson}), with what the command adds: the model's
     * provenance, each image's index in the series (on findings, contributions and images), and the maps' files.
     */
    private ObjectNode json(StudyResult study, ModelPackage pkg, Map<ImageKey, ImagePlace> places, Map<ImageKey, PlanarImage> pixels,
                            List<String> files) throws IOException {
        ModelCard card = pkg.card();
        ObjectNode root = StudyResultJson.toJson(study);
        ObjectNode model = Json.MAPPER.createObjectNode();
        model.put("id", pkg.id()).put("version", pkg.version()).put("sha256", pkg.sha256()).put("demo", card.demo());
        root.set("model", model);
        root.put("dimensions", 2);
        root.put("outsideIntendedUse", study.images().stream().anyMatch(ImageResult::outsideIntendedUse));
        for (JsonNode node : root.get("findings")) {
            ((ObjectNode) node).put("image", places.get(keyOf(node)).index());
        }
        for (JsonNode node : root.get("studyResult").get("contributions")) {
            ((ObjectNode) node).put("image", places.get(keyOf(node)).index());
        }
        JsonNode imageNodes = root.get("images");
        for (int n = 0; n < study.images().size(); n++) {
            ImageResult image = study.images().get(n);
            ImageKey key = ImageKey.of(image.facts());
            ImagePlace place = places.get(key);
            ObjectNode node = (ObjectNode) imageNodes.get(n);
            node.put("image", place.index());
            ArrayNode maps = node.putArray("heatmaps");
            List<String> legend = legend(pkg, image);
            for (Heatmap2D map : image.heatmaps()) {
                maps.add(writeMap(map, place, pixels.get(key), image.findings(), legend, files));
            }
            Explanation explanation = image.explanation();
            if (explanation != null) {
                ObjectNode e = writeMap(explanation.map(), place, pixels.get(key), image.findings(), legend, files);
                ((ObjectNode) node.get("explanation")).setAll(e);
            }
        }
        return root;
    }

    private static List<String> legend(ModelPackage pkg, ImageResult image) {
        List<String> lines = new ArrayList<>();
        lines.add(pkg.id() + " " + pkg.version());
        lines.add("sha256 " + pkg.sha256().substring(0, 12));
        if (pkg.card().demo()) {
            lines.add("DEMONSTRATION model");
        }
        if (image.outsideIntendedUse()) {
            lines.add(InferCommand.OUTSIDE_MARK);
        }
        if (image.grade() != null) {
            lines.add("grade: " + image.grade());
        }
        return lines;
    }

    /** The map as NIfTI float (one slice; pixel spacing × step in mm, or pixels) and as a PNG over the image. */
    private ObjectNode writeMap(Heatmap2D map, ImagePlace place, PlanarImage image, List<ImageFinding> findings, List<String> legend,
                                List<String> files) throws IOException {
        String stem = String.format(Locale.ROOT, "image%d-%s-%s", place.index() + 1,
                map.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), map.kind());
        String nifti = stem + ".nii.gz";
        String png = stem + ".png";
        double cs = place.columnSpacing() * map.step();
        double rs = place.rowSpacing() * map.step();
        Vec3 origin = new Vec3((map.step() - 1) / 2.0 * place.columnSpacing(), (map.step() - 1) / 2.0 * place.rowSpacing(), 0);
        NiftiGeometry geometry = new NiftiGeometry(map.columns(), map.rows(), 1, origin, new Vec3(cs, 0, 0), new Vec3(0, rs, 0),
                new Vec3(0, 0, 1));
        new NiftiWriter().writeFloat32(out.resolve(nifti), geometry, map.values(),
                (map.kind() + " " + map.label() + ", image " + (place.index() + 1)).replaceAll("[^\\x20-\\x7E]", "?"));
        List<ImageFinding> shown = findings.stream().filter(f -> f.label().equals(map.label())).toList();
        int factor = HeatmapPicture.write(out.resolve(png), image, map, shown.isEmpty() ? findings : shown, legend);
        files.add(nifti);
        files.add(png);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("label", map.label()).put("classIndex", map.classIndex()).put("kind", map.kind()).put("threshold", map.threshold())
                .put("step", map.step()).put("max", map.max()).put("file", nifti).put("png", png).put("pngScale", factor);
        return node;
    }

    /** The image a node of ai-assist's JSON names by UID and frame. */
    private static ImageKey keyOf(JsonNode node) {
        return new ImageKey(node.get("imageUid").asText(), node.get("frame").asInt());
    }

    /** "image 2", or "image 2 (frame 2)" for a frame of a multi-frame object: its number in the series, and its frame. */
    static String name(Map<ImageKey, ImagePlace> places, ImageKey key) {
        ImagePlace place = places.get(key);
        boolean multiFrame = places.keySet().stream().anyMatch(k -> k.uid().equals(key.uid()) && k.frame() != key.frame());
        return "image " + (place.index() + 1) + (multiFrame ? " (frame " + (key.frame() + 1) + ")" : "");
    }

    private static double spacing(Double mm) {
        return mm == null || !(mm > 0) ? 1 : mm;
    }
}
