// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.testing.TestModels;

/** Every refusal of a model package, each with a real crafted package, and what a valid one resolves to. */
class ModelPackageReaderTest {

    @TempDir
    Path tmp;

    private ModelPackageReader reader() {
        return new ModelPackageReader(tmp.resolve("unpacked"));
    }

    @Test
    void aValidPackageReadsWithItsCardAndGraph() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("ok"), TestModels.identity3d(), TestModels.card("ok", 16, 16, 16));

        ModelPackage pkg = reader().verify(dir);

        assertThat(pkg.id()).isEqualTo("ok");
        assertThat(pkg.card().input().tensor()).isEqualTo("x");
        assertThat(pkg.card().input().dimensionality()).isEqualTo(Dimensionality.THREE_D);
        assertThat(pkg.card().input().patchSize()).containsExactly(16, 16, 16);
        assertThat(pkg.card().input().normalisation()).isEqualTo(Normalisation.huWindow(-1000, 1000));
        assertThat(pkg.card().output().kind()).isEqualTo(OutputKind.PROBABILITY_MAP);
        assertThat(pkg.card().classes()).extracting(ModelClass::name).containsExactly("finding");
        assertThat(pkg.card().notForClinicalUse()).isTrue();
        assertThat(pkg.batchSize()).isEqualTo(2);
        assertThat(pkg.graph().operators()).containsExactly("Identity");
    }

    @Test
    void aCardWithoutIntendedUseCriteriaStillReadsAndItsCardViewSaysNothingIsConstrained() throws Exception {
        ModelPackage pkg = reader().read(TestModels.writePackage(tmp.resolve("old"), TestModels.identity3d(), TestModels.card("old", 8, 8, 8)));

        IntendedUse use = pkg.card().intendedUseCriteria();
        assertThat(use.declared()).isFalse();
        assertThat(use.describe()).hasSize(6).allSatisfy(line -> assertThat(line).containsAnyOf("not constrained", "not required"));
    }

    @Test
    void intendedUseCriteriaAreReadAndAnUnknownBodyPartIsRefused() throws Exception {
        ObjectNode card = TestModels.card("criteria", 8, 8, 8);
        ObjectNode criteria = card.putObject("intendedUseCriteria");
        criteria.putArray("modalities").add("ct").add("MR");
        criteria.putArray("bodyParts").add("LUNG").add("abdomen");
        criteria.putObject("sliceSpacingMm").put("max", 5);
        criteria.put("regularVolume", true);
        criteria.putObject("valueRange").put("low", -1024).put("high", 3071).put("unit", "HU");

        IntendedUse use = reader().read(TestModels.writePackage(tmp.resolve("c"), TestModels.identity3d(), card)).card().intendedUseCriteria();

        assertThat(use.modalities()).containsExactly("CT", "MR");
        assertThat(use.bodyParts()).containsExactlyInAnyOrder(BodyRegion.CHEST, BodyRegion.ABDOMEN);
        assertThat(use.sliceSpacing().describe()).isEqualTo("at most 5 mm");
        assertThat(use.sliceThickness()).isNull();
        assertThat(use.describe()).contains("Slice thickness: not constrained by the card", "Regular volume: required",
                "Value range: -1024 to 3071 HU");

        criteria.putArray("bodyParts").add("SPLEEN-ISH");
        Path bad = TestModels.writePackage(tmp.resolve("bad"), TestModels.identity3d(), card);
        assertRefused(() -> reader().read(bad), Refusal.INVALID_CARD, "intendedUseCriteria.bodyParts: \"SPLEEN-ISH\" is neither");
    }

    @Test
    void tensorNamesMayBeLeftToTheGraphWhenItHasOneOfEach() throws Exception {
        ObjectNode card = TestModels.card("unnamed", 8, 8, 8);
        ((ObjectNode) card.get("input")).remove("tensor");
        ((ObjectNode) card.get("output")).remove("tensor");

        ModelPackage pkg = reader().read(TestModels.writePackage(tmp.resolve("p"), TestModels.identity3d(), card));

        assertThat(pkg.card().input().tensor()).isEqualTo("x");
        assertThat(pkg.card().output().tensor()).isEqualTo("y");
    }

    @Test
    void checksumMismatchIsRefused() throws Exception {
        ObjectNode card = TestModels.card("tampered", 8, 8, 8);
        card.put("sha256", TestModels.sha256(TestModels.identity3d()));
        Path dir = TestModels.writeRaw(tmp.resolve("tampered"), TestModels.constant3d(1), card);

        assertRefused(() -> reader().read(dir), Refusal.CHECKSUM_MISMATCH,
                "the sha256 of model.onnx is " + TestModels.sha256(TestModels.constant3d(1)), "but its card says",
                "the file is damaged");
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() throws Exception {
        byte[] text = "not a model at all, just text\n".getBytes(StandardCharsets.UTF_8);
        Path dir = TestModels.writePackage(tmp.resolve("text"), text, TestModels.card("text", 8, 8, 8));

        assertRefused(() -> reader().read(dir), Refusal.NOT_ONNX, "model.onnx is not a valid ONNX model");
    }

    @Test
    void aWrongInputNameIsRefused() throws Exception {
        ObjectNode card = TestModels.card("name", 8, 8, 8);
        ((ObjectNode) card.get("input")).put("tensor", "image");
        Path dir = TestModels.writePackage(tmp.resolve("name"), TestModels.identity3d(), card);

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "the card's input tensor 'image' is not an input of the graph (it has: x)");
    }

    @Test
    void aWrongOutputNameIsRefused() throws Exception {
        ObjectNode card = TestModels.card("out", 8, 8, 8);
        ((ObjectNode) card.get("output")).put("tensor", "probabilities");
        Path dir = TestModels.writePackage(tmp.resolve("out"), TestModels.identity3d(), card);

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "output tensor 'probabilities' is not an output");
    }

    @Test
    void aWrongRankIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("rank"), TestModels.identity2d(), TestModels.card("rank", 8, 8, 8));

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "declares a 3D input (rank 5", "has rank 4 [N, 1, H, W]");
    }

    @Test
    void aWrongPatchShapeIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("shape"), TestModels.regionMeanClassifier(16, 4, 8),
                classifierCard("shape", 32));

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "the card's patch [32, 32, 32]", "[N, 1, 16, 16, 16]");
    }

    @Test
    void aWrongChannelCountIsRefused() throws Exception {
        ObjectNode card = TestModels.card("classes", 8, 8, 8);
        ((ObjectNode) card.get("output")).put("tensor", "logits");
        card.putArray("classes").add("background").add("a").add("b");
        Path dir = TestModels.writePackage(tmp.resolve("classes"), TestModels.twoClassLogits3d(1), card);

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "lists 3 class(es) but the graph's output logits has 2 channel(s)");
    }

    @Test
    void aWrongElementTypeIsRefused() throws Exception {
        byte[] doubles = new org.lumen.aiassist.onnx.OnnxModelBuilder("doubles")
                .input("x", org.lumen.aiassist.onnx.TensorType.DOUBLE, "N", 1, "D", "H", "W")
                .output("y", org.lumen.aiassist.onnx.TensorType.DOUBLE, "N", 1, "D", "H", "W")
                .node("Identity", java.util.List.of("x"), java.util.List.of("y")).build();
        Path dir = TestModels.writePackage(tmp.resolve("type"), doubles, TestModels.card("type", 8, 8, 8));

        assertRefused(() -> reader().read(dir), Refusal.CONTRACT_MISMATCH, "the graph's input x is float64 but Lumen feeds and reads float32");
    }

    @Test
    void anUnsupportedOperatorIsRefusedOnVerify() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("op"), TestModels.unknownOperator(), TestModels.card("op", 8, 8, 8));

        ModelPackage read = reader().read(dir);
        assertThat(read.graph().operators()).containsExactly("LumenFrobnicate");
        assertRefused(() -> reader().verify(dir), Refusal.UNSUPPORTED_OPERATOR, "it uses the operator LumenFrobnicate");
    }

    @Test
    void anIncompleteCardListsEverythingMissing() throws Exception {
        ObjectNode card = TestModels.card("incomplete", 8, 8, 8);
        card.remove("license");
        card.remove("notForClinicalUse");
        ((ObjectNode) card.get("input")).remove("normalisation");
        card.remove("validation");
        Path dir = TestModels.writePackage(tmp.resolve("incomplete"), TestModels.identity3d(), card);

        assertRefused(() -> reader().read(dir), Refusal.INCOMPLETE_CARD,
                "its model card is incomplete: it lacks license, notForClinicalUse, input.normalisation, validation");
    }

    @Test
    void aMissingCardIsRefused() throws Exception {
        Files.createDirectories(tmp.resolve("bare"));
        Files.write(tmp.resolve("bare/model.onnx"), TestModels.identity3d());

        assertRefused(() -> reader().read(tmp.resolve("bare")), Refusal.MISSING_FILE, "it has no model.json model card");
    }

    @Test
    void aMissingOnnxFileIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("noonnx"), TestModels.identity3d(), TestModels.card("x", 8, 8, 8));
        Files.delete(dir.resolve("model.onnx"));

        assertRefused(() -> reader().read(dir), Refusal.MISSING_FILE, "the ONNX file model.onnx named by its card is missing");
    }

    @Test
    void badValuesAreRefusedWithTheField() throws Exception {
        ObjectNode card = TestModels.card("bad", 8, 8, 8);
        ((ObjectNode) card.get("input")).put("dimensionality", "4D");
        Path dir = TestModels.writePackage(tmp.resolve("bad"), TestModels.identity3d(), card);

        assertRefused(() -> reader().read(dir), Refusal.INVALID_CARD, "input.dimensionality must be 2D, 2.5D or 3D, was \"4D\"");
    }

    @Test
    void absurdPatchSizesAndSpacingsAreRefusedBeforeInferWouldAllocateThem() throws Exception {
        Path huge = TestModels.writePackage(tmp.resolve("huge"), TestModels.identity3d(), TestModels.card("huge", 4096, 8, 8));
        assertRefused(() -> reader().read(huge), Refusal.INVALID_CARD, "patch sizes must be at most 2048 voxels");

        Path heavy = TestModels.writePackage(tmp.resolve("heavy"), TestModels.identity3d(), TestModels.card("heavy", 2048, 2048, 512));
        assertRefused(() -> reader().read(heavy), Refusal.INVALID_CARD, "MB per tensor; at most 1024 MB is allowed");

        ObjectNode card = TestModels.card("tiny", 8, 8, 8);
        ((ObjectNode) card.get("input")).putArray("targetSpacingMm").add(0.0001).add(1).add(1);
        Path tiny = TestModels.writePackage(tmp.resolve("tiny"), TestModels.identity3d(), card);
        assertRefused(() -> reader().read(tiny), Refusal.INVALID_CARD, "input.targetSpacingMm must be between 0.01 and 100.0 mm");
    }

    @Test
    void anOnnxFileLinkedFromOutsideThePackageIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("linked"), TestModels.identity3d(), TestModels.card("linked", 8, 8, 8));
        Path outside = Files.move(dir.resolve("model.onnx"), tmp.resolve("outside.onnx"));
        Files.createSymbolicLink(dir.resolve("model.onnx"), outside);

        assertRefused(() -> reader().read(dir), Refusal.INVALID_CARD, "is a link to a file outside the package");
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("json"), TestModels.identity3d(), TestModels.card("j", 8, 8, 8));
        Files.writeString(dir.resolve("model.json"), "{\"id\": ");

        assertRefused(() -> reader().read(dir), Refusal.INVALID_CARD, "model.json is not valid JSON");
    }

    @Test
    void aZippedPackageIsUnpackedIntoTheCacheOnce() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("zipme"), TestModels.identity3d(), TestModels.card("zipped", 8, 8, 8));
        Path zip = tmp.resolve("zipped.zip");
        zip(dir, zip, "zipped/");

        ModelPackage first = reader().read(zip);
        ModelPackage second = reader().read(zip);

        assertThat(first.id()).isEqualTo("zipped");
        assertThat(first.source()).isEqualTo(zip);
        assertThat(first.folder()).startsWith(tmp.resolve("unpacked"));
        assertThat(second.folder()).isEqualTo(first.folder());
    }

    @Test
    void aFileThatIsNeitherFolderNorZipIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("model.txt"), "hello");

        assertRefused(() -> reader().read(file), Refusal.NOT_A_PACKAGE, "it is neither a folder nor a .zip archive");
    }

    @Test
    void monaiBundleMetadataGivesTheContract() throws Exception {
        // A MONAI bundle: configs/metadata.json declares the network's input and output; model.json
        // adds what MONAI does not say (checksum, license, normalisation, spacing, orientation).
        Path dir = tmp.resolve("bundle");
        Files.createDirectories(dir.resolve("configs"));
        Files.createDirectories(dir.resolve("models"));
        byte[] onnx = TestModels.twoClassLogits3d(1);
        Files.write(dir.resolve("models/model.onnx"), onnx);
        Files.writeString(dir.resolve("configs/metadata.json"), """
                {"version": "0.3.1", "task": "Toy segmentation", "intended_use": "not for diagnostic use",
                 "network_data_format": {
                   "inputs": {"image": {"type": "image", "format": "hounsfield", "modality": "CT", "num_channels": 1,
                                        "spatial_shape": [24, 24, 24], "dtype": "float32", "value_range": [0, 1],
                                        "is_patch_data": true, "channel_def": {"0": "image"}}},
                   "outputs": {"pred": {"type": "image", "format": "labels", "num_channels": 2,
                                        "spatial_shape": [24, 24, 24], "dtype": "float32", "value_range": [0, 1],
                                        "is_patch_data": true, "channel_def": {"0": "background", "1": "lesion"}}}}}
                """);
        ObjectNode card = TestModels.JSON.createObjectNode();
        card.put("id", "toy-bundle");
        card.put("sha256", TestModels.sha256(onnx));
        card.put("license", "MIT");
        card.put("notForClinicalUse", true);
        card.put("bodyPart", "ABDOMEN");
        ObjectNode in = card.putObject("input");
        in.putArray("targetSpacingMm").add(1.5).add(1.5).add(2.0);
        in.putObject("normalisation").put("type", "huWindow").put("low", -57).put("high", 164);
        in.put("orientation", "RAS");
        card.put("defaultThreshold", 0.5);
        card.putArray("validation").addObject().put("metric", "Dice").put("value", 0.9).put("dataset", "toy");
        Files.write(dir.resolve("model.json"), TestModels.JSON.writeValueAsBytes(card));

        ModelPackage pkg = reader().verify(dir);

        ModelCard c = pkg.card();
        assertThat(c.name()).isEqualTo("Toy segmentation");
        assertThat(c.version()).isEqualTo("0.3.1");
        assertThat(c.intendedUse()).isEqualTo("not for diagnostic use");
        assertThat(c.modality()).isEqualTo("CT");
        assertThat(c.intendedUseCriteria().modalities()).as("MONAI's declared input modality is checked").containsExactly("CT");
        assertThat(c.input().dimensionality()).isEqualTo(Dimensionality.THREE_D);
        assertThat(c.input().channels()).isEqualTo(1);
        assertThat(c.input().patchSize()).containsExactly(24, 24, 24);
        assertThat(c.input().spatialOrder()).isEqualTo(SpatialOrder.XYZ);
        assertThat(c.output().kind()).isEqualTo(OutputKind.SEGMENTATION);
        assertThat(c.output().activation()).isEqualTo(Activation.SOFTMAX);
        assertThat(c.classes()).extracting(ModelClass::name).containsExactly("background", "lesion");
        assertThat(c.foregroundClasses()).extracting(ModelClass::name).containsExactly("lesion");
        assertThat(pkg.onnxFile()).isEqualTo(dir.resolve("models/model.onnx"));
        assertThat(c.validation()).extracting(ValidationFigure::metric).containsExactly("Dice");
    }

    @Test
    void monaiMetadataThatDisagreesWithTheCardIsRefused() throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve("disagree"), TestModels.identity3d(), TestModels.card("d", 8, 8, 8));
        Files.createDirectories(dir.resolve("configs"));
        Files.writeString(dir.resolve("configs/metadata.json"), """
                {"network_data_format": {"inputs": {"image": {"num_channels": 1, "spatial_shape": [16, 16, 16]}},
                                         "outputs": {"pred": {"format": "classes", "num_channels": 1, "channel_def": {"0": "x"}}}}}
                """);

        assertRefused(() -> reader().read(dir), Refusal.INVALID_CARD,
                "model.json declares a patch of [8, 8, 8] but configs/metadata.json declares [16, 16, 16]");
    }

    private static ObjectNode classifierCard(String id, int patch) {
        ObjectNode card = TestModels.card(id, patch, patch, patch);
        ((ObjectNode) card.get("output")).put("tensor", "score").put("kind", "classification");
        return card;
    }

    private static void assertRefused(ThrowingCallable call, Refusal reason, String... fragments) {
        assertThatThrownBy(call)
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model package ")
                .hasMessageContaining(" is refused: ")
                .satisfies(e -> {
                    assertThat(((ModelRefusedException) e).reason()).isEqualTo(reason);
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                    assertThat(e.getMessage().lines().count()).as("one sentence, one line").isEqualTo(1);
                });
    }

    static void zip(Path dir, Path zip, String prefix) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw);
             var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(prefix + dir.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }
}
