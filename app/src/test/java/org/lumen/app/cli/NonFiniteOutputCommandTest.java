// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;

/**
 * {@code lumen infer} with real ONNX models that return NaN or infinity: refused with a sentence naming the model, the
 * output and the count, exit 1, no findings.json or heatmap written, no AI run recorded in the catalog.
 */
class NonFiniteOutputCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aVolumeModelWhoseHeatmapIsNaNIsRefusedAndNothingIsWrittenOrRecorded() throws Exception {
        Path ct = tmp.resolve("ct");
        Phantoms.writeChestCt(ct, ChestCtSpec.builder().seed(3).size(Size.of(32, 32, 16)).sliceSpacingMm(2.5).noduleCount(1)
                .noduleDiameterMm(8, 8).build());
        byte[] onnx = new OnnxModelBuilder("nan_map")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("one", new long[] {}, new float[] {1})
                .node("Mul", List.of("x", "zero"), List.of("zeros"))
                .node("Sub", List.of("zeros", "one"), List.of("minus_one"))
                .node("Log", List.of("minus_one"), List.of("y")) // the log of −1: NaN
                .build();
        Path pkg = ImageClassifierCommandTest.writePackage(tmp.resolve("nan-pkg"), onnx, volumeCard());
        Path out = tmp.resolve("out3d");
        Path catalog = tmp.resolve("c3d.sqlite");

        CliRun run = lumen("infer", ct.toString(), "--model", pkg.toString(), "--device", "cpu", "--no-cache", "--out", out.toString(),
                "--catalog", catalog.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).matches("(?s)lumen: the model NaN heatmap \\(test\\) 1\\.0\\.0 returned ([0-9,]+) non-finite values \\(NaN\\)"
                + " of \\1 in its output \"y\", so its result was refused: nothing was drawn, written or recorded as a run\\R");
        assertThat(out.resolve("findings.json")).doesNotExist();
        assertThat(out.resolve("heatmap.nii.gz")).doesNotExist();
        assertNoRunRecorded(catalog);
    }

    @Test
    void aPhotographClassifierWhoseLogitsAreInfiniteIsRefused() throws Exception {
        Path photo = tmp.resolve("op");
        CliRun phantom = lumen("phantom", photo.toString(), "--kind", "fundus", "--grade", "0", "--size", "256x192", "--seed", "2");
        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        byte[] onnx = new OnnxModelBuilder("inf_logits")
                .input("x", TensorType.FLOAT, "N", 3, 224, 224)
                .output("p", TensorType.FLOAT, "N", 2)
                .initializer("zero", new long[] {}, new float[] {0})
                .initializer("signs", new long[] {1, 2}, new float[] {1, -1})
                .initializer("shape", new long[] {2}, new long[] {-1, 1})
                .node("ReduceMean", List.of("x"), List.of("m"), OnnxModelBuilder.Attribute.ints("axes", 1, 2, 3))
                .node("Reshape", List.of("m", "shape"), List.of("m2"))
                .node("Mul", List.of("m2", "zero"), List.of("nothing"))
                .node("Add", List.of("nothing", "signs"), List.of("finite"))
                .node("Div", List.of("finite", "zero"), List.of("p")) // ±1 / 0: +∞ and −∞
                .build();
        Path pkg = ImageClassifierCommandTest.writePackage(tmp.resolve("inf-pkg"), onnx,
                ImageClassifierCommandTest.photographClassifierCard("test-inf-logits", "Infinite logits (test)", "normal", "abnormal"));
        Path out = tmp.resolve("out2d");
        Path catalog = tmp.resolve("c2d.sqlite");

        CliRun run = lumen("infer", photo.toString(), "--model", pkg.toString(), "--device", "cpu", "--out", out.toString(),
                "--catalog", catalog.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("lumen: the model Infinite logits (test) 1.0.0 returned 2 non-finite values (infinite) of 2 in its"
                + " output \"p\", so its result was refused: nothing was drawn, written or recorded as a run" + System.lineSeparator());
        assertThat(out.resolve("findings.json")).doesNotExist();
        assertNoRunRecorded(catalog);
    }

    private static void assertNoRunRecorded(Path catalog) {
        if (!Files.exists(catalog)) {
            return; // the refusal came before the catalog was opened: nothing can be in it
        }
        try (Catalog c = Catalog.openReadOnly(catalog, CatalogOptions.defaults())) {
            assertThat(c.counts().aiRuns()).as("AI runs recorded").isZero();
            assertThat(c.counts().findings()).isZero();
        }
    }

    private static ObjectNode volumeCard() {
        ObjectNode c = common("test-nan-heatmap", "NaN heatmap (test)", "CT", "CHEST");
        ObjectNode in = c.putObject("input");
        in.put("tensor", "x");
        in.put("dimensionality", "3D");
        in.put("channels", 1);
        in.putArray("patchSize").add(16).add(16).add(16);
        in.putNull("targetSpacingMm");
        in.putObject("normalisation").put("type", "huWindow").put("low", -1000).put("high", 1000);
        in.put("orientation", "native");
        in.put("maxBatch", 2);
        in.put("overlap", 0.25);
        c.putObject("output").put("tensor", "y").put("kind", "probabilityMap").put("activation", "none");
        c.putArray("classes").addObject().put("name", "finding").put("colour", "#FF0000");
        return c;
    }

    private static ObjectNode common(String id, String name, String modality, String bodyPart) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("name", name);
        c.put("version", "1.0.0");
        c.put("file", "model.onnx");
        c.put("license", "Apache-2.0");
        c.put("intendedUse", "Tests of the refusal of non-finite outputs.");
        c.put("notForClinicalUse", true);
        c.put("modality", modality);
        c.put("bodyPart", bodyPart);
        c.put("defaultThreshold", 0.5);
        c.putArray("validation");
        return c;
    }
}
