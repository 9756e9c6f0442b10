// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.task.TaskContext;
import org.lumen.testdata.GroundTruth;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.viewer.geometry.Vec3;

/**
 * COCO on generated chest CTs: a box around each ground-truth nodule and a point at its centre, saved
 * as shapes in the catalog, come out on the slices the nodule spans, at its pixel position, on PNGs
 * windowed as asked, with the info block; pycocotools reads the files where it is installed.
 */
class CocoExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static PhantomCases cases;
    private static ExportSummary coco;

    @BeforeAll
    static void exportOnce() throws Exception {
        cases = new PhantomCases(folder.resolve("data"), 3);
        cases.catalog.labelClasses().define(cases.dataset.id(), "nodule box", "#4363D8", LabelType.BOX, null, null);
        cases.catalog.labelClasses().define(cases.dataset.id(), "nodule centre", "#F58231", LabelType.POINT, null, null);
        long author = cases.catalog.people().ensure("boxer", true, false).id();
        for (PhantomResult phantom : cases.phantoms) {
            GroundTruth truth = phantom.groundTruth();
            List<VectorLabel> labels = new ArrayList<>();
            for (GroundTruth.NoduleTruth n : truth.nodules()) {
                Vec3 centre = Vec3.of(n.centerMm());
                labels.add(BoxLabel.around(truth.frameOfReferenceUid(), truth.seriesInstanceUid(), "nodule box", centre,
                        new Vec3(n.diameterMm(), n.diameterMm(), n.diameterMm())));
                labels.add(PointLabel.of(truth.frameOfReferenceUid(), truth.seriesInstanceUid(), "nodule centre", centre));
            }
            labels.add(LineLabel.of(truth.frameOfReferenceUid(), truth.seriesInstanceUid(), "nodule box", Vec3.of(truth.originMm()),
                    Vec3.of(truth.originMm()).plus(new Vec3(10, 0, 0))));
            cases.catalog.annotations().create(new NewAnnotation(truth.seriesInstanceUid(), cases.dataset.id(), AnnotationKind.VECTOR,
                    null), author, Origin.MANUAL, VectorPayload.of(labels), null);
        }
        coco = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.COCO, folder.resolve("coco"), 7,
                SplitFractions.defaults(), 501, "lung"), TaskContext.none());
    }

    @AfterAll
    static void close() {
        if (cases != null) {
            cases.close();
        }
    }

    @Test
    void everyNoduleIsABoxOnEachSliceItSpansAndAPointAtItsCentre() throws Exception {
        assertThat(coco.cases()).hasSize(4);
        Map<String, JsonNode> files = new HashMap<>();
        for (ExportedCase c : coco.cases()) {
            files.computeIfAbsent(c.split().word(), s -> read(folder.resolve("coco/annotations/instances_" + s + ".json")));
        }
        for (int p = 0; p < cases.phantoms.size(); p++) {
            GroundTruth truth = cases.phantoms.get(p).groundTruth();
            ExportedCase c = caseOf(p);
            JsonNode file = files.get(c.split().word());
            assertThat(file.get("info").fieldNames()).toIterable().contains("description", "version", "year", "contributor",
                    "date_created");
            assertThat(file.get("info").get("description").asText()).contains("PNG window lung (C -600, W 1500)");
            assertThat(file.get("categories").get(0).get("name").asText()).isEqualTo("nodule box");
            assertThat(file.get("categories").get(1).get("name").asText()).isEqualTo("nodule centre");
            assertThat(c.labelVoxels().get("nodule centre")).isEqualTo(truth.nodules().size());
            PhantomVolume volume = Phantoms.renderChestCt(cases.specs.get(p));
            for (GroundTruth.NoduleTruth n : truth.nodules()) {
                double[] v = n.centerVoxel();
                JsonNode point = find(file, c.caseId(), 2, v[0] + 0.5, v[1] + 0.5);
                assertThat(point).as("the point of nodule %d of %s", n.id(), c.caseId()).isNotNull();
                JsonNode image = imageOf(file, point.get("image_id").asLong());
                int k = (int) Math.round(v[2]);
                assertThat(image.get("file_name").asText()).isEqualTo(c.split().word() + "/" + c.caseId() + String.format("_%04d.png", k));
                BufferedImage png = ImageIO.read(folder.resolve("coco/images").resolve(image.get("file_name").asText()).toFile());
                assertThat(png.getWidth()).isEqualTo(truth.size()[0]);
                assertThat(png.getHeight()).isEqualTo(truth.size()[1]);
                int i = (int) Math.floor(v[0]);
                int j = (int) Math.floor(v[1]);
                short hu = volume.values()[i + truth.size()[0] * (j + truth.size()[1] * k)];
                long grey = Math.clamp(Math.round((hu - (-1350.0)) * 255 / 1500), 0, 255);
                assertThat(png.getRaster().getSample(i, j, 0)).as("grey of the nodule centre, %d HU in the lung window", hu)
                        .isEqualTo((int) grey);
                // Boxes: one per slice whose centre lies within the nodule's extent along the slice axis.
                double halfSlices = n.diameterMm() / 2 / truth.spacingMm()[2];
                int expected = 0;
                for (int s = 0; s < truth.size()[2]; s++) {
                    if (Math.abs(s - v[2]) <= halfSlices + 1e-6) {
                        expected++;
                    }
                }
                List<JsonNode> boxes = boxesAround(file, c.caseId(), v[0] + 0.5, v[1] + 0.5, n.diameterMm() / truth.spacingMm()[0]);
                assertThat(boxes).as("boxes of nodule %d of %s", n.id(), c.caseId()).hasSize(expected);
            }
        }
        assertThat(coco.leftOut()).hasSize(4).allSatisfy(l -> assertThat(l.why()).contains("COCO has no form for a line"));
    }

    @Test
    void pycocotoolsReadsEveryFileWhereItIsInstalled() throws Exception {
        DatasetExportTest.assumePython("pycocotools");
        Path script = folder.resolve("coco.py");
        Files.writeString(script, """
                import json, sys
                from pycocotools.coco import COCO
                out = {}
                for path in sys.argv[1:]:
                    c = COCO(path)
                    out[path] = [len(c.getImgIds()), len(c.getAnnIds()), len(c.getCatIds())]
                print(json.dumps(out))
                """);
        List<String> command = new ArrayList<>(List.of(DatasetExportTest.PYTHON.toString(), script.toString()));
        try (var list = Files.list(folder.resolve("coco/annotations"))) {
            list.forEach(p -> command.add(p.toString()));
        }
        JsonNode read = JSON.readTree(DatasetExportTest.run(command).lines().reduce((a, b) -> b).orElseThrow());
        read.fields().forEachRemaining(e -> {
            JsonNode file = read(Path.of(e.getKey()));
            assertThat(e.getValue().get(0).asInt()).isEqualTo(file.get("images").size());
            assertThat(e.getValue().get(1).asInt()).isEqualTo(file.get("annotations").size());
            assertThat(e.getValue().get(2).asInt()).isEqualTo(2);
        });
    }

    @Test
    void theManifestCountsShapesAndTheSplitIsTheVolumeExportsSplit() throws Exception {
        JsonNode manifest = read(folder.resolve("coco").resolve(Manifest.JSON));
        assertThat(manifest.get("format").asText()).isEqualTo("coco");
        assertThat(manifest.get("cases").size()).isEqualTo(4);
        List<String> csv = Files.readAllLines(folder.resolve("coco").resolve(Manifest.CSV));
        assertThat(csv.getFirst()).endsWith(",annotations:nodule box,annotations:nodule centre");
        ExportSummary volumes = cases.exporter().run(new ExportRequest(PhantomCases.DATASET, ExportFormat.NNUNET,
                folder.resolve("nnunet"), 7, SplitFractions.defaults(), 501), TaskContext.none());
        for (ExportedCase c : coco.cases()) {
            assertThat(volumes.cases()).anySatisfy(v -> {
                assertThat(v.caseId()).isEqualTo(c.caseId());
                assertThat(v.split()).isEqualTo(c.split());
            });
        }
    }

    private static ExportedCase caseOf(int p) {
        String patient = new KeyedIdentities(PhantomCases.KEY).patient("LUMEN-PHANTOM-" + cases.specs.get(p).seed(), null).patientId();
        String id = patient + "-" + (p == cases.phantoms.size() - 1 ? 2 : 1);
        return coco.cases().stream().filter(c -> c.caseId().equals(id)).findFirst().orElseThrow();
    }

    /** The annotation of category {@code category} on one of the case's images whose bbox starts at (x, y). */
    private static JsonNode find(JsonNode file, String caseId, int category, double x, double y) {
        for (JsonNode a : file.get("annotations")) {
            if (a.get("category_id").asInt() == category && imageOf(file, a.get("image_id").asLong()).get("file_name").asText().contains(caseId)
                    && Math.abs(a.get("bbox").get(0).asDouble() - x) < 0.01 && Math.abs(a.get("bbox").get(1).asDouble() - y) < 0.01) {
                return a;
            }
        }
        return null;
    }

    /** Boxes of the case centred on (x, y), of the given width in pixels. */
    private static List<JsonNode> boxesAround(JsonNode file, String caseId, double x, double y, double width) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : file.get("annotations")) {
            JsonNode b = a.get("bbox");
            if (a.get("category_id").asInt() == 1 && imageOf(file, a.get("image_id").asLong()).get("file_name").asText().contains(caseId)
                    && Math.abs(b.get(0).asDouble() + b.get(2).asDouble() / 2 - x) < 0.02
                    && Math.abs(b.get(1).asDouble() + b.get(3).asDouble() / 2 - y) < 0.02) {
                assertThat(b.get(2).asDouble()).isCloseTo(width, within(0.02));
                assertThat(a.get("segmentation").get(0).size()).isEqualTo(8);
                found.add(a);
            }
        }
        return found;
    }

    private static JsonNode imageOf(JsonNode file, long id) {
        for (JsonNode image : file.get("images")) {
            if (image.get("id").asLong() == id) {
                return image;
            }
        }
        throw new AssertionError("no image " + id);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
