// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.OnnxModelBuilder.Attribute;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassificationPayload;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.edit.ClassificationLabel;

/**
 * {@code lumen validate} of a classification model: phantom patients with and without nodules, each series classified
 * in the dataset from its own truth ("nodules" where its mask holds any), and a real ONNX classifier (the mean
 * normalised density of the chest, higher where nodules add tissue) run by the engine. The ROC, AUC, confusion matrix
 * and calibration come out in --json and the report, and Python recomputes the AUC from the per-case scores.
 */
class ClassificationValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PATCH = 32;

    @TempDir
    Path tmp;

    @Test
    void aClassifierIsScoredWithRocAucConfusionMatrixAndCalibration() throws Exception {
        Path catalog = tmp.resolve("catalog.sqlite");
        for (String[] group : new String[][] {{"clear", "0", "1"}, {"nodular", "8", "31"}}) {
            CliRun phantom = lumen("phantom", tmp.resolve(group[0]).toString(), "--size", "64x64x32", "--pixel-spacing", "5.5",
                    "--slice-spacing", "6", "--nodules", group[1], "--seed", group[2], "--cases", "3", "--dataset", "chest",
                    "--catalog", catalog.toString());
            assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        }
        // Each series classified from its own truth: "nodules" where the phantom's mask holds any.
        int positives = 0;
        try (Catalog c = Catalog.openExisting(catalog)) {
            var dataset = c.datasets().byName("chest").orElseThrow();
            long person = c.people().ensure("annotator", true, false).id();
            for (var member : c.datasets().members(dataset.id())) {
                String series = member.seriesUid();
                boolean nodules = c.annotations().annotations(series).stream().filter(a -> a.kind() == AnnotationKind.MASK)
                        .map(a -> c.annotations().head(a.id()).orElseThrow().payload())
                        .anyMatch(p -> ((MaskPayload) p).mask().labels().stream().anyMatch(l -> l > 0));
                positives += nodules ? 1 : 0;
                c.annotations().create(new NewAnnotation(series, dataset.id(), AnnotationKind.CLASSIFICATION, null), person,
                        new Origin.Imported("phantom truth"), new ClassificationPayload(List.of(new ClassificationLabel(UUID.randomUUID(), series,
                                null, 0, nodules ? "nodules" : "clear"))), null);
            }
        }
        assertThat(positives).isEqualTo(3);

        Path model = writeClassifier(tmp.resolve("classifier"));
        CliRun run = lumen("validate", "--model", model.toString(), "--dataset", "chest", "--device", "cpu", "--bootstrap", "200",
                "--out", tmp.resolve("report").toString(), "--json", "--catalog", catalog.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode figures = JSON.readTree(run.out());
        JsonNode cls = figures.path("classification");
        assertThat(cls.path("label").asText()).isEqualTo("nodules");
        assertThat(cls.path("positives").asInt()).isEqualTo(3);
        assertThat(cls.path("negatives").asInt()).isEqualTo(3);
        assertThat(cls.path("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(cls.path("aucInterval")).hasSize(2);
        JsonNode confusion = cls.path("confusionMatrix");
        assertThat(confusion.path("truePositives").asInt() + confusion.path("falseNegatives").asInt()).isEqualTo(3);
        assertThat(confusion.path("trueNegatives").asInt() + confusion.path("falsePositives").asInt()).isEqualTo(3);
        assertThat(cls.path("ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(cls.path("reliability")).hasSize(10);
        assertThat(cls.path("perCase")).hasSize(6);
        // Where every case's truth came from its mask, the detection figures count the masks' nodules too.
        assertThat(figures.path("detection").path("lesions").asInt()).isEqualTo(24);

        String html = Files.readString(tmp.resolve("report").resolve("report.html"));
        assertThat(html).contains("Classification: nodules", "ROC curve", "Reliability diagram", "truth positive");
        String shots = System.getProperty("lumen.shots");
        if (shots != null && !shots.isBlank()) { // kept for a look in a browser
            Files.createDirectories(Path.of(shots));
            Files.writeString(Path.of(shots, "classification-report.html"), html);
        }

        // Mann–Whitney AUC (ties count half) from the per-case scores, as scikit-learn's roc_auc_score defines it.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", """
                import json, sys
                cases = json.load(open(sys.argv[1]))["classification"]["perCase"]
                pos = [c["score"] for c in cases if c["positive"]]
                neg = [c["score"] for c in cases if not c["positive"]]
                wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
                print("%.12f" % (wins / (len(pos) * len(neg))))
                """, tmp.resolve("report").resolve("figures.json").toString()).redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes()).strip();
        assertThat(python.waitFor()).as(printed).isZero();
        assertThat(cls.path("auc").asDouble()).isCloseTo(Double.parseDouble(printed), within(1e-9));
    }

    /** A classifier whose score is the mean of its normalised input over the whole patch: denser chests score higher. */
    private static Path writeClassifier(Path dir) throws Exception {
        byte[] onnx = new OnnxModelBuilder("mean_density")
                .input("x", TensorType.FLOAT, "N", 1, PATCH, PATCH, PATCH)
                .output("score", TensorType.FLOAT, "N", 1)
                .node("ReduceMean", List.of("x"), List.of("score"), Attribute.ints("axes", 2, 3, 4), Attribute.of("keepdims", 0L))
                .build();
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "mean-density");
        c.put("name", "Mean density classifier (test)");
        c.put("version", "1.0.0");
        c.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(onnx)));
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("intendedUse", "Tests.");
        c.put("notForClinicalUse", true);
        c.put("modality", "CT");
        c.put("bodyPart", "CHEST");
        ObjectNode in = c.putObject("input");
        in.put("tensor", "x");
        in.put("dimensionality", "3D");
        in.put("channels", 1);
        in.putArray("patchSize").add(PATCH).add(PATCH).add(PATCH);
        in.putNull("targetSpacingMm");
        ObjectNode norm = in.putObject("normalisation");
        norm.put("type", "huWindow");
        norm.put("low", -1000);
        norm.put("high", 1000);
        in.put("orientation", "native");
        in.put("maxBatch", 1);
        in.put("overlap", 0.0);
        ObjectNode out = c.putObject("output");
        out.put("tensor", "score");
        out.put("kind", "classification");
        out.put("activation", "none");
        c.putArray("classes").addObject().put("name", "nodules").put("colour", "#FF0000");
        c.put("defaultThreshold", 0.3);
        c.putArray("validation");
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), onnx);
        Files.write(dir.resolve("model.json"), JSON.writeValueAsBytes(c));
        return dir;
    }
}
