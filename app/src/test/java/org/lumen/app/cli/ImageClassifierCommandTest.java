// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.TensorType;

/**
 * A 2D classifier packaged as a site would package one (an ONNX graph built here and its card), run by
 * {@code lumen infer --explain occlusion} on a fundus phantom: class scores, the study's class, and an explanation map
 * written as NIfTI and PNG whose strongest point is on the only bright-green structure of a grade-0 photograph, the
 * optic disc.
 */
public class ImageClassifierCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aPackagedClassifierIsRunAndExplainedOnAPhotograph() throws Exception {
        Path photo = tmp.resolve("op");
        CliRun phantom = lumen("phantom", photo.toString(), "--kind", "fundus", "--grade", "0", "--size", "512x384", "--seed", "2");
        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        Path pkg = writePackage(tmp.resolve("pkg"));
        Path out = tmp.resolve("out");

        CliRun infer = lumen("infer", photo.toString(), "--model", pkg.toString(), "--explain", "occlusion", "--out", out.toString(),
                "--catalog", tmp.resolve("c.sqlite").toString());

        assertThat(infer.exitCode()).as(infer.err()).isZero();
        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        JsonNode image = findings.get("images").get(0);
        assertThat(image.get("classScores")).hasSize(2);
        double sum = image.get("classScores").get(0).get("score").asDouble() + image.get("classScores").get(1).get("score").asDouble();
        assertThat(sum).as("softmax scores").isBetween(0.999, 1.001);
        // The disc alone is bright green enough: hiding it is what lowers the "bright" score the explanation explains.
        assertThat(findings.get("studyResult").get("label").asText()).isEqualTo("bright");
        JsonNode explanation = image.get("explanation");
        assertThat(explanation.get("method").asText()).isEqualTo("occlusion");
        assertThat(explanation.get("runs").asInt()).isPositive();
        assertThat(out.resolve(explanation.get("png").asText())).isRegularFile();
        Path map = out.resolve(explanation.get("file").asText());
        assertThat(map).isRegularFile();

        JsonNode truth = JSON.readTree(photo.resolve("ground-truth.json").toFile());
        JsonNode disc = truth.get("images").get(0).get("opticDiscPx");
        double[] peak = strongestPoint(map, explanation.get("step").asInt());
        // Occlusion hides 8 × 8 blocks of the 224 px input, which letterboxes the 512 px wide photograph: 64 px blocks. The
        // strongest block holds the disc, so its centre lies within the disc's radius plus half a block's diagonal.
        double block = 512 / 8.0;
        assertThat(Math.hypot(peak[0] - disc.get(0).asDouble(), peak[1] - disc.get(1).asDouble()))
                .as("the explanation's strongest point %s against the disc %s", java.util.Arrays.toString(peak), disc)
                .isLessThan(disc.get(2).asDouble() + block * Math.sqrt(2) / 2);
    }

    /**
     * Green above a half (a 1×1 Conv, Sub, Relu), its mean over the image (GlobalAveragePool), two logits (Gemm) and
     * Softmax over 3×224×224: "bright" when more than a thousandth of the photograph is bright green.
     */
    private static byte[] brightGreenClassifier() {
        return new OnnxModelBuilder("bright_green_classifier")
                .input("x", TensorType.FLOAT, "N", 3, 224, 224)
                .output("p", TensorType.FLOAT, "N", 2)
                .initializer("w", new long[] {1, 3, 1, 1}, new float[] {0, 1, 0})
                .initializer("half", new long[] {}, new float[] {0.5f})
                .initializer("gemm_w", new long[] {1, 2}, new float[] {-1000, 1000})
                .initializer("gemm_b", new long[] {2}, new float[] {1, -1})
                .node("Conv", List.of("x", "w"), List.of("g"), OnnxModelBuilder.Attribute.ints("kernel_shape", 1, 1))
                .node("Sub", List.of("g", "half"), List.of("g_shift"))
                .node("Relu", List.of("g_shift"), List.of("bright"))
                .node("GlobalAveragePool", List.of("bright"), List.of("mean"))
                .node("Flatten", List.of("mean"), List.of("flat"))
                .node("Gemm", List.of("flat", "gemm_w", "gemm_b"), List.of("logits"))
                .node("Softmax", List.of("logits"), List.of("p"), OnnxModelBuilder.Attribute.of("axis", 1L))
                .build();
    }

    /** The package a site would make: model.onnx and a model.json declaring a 2D RGB classifier for OP/XC photographs. */
    public static Path writePackage(Path dir) throws Exception {
        return writePackage(dir, brightGreenClassifier(), photographClassifierCard("test-bright-green", "Bright green classifier (test)",
                "normal", "bright"));
    }

    /** A card for a 2D RGB classifier of OP/XC photographs (224×224 letterboxed, values scaled to 0–1) with these classes. */
    public static ObjectNode photographClassifierCard(String id, String name, String... classes) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("name", name);
        c.put("version", "1.0.0");
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("intendedUse", "Tests of the 2D classification contract.");
        c.put("notForClinicalUse", true);
        c.put("modality", "OP");
        c.put("bodyPart", "EYE");
        c.putObject("intendedUseCriteria").putArray("modalities").add("OP").add("XC");
        ObjectNode in = c.putObject("input");
        in.put("tensor", "x");
        in.put("dimensionality", "2D");
        in.put("channels", 3);
        in.putArray("patchSize").add(224).add(224);
        in.putNull("targetSpacingMm");
        in.put("orientation", "native");
        in.put("maxBatch", 8);
        ObjectNode image = c.putObject("image");
        image.put("colour", "rgb");
        image.put("fit", "letterbox");
        ObjectNode n = image.putObject("normalisation");
        n.put("type", "channelMeanStd");
        n.put("scale", 1 / 255.0);
        n.putArray("mean").add(0).add(0).add(0);
        n.putArray("std").add(1).add(1).add(1);
        ObjectNode out = c.putObject("output");
        out.put("tensor", "p");
        out.put("kind", "classification");
        out.put("activation", "none");
        java.util.Arrays.stream(classes).forEach(c.putArray("classes")::add);
        c.put("defaultThreshold", 0.5);
        c.putArray("validation");
        return c;
    }

    /** Writes model.onnx and the card (with the model's sha256) into {@code dir}. */
    public static Path writePackage(Path dir, byte[] onnx, ObjectNode card) throws Exception {
        card.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)));
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), onnx);
        Files.write(dir.resolve("model.json"), JSON.writeValueAsBytes(card));
        return dir;
    }

    /** The image pixel [column, row] where the map's absolute value is largest, read by nibabel. */
    private static double[] strongestPoint(Path nifti, int step) throws Exception {
        String script = """
                import sys, nibabel, numpy
                d = numpy.abs(numpy.asarray(nibabel.load(sys.argv[1]).dataobj)[:, :, 0])
                i, j = numpy.unravel_index(numpy.argmax(d), d.shape)
                print(i, j)
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, nifti.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() == 0 || !text.contains("No module named"), "/usr/bin/python3 lacks nibabel: " + text);
        assertThat(p.exitValue()).as(text).isZero();
        String[] ij = text.split(" ");
        return new double[] {(Integer.parseInt(ij[0]) + 0.5) * step - 0.5, (Integer.parseInt(ij[1]) + 0.5) * step - 0.5};
    }
}
