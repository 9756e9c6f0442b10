// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;

/** {@code lumen phantom --cases N --dataset NAME} then {@code lumen export NAME}: a labelled dataset out without the GUI. */
class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path catalog;

    @BeforeAll
    static void phantoms() {
        catalog = dir.resolve("catalog.sqlite");
        CliRun phantom = lumen("phantom", dir.resolve("p").toString(), "--size", "64x64x20", "--slice-spacing", "5", "--nodules", "2",
                "--cases", "4", "--dataset", "demo", "--catalog", catalog.toString());
        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        assertThat(phantom.out()).contains("added 4 labelled case(s) to dataset demo").contains("lumen export demo --format nnunet");
        assertThat(dir.resolve("p/case-004/ground-truth.json")).isRegularFile();
    }

    @Test
    void thePhantomDatasetExportsForNnUnetWithItsGroundTruth() throws Exception {
        Path out = dir.resolve("nnunet");

        CliRun run = lumen("export", "demo", "--format", "nnunet", "--out", out.toString(), "--seed", "3", "--split", "0.5,0.25,0.25",
                "--dataset-id", "42", "--catalog", catalog.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("lumen: exporting case 1 of 4").contains("lumen: exporting case 4 of 4");
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("cases").asInt()).isEqualTo(4);
        assertThat(summary.get("train").asInt() + summary.get("validation").asInt() + summary.get("test").asInt()).isEqualTo(4);
        assertThat(summary.get("labels").toString()).isEqualTo("{\"background\":0,\"nodule\":1}");
        Path root = out.resolve("Dataset042_demo");
        assertThat(summary.get("folder").asText()).isEqualTo(root.toString());
        JsonNode dataset = JSON.readTree(root.resolve("dataset.json").toFile());
        assertThat(dataset.fieldNames()).toIterable().contains("channel_names", "labels", "numTraining", "file_ending");
        assertThat(dataset.get("numTraining").asInt()).isEqualTo(summary.get("train").asInt() + summary.get("validation").asInt());

        // Every nodule voxel of the ground truths, and no other voxel, is labelled 1 in the export.
        NiftiReader reader = new NiftiReader();
        long truthNodules = 0;
        for (int n = 1; n <= 4; n++) {
            NiftiImage truth = reader.read(dir.resolve(String.format("p/case-%03d/labels.nii.gz", n)));
            for (long v = 0; v < truth.header().voxelCount(); v++) {
                truthNodules += truth.uint8(v) >= 10 ? 1 : 0;
            }
        }
        long exportedNodules = 0;
        Set<String> patients = new HashSet<>();
        JsonNode manifest = JSON.readTree(root.resolve("manifest.json").toFile());
        for (JsonNode c : manifest.get("cases")) {
            patients.add(c.get("patient").asText());
            NiftiImage label = reader.read(root.resolve(c.get("label").asText()));
            long ones = 0;
            for (long v = 0; v < label.header().voxelCount(); v++) {
                int value = label.uint8(v);
                assertThat(value).isBetween(0, 1);
                ones += value;
            }
            assertThat(c.get("labelVoxels").get("nodule").asLong()).isEqualTo(ones);
            assertThat(ones).isPositive();
            exportedNodules += ones;
            assertThat(c.get("case").asText()).startsWith("ANON-");
        }
        assertThat(exportedNodules).isEqualTo(truthNodules);
        assertThat(patients).hasSize(4);
        assertThat(dir.resolve(".nnunet.partial")).doesNotExist();
    }

    @Test
    void theSameSeedGivesTheSameMonaiSplit() throws Exception {
        CliRun first = lumen("export", "demo", "--format", "monai", "--out", dir.resolve("m1").toString(), "--seed", "9",
                "--catalog", catalog.toString());
        CliRun second = lumen("export", "demo", "--format", "MONAI", "--out", dir.resolve("m2").toString(), "--seed", "9",
                "--catalog", catalog.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out()).startsWith("exported 4 case(s) of dataset demo to " + dir.resolve("m1") + " (MONAI / MSD)");
        assertThat(Files.readString(dir.resolve("m1/dataset.json"))).isEqualTo(Files.readString(dir.resolve("m2/dataset.json")));
        JsonNode datalist = JSON.readTree(dir.resolve("m1/dataset.json").toFile());
        assertThat(datalist.get("training").size() + datalist.get("validation").size() + datalist.get("test").size()).isEqualTo(4);
        try (Stream<Path> images = Files.list(dir.resolve("m1/imagesTr"))) {
            assertThat(images.count()).isEqualTo(datalist.get("training").size() + datalist.get("validation").size());
        }
    }

    @Test
    void thePhantomsBoxesExportAsCoco() throws Exception {
        Path out = dir.resolve("coco");

        CliRun run = lumen("export", "demo", "--format", "coco", "--window", "-600,1500", "--out", out.toString(),
                "--catalog", catalog.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("cases").asInt()).isEqualTo(4);
        assertThat(summary.get("labels").toString()).isEqualTo("{\"nodule box\":1}");
        long boxes = 0;
        try (Stream<Path> files = Files.list(out.resolve("annotations"))) {
            for (Path file : files.toList()) {
                JsonNode coco = JSON.readTree(file.toFile());
                assertThat(coco.get("info").get("description").asText()).contains("C -600, W 1500");
                for (JsonNode image : coco.get("images")) {
                    assertThat(out.resolve("images").resolve(image.get("file_name").asText())).isRegularFile();
                }
                boxes += coco.get("annotations").size();
            }
        }
        // Two nodules per phantom, each a box on every 5 mm slice it spans: at least one slice each.
        assertThat(boxes).isGreaterThanOrEqualTo(8);
        assertRefused(lumen("export", "demo", "--format", "nnunet", "--window", "lung", "--out", dir.resolve("w").toString(),
                "--catalog", catalog.toString()), "lumen: --window applies to --format coco and imagej only");
    }

    @Test
    void thePhantomsExportForFiji() throws Exception {
        Path out = dir.resolve("fiji");

        CliRun run = lumen("export", "demo", "--format", "imagej", "--out", out.toString(), "--catalog", catalog.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("cases").asInt()).isEqualTo(4);
        try (Stream<Path> files = Files.walk(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".tif"))).hasSize(4);
            // The phantom's nodule boxes, as ROI sets beside their stacks.
            assertThat(names.stream().filter(n -> n.endsWith("_RoiSet.zip"))).hasSize(4);
        }
    }

    @Test
    void thePhantomsExportAsDeidentifiedDicomWithASegEach() throws Exception {
        Path out = dir.resolve("dicom");

        CliRun run = lumen("export", "demo", "--format", "dicom", "--out", out.toString(), "--catalog", catalog.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("cases").asInt()).isEqualTo(4);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("SEG.dcm"))).hasSize(4);
        }
        // What left, in the audit trail.
        JsonNode exports = JSON.readTree(lumen("audit", "list", "--action", "export", "--json", "--catalog", catalog.toString()).out());
        assertThat(exports).anySatisfy(e -> {
            assertThat(e.path("detail").path("format").asText()).isEqualTo("dicom");
            assertThat(e.path("detail").path("cases").asInt()).isEqualTo(4);
        });
    }

    @Test
    void anExportedLabelFileComesBackThroughLabelsImport() throws Exception {
        Path out = dir.resolve("roundtrip");
        assertThat(lumen("export", "demo", "--format", "nnunet", "--out", out.toString(), "--catalog", catalog.toString()).exitCode()).isZero();
        JsonNode manifest = JSON.readTree(Files.readString(out.resolve("Dataset501_demo").resolve("manifest.json")));
        JsonNode first = manifest.get("cases").get(0);
        Path label = out.resolve("Dataset501_demo").resolve(first.get("label").asText());
        String series;
        try (var c = org.lumen.annotation.catalog.Catalog.open(catalog)) {
            series = c.datasets().byName("demo").flatMap(d -> c.datasets().members(d.id()).stream().findFirst()).orElseThrow().seriesUid();
        }

        CliRun refused = lumen("labels", "import", label.toString(), "--dataset", "demo", "--catalog", catalog.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("names no series");
        CliRun imported = lumen("labels", "import", label.toString(), "--dataset", "demo", "--series", series, "--value", "1=nodule",
                "--json", "--catalog", catalog.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(JSON.readTree(imported.out()).get("kind").asText()).isEqualTo("NIfTI");
    }

    @Test
    void mistakesAreRefusedWithASentence() throws Exception {
        Files.createDirectories(dir.resolve("taken"));
        String c = catalog.toString();
        assertRefused(lumen("export", "nope", "--format", "nnunet", "--out", dir.resolve("a").toString(), "--catalog", c),
                "lumen: there is no dataset called nope in the catalog " + catalog + " (it has demo)");
        assertRefused(lumen("export", "demo", "--format", "nnunet", "--out", dir.resolve("taken").toString(), "--catalog", c),
                "lumen: " + dir.resolve("taken") + " exists already: an export goes into a new folder");
        assertRefused(lumen("export", "demo", "--format", "coco2", "--out", dir.resolve("b").toString(), "--catalog", c),
                "lumen: unknown export format 'coco2'; known: nnunet, monai, coco, imagej, dicom");
        assertRefused(lumen("export", "demo", "--format", "nnunet", "--split", "0.9,0.2,0.1", "--out", dir.resolve("b").toString(),
                "--catalog", c), "lumen: split fractions must add up to 1");
        assertRefused(lumen("export", "demo", "--format", "nnunet", "--out", dir.resolve("b").toString(), "--catalog",
                dir.resolve("none.sqlite").toString()), "lumen: there is no catalog at " + dir.resolve("none.sqlite"));
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }

    private static void assertRefused(CliRun run, String sentence) {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith(sentence);
    }
}
