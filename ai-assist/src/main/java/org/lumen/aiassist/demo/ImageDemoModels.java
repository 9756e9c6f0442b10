// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lumen.aiassist.demo.BlobDetector2DGraph.BlobClass;

/**
 * Lumen's bundled 2D demonstration models, written as real model packages (model.onnx + model.json)
 * by Lumen's own code, like the 3D {@link DemoModel}: fixed-weight {@link BlobDetector2DGraph}s tuned
 * on Lumen's synthetic phantoms, each card saying so.
 * <ul>
 *   <li>{@link #MAMMO}: bright calcification-sized blobs on mammograms, at native resolution in tiles,
 *       flipped so the chest wall is on the left, combined per breast;</li>
 *   <li>{@link #CHEST}: nodule-sized bright blobs on chest radiographs, on a four times smaller image;</li>
 *   <li>{@link #FUNDUS}: red lesions (dark in the green channel: microaneurysms, haemorrhages) and bright
 *       exudates on colour fundus photographs, graded from the counts by {@link #fundusGrade}.</li>
 * </ul>
 */
public final class ImageDemoModels {

    public static final String VERSION = "1.1.0";

    /** One bundled 2D demo: its id, the name {@code --model} takes, and how to build it. */
    public enum Kind {
        MAMMO("lumen-demo-mammo-calcifications", "demo-mammo"),
        CHEST("lumen-demo-chest-nodules", "demo-chest"),
        FUNDUS("lumen-demo-fundus-lesions", "demo-fundus");

        private final String id;
        private final String alias;

        Kind(String id, String alias) {
            this.id = id;
            this.alias = alias;
        }

        public String id() { return id; }

        public String alias() { return alias; }
    }

    public static final Kind MAMMO = Kind.MAMMO;
    public static final Kind CHEST = Kind.CHEST;
    public static final Kind FUNDUS = Kind.FUNDUS;

    /**
     * The fundus grade from lesion counts, a simplification of the international clinical diabetic
     * retinopathy scale for the demonstration: severe with 8 or more haemorrhages; moderate with any
     * haemorrhage or exudate, or 5 or more microaneurysms; mild with any microaneurysm; else none.
     * Levels best first; the steps are tried in order and the first whose any-of holds gives the grade.
     * The card's {@code image.grade} is written from these, so phantoms that state their grade by
     * {@link #fundusGrade} can be compared with the model's.
     */
    public static final List<String> FUNDUS_LEVELS = List.of("none", "mild", "moderate", "severe");

    /** One step of the fundus rule: the grade, and the counts of which one suffices (class name → at least). */
    public record GradeStep(String grade, java.util.Map<String, Integer> anyOf) { }

    public static final List<GradeStep> FUNDUS_STEPS = List.of(
            new GradeStep("severe", orderedMap("haemorrhage", 8)),
            new GradeStep("moderate", orderedMap("haemorrhage", 1, "exudate", 1, "microaneurysm", 5)),
            new GradeStep("mild", orderedMap("microaneurysm", 1)));

    public static final String FUNDUS_OTHERWISE = "none";

    /** The fundus grade of these lesion counts (class name → count; absent: none). */
    public static String fundusGrade(java.util.Map<String, Integer> counts) {
        for (GradeStep step : FUNDUS_STEPS) {
            for (var e : step.anyOf().entrySet()) {
                if (counts.getOrDefault(e.getKey(), 0) >= e.getValue()) {
                    return step.grade();
                }
            }
        }
        return FUNDUS_OTHERWISE;
    }

