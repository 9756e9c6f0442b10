// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.image2d.ImageFinding;
import org.lumen.aiassist.image2d.ImageResult;
import org.lumen.aiassist.image2d.StudyResult;
import org.lumen.annotation.catalog.NewAiRun;
import org.lumen.annotation.catalog.NewFinding;
import org.lumen.viewer.geometry.Vec3;

/**
 * A 2D model's run over the images of a series becomes one catalog AI run, like a 3D run: provenance, device,
 * timings, intended-use verdict, and the findings of every image. A finding's centre is stored as (column × column
 * spacing, row × row spacing, image index in the series) and its extent as the box's size in the same units (mm where
 * the image has a pixel spacing, else pixels); the parameters keep the study's result and each image's contribution.
 * Each frame of a multi-frame object is an image of its own (its own index), so images are keyed by UID and frame, and
 * the parameters name both for every image and contribution.
 */
public final class ImageRunRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where an image (one frame of its object) sits in its series and how big its pixels are. */
    public record ImagePlace(ImageKey key, int index, double columnSpacing, double rowSpacing) { }

    private ImageRunRecords() { }

    /**
     * @param places every image of the study result, by UID and frame
     */
    public static NewAiRun of(String seriesUid, StudyResult study, Map<ImageKey, ImagePlace> places) {
        if (study.images().isEmpty()) {
            throw new IllegalArgumentException("a study result with no image run cannot be recorded");
        }
        ImageResult first = study.images().getFirst();
        Provenance p = first.provenance();
        List<NewFinding> findings = new ArrayList<>();
        int rank = 0;
        for (ImageResult image : study.images()) {
            for (ImageFinding f : image.findings()) {
                ImagePlace place = place(places, ImageKey.of(f));
                double[] c = f.centerPx();
                double[] b = f.boxPx();
                findings.add(new NewFinding(++rank, f.score(), f.label(),
                        new Vec3(c[0] * place.columnSpacing(), c[1] * place.rowSpacing(), place.index()),
                        new Vec3((b[2] - b[0]) * place.columnSpacing(), (b[3] - b[1]) * place.rowSpacing(), 0), null));
            }
        }
        var t = study.timings();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("load", t.loadNanos() / 1e6);
        timings.put("preprocess", t.preprocessNanos() / 1e6);
        timings.put("inference", t.inferenceNanos() / 1e6);
        timings.put("postprocess", t.postprocessNanos() / 1e6);
        boolean anyOutside = study.images().stream().anyMatch(ImageResult::outsideIntendedUse);
        ImageResult judged = study.images().stream().filter(ImageResult::outsideIntendedUse).findFirst().orElse(first);
        return new NewAiRun(seriesUid, p.modelId(), p.modelVersion(), p.modelSha256(), first.device(),
                parameters(study, places), timings, p.createdAt(), findings,
                AiRunRecords.intendedUse(anyOutside ? judged.intendedUse() : first.intendedUse()));
    }

    private static ImagePlace place(Map<ImageKey, ImagePlace> places, ImageKey image) {
        ImagePlace place = places.get(image);
        if (place == null) {
            throw new IllegalArgumentException("a finding names image " + image + ", which is not among the images run");
        }
        return place;
    }

    private static String parameters(StudyResult study, Map<ImageKey, ImagePlace> places) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dimensions", 2);
        root.put("centreZ", "image index in the series");
        ObjectNode result = root.putObject("studyResult");
        result.put("rule", study.rule());
        result.put("label", study.label());
        result.put("score", study.score());
        ArrayNode contributions = result.putArray("contributions");
        for (StudyResult.Contribution c : study.contributions()) {
            ImagePlace place = places.get(ImageKey.of(c));
            contributions.addObject().put("imageUid", c.imageUid()).put("frame", c.frame()).put("image", place == null ? -1 : place.index())
                    .put("laterality", c.laterality()).put("view", c.view()).put("label", c.label()).put("score", c.score());
        }
        ArrayNode images = root.putArray("images");
        for (ImageResult image : study.images()) {
            images.addObject().put("imageUid", image.facts().imageUid()).put("frame", image.facts().frame())
                    .put("image", place(places, ImageKey.of(image.facts())).index()).put("transform", image.transform())
                    .put("tiles", image.tiles()).put("batches", image.batches()).put("grade", image.grade());
        }
        study.skipped().forEach(root.putArray("skipped")::add);
        return root.toString();
    }
}
