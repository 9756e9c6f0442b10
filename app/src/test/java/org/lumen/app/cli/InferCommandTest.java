// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.DemoModel;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.IntendedUseRecord;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.Phantoms;
import org.lumen.testdata.Size;
import org.lumen.testdata.VoxelGrid;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.nifti.NiftiGeometry;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;

/** {@code lumen infer} on a phantom written as DICOM, through the real command line. */
class InferCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static final Path HEAD_CT = org.lumen.viewer.Samples.file("ct_series/philips_phantom_std_brain_1mm");

    private static PhantomResult phantom;

    @BeforeAll
    static void writePhantom() throws Exception {
        phantom = Phantoms.writeChestCt(tmp.resolve("ct"), ChestCtSpec.builder().seed(5).size(Size.of(128, 128, 60))
                .sliceSpacingMm(2.5).noduleCount(3).noduleDiameterMm(8, 12).noiseSigmaHu(10).build());
    }

    @Test
    void writesTheHeatmapInTheSeriesGeometryAndFindingsThatHitTheNodules() throws Exception {
        Path out = tmp.resolve("out");

        CliRun run = lumen("infer", phantom.directory().toString(), "--model", "demo", "--out", out.toString(), "--no-cache");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("lumen: note: Running on the CPU: no usable NVIDIA GPU was found. (CUDA is not usable: ");
        assertThat(run.out()).contains(DemoModel.ID).contains("on cpu").contains("wrote heatmap.nii.gz, findings.json");

        NiftiImage heatmap = new NiftiReader().read(out.resolve("heatmap.nii.gz"));
        VoxelGrid grid = spec().grid();
        NiftiGeometry expected = grid.toNiftiGeometry();
        NiftiGeometry actual = heatmap.header().geometry();
        assertThat(new int[] {actual.nx(), actual.ny(), actual.nz()}).containsExactly(128, 128, 60);
        for (int[] v : new int[][] {{0, 0, 0}, {127, 0, 59}, {64, 100, 30}}) {
            assertThat(actual.voxelCentre(v[0], v[1], v[2]).distance(expected.voxelCentre(v[0], v[1], v[2]))).isLessThan(1e-3);
        }

        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        assertThat(findings.get("outsideIntendedUse").asBoolean()).isFalse();
        assertThat(findings.get("intendedUse").get("verdict").asText()).isEqualTo("within");
        assertThat(findings.get("model").get("id").asText()).isEqualTo(DemoModel.ID);
        assertThat(findings.get("model").get("version").asText()).isEqualTo(DemoModel.VERSION);
        assertThat(findings.get("model").get("sha256").asText()).hasSize(64);
        assertThat(findings.get("device").asText()).isEqualTo("cpu");
        assertThat(findings.get("series").asText()).isEqualTo(phantom.seriesInstanceUid());
        for (String stage : List.of("load", "preprocess", "inference", "postprocess", "write", "read", "total")) {
            assertThat(findings.get("timings").get(stage).isNumber()).as(stage).isTrue();
        }
        assertThat(findings.get("timings").get("inference").asDouble()).isPositive();
        assertThat(findings.get("heatmaps").get(0).get("file").asText()).isEqualTo("heatmap.nii.gz");
        JsonNode list = findings.get("findings");
        assertThat(list.size()).isEqualTo(phantom.nodules().size());
        for (Nodule nodule : phantom.nodules()) {
            boolean hit = false;
            for (JsonNode f : list) {
                JsonNode c = f.get("centerMm");
                Vec3 centre = new Vec3(c.get(0).asDouble(), c.get(1).asDouble(), c.get(2).asDouble());
                if (centre.distance(nodule.center()) <= nodule.radiusMm() + 3) {
                    hit = true;
                    assertThat(f.get("label").asText()).isEqualTo("nodule");
                    assertThat(f.get("score").asDouble()).isBetween(0.5, 1.0);
                    assertThat(f.get("extentMm").size()).isEqualTo(3);
                    assertThat(f.get("volumeMm3").asDouble()).isPositive();
                    // The heatmap at the finding's centre is above the threshold.
                    double[] ijk = grid.voxelIndex(centre);
                    long at = heatmap.index((int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2]));
                    assertThat(heatmap.float32(at)).isGreaterThan(0.3f);
                }
            }
            assertThat(hit).as("nodule %d at %s", nodule.id(), nodule.center()).isTrue();
        }
    }

    @Test
    void aHeadCtIsRefusedWithEveryReasonOnStderrAndNothingIsRunOrWritten() {
        Path out = tmp.resolve("head-refused");
        Path catalog = tmp.resolve("refused.sqlite");

        CliRun run = lumen("infer", HEAD_CT.toString(), "--model", "demo", "--device", "cpu", "--out", out.toString(),
                "--catalog", catalog.toString());

        assertThat(run.exitCode()).isEqualTo(InferCommand.EXIT_OUTSIDE_INTENDED_USE);
        assertThat(run.err()).startsWith("lumen: Lumen demo nodule detector (blob filter) (" + DemoModel.ID + ") is not meant for series ")
                .contains("  - its Body Part Examined is BRAIN (the head); the model is for the chest" + System.lineSeparator())
                .contains("  - its field of view is 231 mm across")
                .contains("add --outside-intended-use to run it anyway");
        assertThat(run.out()).isEmpty();
        assertThat(out.resolve("findings.json")).doesNotExist();
        assertThat(catalog).doesNotExist();
    }

    @Test
    void withOutsideIntendedUseItRunsAndMarksStdoutFindingsJsonTheHeatmapAndTheCatalog() throws Exception {
        Path out = tmp.resolve("head-insisted");
        Path catalogFile = tmp.resolve("insisted.sqlite");

        CliRun run = lumen("infer", HEAD_CT.toString(), "--model", "demo", "--device", "cpu", "--out", out.toString(),
                "--catalog", catalogFile.toString(), "--outside-intended-use", "--no-cache");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("lumen: warning: Lumen demo nodule detector (blob filter) ran outside its intended use, as asked");
        assertThat(run.out()).startsWith("OUTSIDE INTENDED USE: every result below is outside the model's intended use: its Body Part "
                + "Examined is BRAIN").contains("(outside intended use)");
        run.out().lines().filter(l -> l.startsWith("  #")).forEach(l -> assertThat(l).endsWith("[outside intended use]"));
        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        assertThat(findings.get("outsideIntendedUse").asBoolean()).isTrue();
        assertThat(findings.get("intendedUse").get("verdict").asText()).isEqualTo("outside");
        assertThat(findings.get("intendedUse").get("reasons")).hasSize(4);
        assertThat(findings.get("findings")).allSatisfy(f -> assertThat(f.get("outsideIntendedUse").asBoolean()).isTrue());
        assertThat(new NiftiReader().read(out.resolve("heatmap.nii.gz")).header().description()).startsWith("OUTSIDE INTENDED USE: ");
        try (Catalog catalog = Catalog.open(catalogFile)) {
            var recorded = catalog.aiRuns().runs(findings.get("series").asText());
            assertThat(recorded).singleElement().satisfies(r -> {
                assertThat(r.intendedUse().verdict()).isEqualTo(IntendedUseRecord.Verdict.OUTSIDE);
                assertThat(r.intendedUse().reasons()).hasSize(4).first().asString().startsWith("its Body Part Examined is BRAIN");
            });
        }

        CliRun asJson = lumen("infer", HEAD_CT.toString(), "--model", "demo", "--device", "cpu", "--out", tmp.resolve("head-json").toString(),
                "--catalog", catalogFile.toString(), "--outside-intended-use", "--json");
        JsonNode printed = JSON.readTree(asJson.out());
        assertThat(printed.get("outsideIntendedUse").asBoolean()).isTrue();
        assertThat(printed.get("fromCache").asBoolean()).as("a saved result is marked too").isTrue();
    }

    @Test
    void aSecondRunAnswersFromTheSavedResult() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");

        CliRun a = lumen("infer", phantom.directory().toString(), "--model", "demo", "--out", first.toString());
        CliRun b = lumen("infer", phantom.directory().toString(), "--model", "demo", "--out", second.toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("(saved result)");
        JsonNode x = JSON.readTree(first.resolve("findings.json").toFile());
        JsonNode y = JSON.readTree(second.resolve("findings.json").toFile());
        assertThat(y.get("fromCache").asBoolean()).isTrue();
        assertThat(y.get("findings")).isEqualTo(x.get("findings"));
        assertThat(y.get("model")).isEqualTo(x.get("model"));
        assertThat(Files.readAllBytes(second.resolve("heatmap.nii.gz"))).isEqualTo(Files.readAllBytes(first.resolve("heatmap.nii.gz")));
    }

    @Test
    void aRunThatCannotBeRecordedIsAnErrorThoughItsFilesAreWritten() throws Exception {
        // A catalog file that is not SQLite: the run cannot be recorded, so it could not be traced afterwards.
        Path notACatalog = Files.writeString(tmp.resolve("not-a-catalog.sqlite"), "this is not an SQLite database, it only has its name");
        Path out = tmp.resolve("unrecorded");

        CliRun run = lumen("infer", phantom.directory().toString(), "--model", "demo", "--out", out.toString(), "--catalog",
                notACatalog.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the run was not recorded in the catalog, so it cannot be traced afterwards")
                .contains("its files were written to " + out);
        assertThat(out.resolve("findings.json")).isRegularFile();
        assertThat(Files.readString(notACatalog)).startsWith("this is not an SQLite database");
    }

    @Test
    void cudaWithoutAUsableGpuExitsNonZeroAndSaysWhy() {
        Path out = tmp.resolve("cuda");

        CliRun run = lumen("infer", phantom.directory().toString(), "--model", "demo", "--device", "cuda:0", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("lumen: cuda:0 was requested but CUDA cannot be used: ").contains("CUDA provider");
        assertThat(out.resolve("findings.json")).doesNotExist();
    }

    @Test
    void cpuRunsWithoutANote() {
        CliRun run = lumen("infer", phantom.directory().toString(), "--model", "demo", "--device", "cpu",
                "--out", tmp.resolve("cpu").toString(), "--no-cache");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aRefusedPackageExitsNonZeroWithItsSentence() throws Exception {
        Path pkg = Files.createDirectories(tmp.resolve("broken-model"));
        Files.write(pkg.resolve("model.onnx"), DemoModel.onnx());
        Files.write(pkg.resolve("model.json"), DemoModel.card("1".repeat(64)));

        CliRun run = lumen("infer", phantom.directory().toString(), "--model", pkg.toString(), "--out", tmp.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("lumen: model package " + pkg + " is refused: the sha256 of model.onnx is ");
    }

    @Test
    void anUnknownModelOrDeviceIsOneSentence() {
        CliRun model = lumen("infer", phantom.directory().toString(), "--model", "liver-2000", "--out", tmp.resolve("y").toString());
        CliRun device = lumen("infer", phantom.directory().toString(), "--model", "demo", "--device", "tpu", "--out", tmp.resolve("z").toString());

        assertThat(model.exitCode()).isEqualTo(1);
        assertThat(model.err()).startsWith("lumen: no installed model 'liver-2000'").contains(DemoModel.ID);
        assertThat(device.exitCode()).isEqualTo(1);
        assertThat(device.err()).isEqualTo("lumen: unknown device 'tpu': use auto, cpu or cuda:N (for example cuda:0)" + System.lineSeparator());
    }

    /** It used to run the model first and then fail on the folder with "…: Not a directory". */
    @Test
    void anOutUnderARegularFileFailsBeforeTheRunNamingTheOutAndWhy() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = file.resolve("results");

        CliRun run = lumen("infer", phantom.directory().toString(), "--model", "demo", "--out", out.toString(), "--no-cache");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("lumen: cannot write " + out + ": " + file + " is a file, not a folder");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void outAndModelAreRequired() {
        CliRun run = lumen("infer", phantom.directory().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model").contains("--out");
    }

    private static ChestCtSpec spec() {
        return ChestCtSpec.builder().seed(5).size(Size.of(128, 128, 60)).sliceSpacingMm(2.5).noduleCount(3)
                .noduleDiameterMm(8, 12).noiseSigmaHu(10).build();
    }
}