    private static java.util.Map<String, Integer> orderedMap(Object... pairs) {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static final double R2 = Math.sqrt(2);

    /** Calcifications: 1–3 px radius bright specks at about 0.07–0.1 mm pixels. */
    static final BlobDetector2DGraph.Design MAMMO_DESIGN = new BlobDetector2DGraph.Design(1, new double[][] {{1}}, new double[] {0},
            new double[] {0.7, 0.7 * R2, 1.4, 1.4 * R2, 2.8}, List.of(new BlobClass("calcification", 0, 0, 4, 0.06, 50)));

    /** Nodules: 2–6 px radius at a quarter of a radiograph's resolution. */
    static final BlobDetector2DGraph.Design CHEST_DESIGN = new BlobDetector2DGraph.Design(1, new double[][] {{1}}, new double[] {0},
            new double[] {1.4, 1.4 * R2, 2.8, 2.8 * R2, 5.6, 5.6 * R2}, List.of(new BlobClass("nodule", 0, 0, 5, 0.06, 60)), null,
            new BlobDetector2DGraph.BrightRegionGate(new double[] {1}, 24, 0, 0.42, 0.5));

    /** Features: 1 − green (red lesions are dark in green), and green (exudates are bright in it); at half resolution. */
    static final BlobDetector2DGraph.Design FUNDUS_DESIGN = new BlobDetector2DGraph.Design(3, new double[][] {{0, -1, 0}, {0, 1, 0}},
            new double[] {1, 0}, new double[] {0.7, 0.7 * R2, 1.4, 1.4 * R2, 2.8, 2.8 * R2, 5.6, 5.6 * R2},
            List.of(new BlobClass("microaneurysm", 0, 0, 2, 0.06, 60), new BlobClass("haemorrhage", 0, 4, 7, 0.085, 60),
                    new BlobClass("exudate", 1, 0, 4, 0.09, 60)),
            new BlobDetector2DGraph.FieldGate(new double[] {1, 0, 0}, 20, 0.2, 0.4),
            new BlobDetector2DGraph.BrightRegionGate(new double[] {0, 1, 0}, 24, 32, 0.55, 0.65));

    private ImageDemoModels() { }

    public static byte[] onnx(Kind kind) {
        return switch (kind) {
            case MAMMO -> new BlobDetector2DGraph(MAMMO_DESIGN).build("lumen_demo_mammo", VERSION,
                    "Lumen demo calcification detector: 2D difference-of-Gaussians blob filter, fixed weights. Not for clinical use.");
            case CHEST -> new BlobDetector2DGraph(CHEST_DESIGN).build("lumen_demo_chest", VERSION,
                    "Lumen demo chest radiograph nodule detector: 2D difference-of-Gaussians blob filter capped by the Hessian determinant, "
                            + "fixed weights. Not for clinical use.");
            case FUNDUS -> new BlobDetector2DGraph(FUNDUS_DESIGN).build("lumen_demo_fundus", VERSION,
                    "Lumen demo fundus lesion detector: colour features and 2D difference-of-Gaussians blob filters capped by the Hessian "
                            + "determinant, fixed weights. "
                            + "Not for clinical use.");
        };
    }

    /** Makes sure {@code folder} holds the package of {@code kind} with exactly the expected bytes. */
    public static Path ensure(Kind kind, Path folder) throws IOException {
        byte[] onnx = onnx(kind);
        byte[] card = card(kind, DemoModel.sha256(onnx));
        Files.createDirectories(folder);
        DemoModel.writeIfDifferent(folder.resolve("model.onnx"), onnx);
        DemoModel.writeIfDifferent(folder.resolve("model.json"), card);
        return folder;
    }

    public static byte[] card(Kind kind, String sha256) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode c = json.createObjectNode();
        c.put("id", kind.id());
        c.put("version", VERSION);
        c.put("sha256", sha256);
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("notForClinicalUse", true);
        c.put("demo", true);
        ObjectNode criteria = c.putObject("intendedUseCriteria");
        ObjectNode in = c.putObject("input");
        in.put("tensor", BlobDetector2DGraph.INPUT);
        in.put("dimensionality", "2D");
        in.put("spatialOrder", "zyx");
        in.put("maxBatch", 4);
        ObjectNode image = c.putObject("image");
        ObjectNode out = c.putObject("output");
        out.put("tensor", BlobDetector2DGraph.OUTPUT);
        out.put("kind", "probabilityMap");
        out.put("activation", "none");
        ArrayNode classes = c.putArray("classes");
        String demoNote = "A demonstration tuned on Lumen's synthetic phantoms, not a trained network: every weight is computed by Lumen. "
                + "It has never seen a patient.";
        switch (kind) {
            case MAMMO -> {
                c.put("name", "Lumen demo mammography calcification detector (blob filter)");
                c.put("intendedUse", "Demonstration of Lumen's 2D AI workflow on Lumen's synthetic mammograms: marks bright "
                        + "calcification-sized specks. " + demoNote);
                c.put("modality", "MG");
                c.put("bodyPart", "BREAST");
                c.put("description", "Difference-of-Gaussians blob filter at 0.7-2.8 px on the native-resolution image in 512 px tiles, "
                        + "flipped so the chest wall is on the left; results combined per breast. On real mammograms it will mark "
                        + "noise and vessel crossings, and it does not see masses.");
                criteria.putArray("modalities").add("MG");
                criteria.putArray("bodyParts").add("BREAST");
                criteria.putArray("views").add("CC").add("MLO");
                in.put("channels", 1);
                DemoModel.ints(in.putArray("patchSize"), 512, 512);
                in.put("overlap", 0.125);
                image.put("colour", "grey");
                image.put("fit", "tile");
                image.put("downsample", 1);
                percentile(image, 1, 99.99);
                image.put("orient", "chestWallLeft");
                image.putObject("study").put("rule", "perLaterality");
                classes.addObject().put("name", "calcification").put("colour", "#FFD030").put("threshold", 0.5);
            }
            case CHEST -> {
                c.put("name", "Lumen demo chest radiograph nodule detector (blob filter)");
                c.put("intendedUse", "Demonstration of Lumen's 2D AI workflow on Lumen's synthetic chest radiographs: marks bright "
                        + "round nodule-sized blobs. " + demoNote);
                c.put("modality", "DX");
                c.put("bodyPart", "CHEST");
                c.put("description", "Difference-of-Gaussians blob filter at 1.4-8 px, capped by the Hessian determinant (round blobs, "
                        + "not edges), on the radiograph shrunk four times, in 512 px tiles, only in the dark lung fields. On real "
                        + "radiographs it will mark rib crossings and vessels seen end-on, and it does not look behind the heart.");
                criteria.putArray("modalities").add("CR").add("DX");
                criteria.putArray("bodyParts").add("CHEST");
                in.put("channels", 1);
                DemoModel.ints(in.putArray("patchSize"), 512, 512);
                in.put("overlap", 0.125);
                image.put("colour", "grey");
                image.put("fit", "tile");
                image.put("downsample", 4);
                percentile(image, 0.5, 100);
                image.put("orient", "none");
                image.putObject("study").put("rule", "max");
                classes.addObject().put("name", "nodule").put("colour", "#FF5030").put("threshold", 0.5);
            }
            case FUNDUS -> {
                c.put("name", "Lumen demo fundus lesion detector and grader (blob filters)");
                c.put("intendedUse", "Demonstration of Lumen's 2D AI workflow on Lumen's synthetic colour fundus photographs: marks "
                        + "microaneurysms and haemorrhages (dark in the green channel) and exudates (bright), and grades the image "
                        + "from their counts by the rule in image.grade. " + demoNote);
                c.put("modality", "OP");
                c.put("bodyPart", "EYE");
                c.put("description", "Colour features (one minus green; green) and difference-of-Gaussians blob filters capped by the "
                        + "Hessian determinant (dots, not vessels) on the photograph at half resolution in 512 px tiles; the optic "
                        + "disc (the bright large region) is left out. On real photographs vessel crossings and the fovea will give "
                        + "false lesions. Grade: severe with 8 or more haemorrhages; moderate with any haemorrhage or exudate, "
                        + "or 5 or more microaneurysms; mild with any microaneurysm; otherwise none.");
                criteria.putArray("modalities").add("OP").add("XC");
                in.put("channels", 3);
                DemoModel.ints(in.putArray("patchSize"), 512, 512);
                in.put("overlap", 0.125);
                image.put("colour", "rgb");
                image.put("fit", "tile");
                image.put("downsample", 2);
                ObjectNode n = image.putObject("normalisation");
                n.put("type", "channelMeanStd");
                n.put("scale", 1 / 255.0);
                DemoModel.doubles(n.putArray("mean"), 0, 0, 0);
                DemoModel.doubles(n.putArray("std"), 1, 1, 1);
                image.put("orient", "none");
                image.putObject("study").put("rule", "perLaterality");
                ObjectNode grade = image.putObject("grade");
                ArrayNode levels = grade.putArray("levels");
                FUNDUS_LEVELS.forEach(levels::add);
                ArrayNode rules = grade.putArray("rules");
                for (GradeStep step : FUNDUS_STEPS) {
                    ObjectNode rule = rules.addObject();
                    rule.put("grade", step.grade());
                    ArrayNode any = rule.putArray("anyOf");
                    step.anyOf().forEach((cls, atLeast) -> any.addObject().put("class", cls).put("atLeast", atLeast));
                }
                grade.put("otherwise", FUNDUS_OTHERWISE);
                classes.addObject().put("name", "microaneurysm").put("colour", "#FF3030").put("threshold", 0.5);
                classes.addObject().put("name", "haemorrhage").put("colour", "#D060FF").put("threshold", 0.5);
                classes.addObject().put("name", "exudate").put("colour", "#FFD030").put("threshold", 0.5);
            }
            default -> throw new IllegalStateException("unknown demo " + kind);
        }
        c.put("defaultThreshold", 0.5);
        c.putArray("validation");
        return json.writeValueAsBytes(c);
    }

    private static void percentile(ObjectNode image, double low, double high) {
        ObjectNode n = image.putObject("normalisation");
        n.put("type", "percentileWindow");
        n.put("low", low);
        n.put("high", high);
    }
}
