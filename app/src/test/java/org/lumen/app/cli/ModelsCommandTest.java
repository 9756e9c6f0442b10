// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.app.settings.UserDataFolder;
import org.lumen.io.Folders;

/** {@code lumen models} and {@code lumen models verify}, through the real command line. */
class ModelsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path installed;

    /** A copy of the demo package under another id, installed in the (test) user data folder's models/. */
    private Path install(String id, String sha256) throws Exception {
        installed = UserDataFolder.fromEnvironment().models().resolve("test-" + id);
        Files.createDirectories(installed);
        Files.write(installed.resolve("model.onnx"), DemoModel.onnx());
        String card = new String(DemoModel.card(sha256), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"id\" : \"" + DemoModel.ID + "\"", "\"id\" : \"" + id + "\"");
        Files.writeString(installed.resolve("model.json"), card);
        return installed;
    }

    @AfterEach
    void uninstall() throws Exception {
        if (installed != null) {
            Folders.deleteTree(installed);
        }
    }

    private static String demoSha() throws Exception {
        return org.lumen.aiassist.model.ModelPackageReader.sha256(Files.write(Files.createTempFile("demo", ".onnx"), DemoModel.onnx()));
    }

    @Test
    void listsTheBundledDemoAndInstalledPackagesAndSaysWhyOnesAreRefused() throws Exception {
        install("copy-of-demo", demoSha());

        CliRun run = lumen("models");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(DemoModel.ID + "  " + DemoModel.VERSION).contains("[bundled, demo, not for clinical use]")
                .contains("copy-of-demo").contains("models folder: ")
                .contains("intended use checked before every run: Modality: CT; Body part: the chest; Slice thickness: 0.5–3 mm;");
        Folders.deleteTree(installed);
        install("tampered", "2".repeat(64));
        CliRun again = lumen("models");
        assertThat(again.out()).contains("refused  ").contains("the sha256 of model.onnx is");
    }

    @Test
    void jsonListsEveryCardField() throws Exception {
        CliRun run = lumen("models", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        JsonNode demo = root.get("models").get(0);
        assertThat(demo.get("id").asText()).isEqualTo(DemoModel.ID);
        assertThat(demo.get("bundled").asBoolean()).isTrue();
        assertThat(demo.get("demo").asBoolean()).isTrue();
        assertThat(demo.get("notForClinicalUse").asBoolean()).isTrue();
        assertThat(demo.get("input").get("patchSize").size()).isEqualTo(3);
        assertThat(demo.get("output").get("kind").asText()).isEqualTo("probabilityMap");
        assertThat(demo.get("classes").get(0).get("name").asText()).isEqualTo("nodule");
        assertThat(demo.get("validation").size()).isPositive();
        JsonNode criteria = demo.get("intendedUseCriteria");
        assertThat(criteria.get("declared").asBoolean()).isTrue();
        assertThat(criteria.get("modalities").get(0).asText()).isEqualTo("CT");
        assertThat(criteria.get("bodyParts").get(0).asText()).isEqualTo("CHEST");
        assertThat(criteria.get("sliceSpacingMm").get("max").asDouble()).isEqualTo(DemoModel.MAX_SLICE_MM);
        assertThat(criteria.get("regularVolume").asBoolean()).isTrue();
        assertThat(criteria.get("valueRange").get("unit").asText()).isEqualTo("HU");
        assertThat(root.get("refused").isArray()).isTrue();
    }

    @Test
    void verifyExitsZeroOnlyForAValidPackage() throws Exception {
        Path good = Files.createDirectories(tmp.resolve("good"));
        Files.write(good.resolve("model.onnx"), DemoModel.onnx());
        Files.write(good.resolve("model.json"), DemoModel.card(demoSha()));
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("model.onnx"), "this is not ONNX");
        Files.write(bad.resolve("model.json"), DemoModel.card(org.lumen.aiassist.model.ModelPackageReader.sha256(bad.resolve("model.onnx"))));

        CliRun ok = lumen("models", "verify", good.toString());
        CliRun refused = lumen("models", "verify", bad.toString());
        CliRun missing = lumen("models", "verify", tmp.resolve("nowhere").toString());

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("valid: " + good);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("lumen: model package " + bad + " is refused: model.onnx is not a valid ONNX model");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("is refused: it does not exist");
    }

    @Test
    void verifyJsonSaysValid() throws Exception {
        Path good = Files.createDirectories(tmp.resolve("good"));
        Files.write(good.resolve("model.onnx"), DemoModel.onnx());
        Files.write(good.resolve("model.json"), DemoModel.card(demoSha()));

        CliRun run = lumen("models", "verify", good.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("valid").asBoolean()).isTrue();
    }
}
