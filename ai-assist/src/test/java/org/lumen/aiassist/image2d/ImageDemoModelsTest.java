// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.Froc;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.aiassist.evaluation.ScanDetections;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/** The bundled 2D demo detectors find blobs planted in synthetic images, scored by the shared scorer. */
class ImageDemoModelsTest {

    @TempDir
    Path tmp;

    ModelPackage model(String alias) throws Exception {
        return new ModelRegistry(tmp.resolve("models"), tmp.resolve("cache")).resolve(alias);
    }

    @Test
    void everyDemoLoadsAsA2dImageModelMarkedAsADemonstration() throws Exception {
        for (ImageDemoModels.Kind kind : ImageDemoModels.Kind.values()) {
            ModelPackage pkg = model(kind.alias());
            assertThat(pkg.card().isImageModel()).isTrue();
            assertThat(pkg.card().dimensions()).isEqualTo(2);
            assertThat(pkg.card().demo()).isTrue();
            assertThat(pkg.card().intendedUse()).contains("tuned on Lumen's synthetic phantoms");
            assertThat(pkg.bundled()).isTrue();
        }
    }

    @Test
    void theMammographyDemoFindsPlantedCalcificationsOnALargeTiledImage() throws Exception {
        ModelPackage pkg = model("demo-mammo");
        List<ScanDetections> scans = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            int w = 1400;
            int h = 1100;
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            List<double[]> blobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                blobs.add(new double[] {60 + r.nextDouble() * (w - 120), 60 + r.nextDouble() * (h - 120), 1 + r.nextDouble(), 250});
            }
            float[] v = Synthetic.grey(w, h, seed, 20, blobs.toArray(double[][]::new));
            ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("mg" + seed, "MG", w, h, false, "L", "CC"));
            StudyResult result = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none());
            ImageResult image = result.images().getFirst();
            assertThat(image.tiles()).isGreaterThan(4);
            // The overhead benchmark's baseline runs exactly the tiles the pipeline ran.
            var bare = ImageBareInference.prepare(input, pkg);
            assertThat(bare.tiles()).isEqualTo(image.tiles());
            try (var session = org.lumen.aiassist.runtime.InferenceSession.open(pkg.onnxFile(), org.lumen.aiassist.runtime.DeviceRequest.CPU)) {
                assertThat(org.lumen.aiassist.pipeline.BareInference.run(session, pkg, bare)).isPositive();
            }
            scans.add(scan("mg" + seed, blobs, image.findings(), 4));
        }
        DetectionAtThreshold at = Froc.atThreshold(scans, 0.5, new org.lumen.aiassist.evaluation.Bootstrap(50, 1));
        System.out.printf("mammo demo: found %d of %d, %d false positives%n", at.found(), at.lesions(), at.falsePositives());
        assertThat(at.found()).isEqualTo(at.lesions());
        assertThat(at.falsePositives()).isLessThanOrEqualTo(2);
    }

    @Test
    void theChestDemoFindsPlantedNodulesOnAShrunkRadiograph() throws Exception {
        ModelPackage pkg = model("demo-chest");
        int w = 2000;
        int h = 1800;
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        List<double[]> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blobs.add(new double[] {150 + r.nextDouble() * (w - 300), 150 + r.nextDouble() * (h - 300), 10 + r.nextDouble() * 8, 250});
        }
        float[] v = Synthetic.grey(w, h, 11, 20, blobs.toArray(double[][]::new));
        ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("dx", "DX", w, h, false, null, "PA"));
        ImageResult image = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        assertThat(image.heatmaps().getFirst().step()).isEqualTo(4);
        DetectionAtThreshold at = Froc.atThreshold(List.of(scan("dx", blobs, image.findings(), 12)), 0.5,
                new org.lumen.aiassist.evaluation.Bootstrap(20, 1));
        System.out.printf("chest demo: found %d of %d, %d false positives%n", at.found(), at.lesions(), at.falsePositives());
        assertThat(at.found()).isEqualTo(at.lesions());
        assertThat(at.falsePositives()).isLessThanOrEqualTo(1);
    }

    @Test
    void theFundusDemoFindsRedLesionsAndExudatesAndGradesByItsCardsRule() throws Exception {
        ModelPackage pkg = model("demo-fundus");
        int w = 1200;
        int h = 900;
        // An orange-red retina, darker towards the rim, with dark-in-green microaneurysms and haemorrhages and bright exudates.
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x - w / 2.0, y - h / 2.0) / (h / 2.0);
                double f = d > 1 ? 0 : 1 - 0.3 * d * d;
                r[y * w + x] = (float) (200 * f);
                g[y * w + x] = (float) (100 * f + 3 * (rnd.nextDouble() - 0.5));
                b[y * w + x] = (float) (40 * f);
            }
        }
        double[][] mas = {{500, 300}, {700, 420}, {420, 600}};
        double[][] haem = {{800, 600}};
        double[][] exudates = {{350, 400}, {650, 250}};
        for (double[] m : mas) {
            Synthetic.add(g, w, h, m[0], m[1], 2.5, -60);
        }
        for (double[] m : haem) {
            Synthetic.add(g, w, h, m[0], m[1], 8, -60);
            Synthetic.add(r, w, h, m[0], m[1], 8, -40);
        }
        for (double[] e : exudates) {
            Synthetic.add(g, w, h, e[0], e[1], 3, 110);
            Synthetic.add(r, w, h, e[0], e[1], 3, 50);
        }
        ImageInput input = new ImageInput(new ArrayImage(w, h, r, g, b), Synthetic.facts("op1", "OP", w, h, true, "R", null));
        StudyResult result = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none());
        ImageResult image = result.images().getFirst();
        java.util.Map<String, Integer> counts = ImageInferenceEngine.counts(image.findings());
        System.out.println("fundus demo: " + counts + " grade " + image.grade());
        assertThat(scanOf(image, "microaneurysm", mas)).isEqualTo(mas.length);
        assertThat(scanOf(image, "haemorrhage", haem)).isEqualTo(haem.length);
        assertThat(scanOf(image, "exudate", exudates)).isEqualTo(exudates.length);
        assertThat(counts.getOrDefault("microaneurysm", 0)).isLessThanOrEqualTo(mas.length + 1);
        assertThat(counts.getOrDefault("exudate", 0)).isLessThanOrEqualTo(exudates.length + 1);
        assertThat(counts.getOrDefault("haemorrhage", 0)).isLessThanOrEqualTo(haem.length + 1);
        // 1 haemorrhage and exudates: moderate by the card's rule, which is ImageDemoModels.fundusGrade.
        assertThat(image.grade()).isEqualTo(ImageDemoModels.fundusGrade(counts)).isEqualTo("moderate");
        assertThat(result.label()).isEqualTo("moderate");
        assertThat(result.bySide()).containsOnlyKeys("R");
        var json = StudyResultJson.toJson(result);
        assertThat(json.get("findings").size()).isEqualTo(image.findings().size());
        assertThat(json.get("findings").get(0).get("centerPx").size()).isEqualTo(2);
        assertThat(json.get("findings").get(0).get("boxPx").size()).isEqualTo(4);
        assertThat(json.get("studyResult").get("label").asText()).isEqualTo("moderate");
        assertThat(json.get("studyResult").get("bySide").get("R").get("label").asText()).isEqualTo("moderate");
        assertThat(json.get("images").get(0).get("grade").asText()).isEqualTo("moderate");
    }

    @Test
    void theFundusDemoMarksDotsButNotVesselsOfTheSameWidthAndContrastNorTheOpticDisc() throws Exception {
        ModelPackage pkg = model("demo-fundus");
        int w = 1200;
        int h = 900;
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            r[i] = 200;
            g[i] = 100;
            b[i] = 40;
        }
        // A straight vessel and a curved one, dark in green as a microaneurysm is, and as wide (sigma 2.5 px).
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double straight = Math.abs(x - 300.0);
                double curved = Math.abs(Math.hypot(x - 700.0, y - 450.0) - 250);
                double dip = Math.exp(-straight * straight / (2 * 2.5 * 2.5)) + Math.exp(-curved * curved / (2 * 2.5 * 2.5));
                g[y * w + x] -= (float) (60 * Math.min(1, dip));
            }
        }
        double[][] mas = {{150, 300}, {150, 600}, {520, 150}};
        for (double[] m : mas) {
            Synthetic.add(g, w, h, m[0], m[1], 2.5, -60);
        }
        // A pale optic disc (bright in green) of 50 px radius with a vessel crossing it.
        for (int y = 350; y < 550; y++) {
            for (int x = 600; x < 800; x++) {
                double d = Math.hypot(x - 700.0, y - 450.0);
                double disc = 1 / (1 + Math.exp((d - 50) / 3));
                g[y * w + x] += (float) (140 * disc);
                r[y * w + x] += (float) (55 * disc);
            }
        }
        for (int x = 640; x < 760; x++) {
            for (int dy = -3; dy <= 3; dy++) {
                g[(450 + dy) * w + x] -= (float) (50 * Math.exp(-dy * dy / 8.0));
            }
        }
        ImageInput input = new ImageInput(new ArrayImage(w, h, r, g, b), Synthetic.facts("op2", "OP", w, h, true, "L", null));
        ImageResult image = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none()).images().getFirst();
        System.out.println("fundus demo, vessels and a disc: " + ImageInferenceEngine.counts(image.findings()));
        assertThat(scanOf(image, "microaneurysm", mas)).isEqualTo(mas.length);
        // Every finding is one of the dots: none on the vessels (lines), none on or round the disc.
        for (ImageFinding f : image.findings()) {
            double[] c = f.centerPx();
            assertThat(java.util.Arrays.stream(mas).anyMatch(m -> Math.hypot(c[0] - m[0], c[1] - m[1]) < 8))
                    .as("%s at (%.0f, %.0f)", f.label(), c[0], c[1]).isTrue();
        }
    }

    /** How many of the planted lesions a finding of that class hits (within 6 px), through the shared scorer. */
    static int scanOf(ImageResult image, String label, double[][] planted) {
        List<double[]> blobs = java.util.Arrays.stream(planted).toList();
        List<ImageFinding> ofClass = image.findings().stream().filter(f -> f.label().equals(label)).toList();
        DetectionAtThreshold at = Froc.atThreshold(List.of(scan("x", blobs, ofClass, 6)), 0.5,
                new org.lumen.aiassist.evaluation.Bootstrap(20, 1));
        return at.found();
    }

    static ScanDetections scan(String id, List<double[]> blobs, List<ImageFinding> findings, double hitRadius) {
        List<Lesion> lesions = blobs.stream().map(b -> new Lesion(new Vec3(b[0], b[1], 0), 2 * hitRadius)).toList();
        List<Candidate> candidates = findings.stream().map(f -> new Candidate(new Vec3(f.centerPx()[0], f.centerPx()[1], 0), f.score())).toList();
        return new ScanDetections(id, lesions, candidates);
    }
}
