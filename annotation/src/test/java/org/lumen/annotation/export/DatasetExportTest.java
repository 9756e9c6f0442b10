// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.deid.KeyedIdentities;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.testdata.GroundTruth;
import org.lumen.testdata.PhantomResult;
import org.lumen.testdata.PhantomVolume;
import org.lumen.testdata.Phantoms;
import org.lumen.viewer.nifti.NiftiHeader;
import org.lumen.viewer.nifti.NiftiImage;
import org.lumen.viewer.nifti.NiftiReader;

/**
 * Golden tests of the trainer export on generated chest CTs in a real catalog: the files read back
 * with Lumen's reader and with nibabel hold the phantom's own HU values and ground-truth labels voxel
 * for voxel, with the affine of the DICOM geometry in RAS; nothing identifying leaves; the split is per
 * patient and follows the seed; a cancelled or failed export leaves nothing that looks finished.
 */
class DatasetExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debian's python3 (pydicom, nibabel from apt); -Dlumen.python=… points the Python checks at another one (a venv with pycocotools or MONAI). */
    static final Path PYTHON = Path.of(System.getProperty("lumen.python", "/usr/bin/python3"));

    @TempDir
    static Path folder;

    private static PhantomCases cases;
    private static ExportSummary nnunet;

    @BeforeAll
    static void exportOnce() throws Exception {
        cases = new PhantomCases(folder.resolve("data"), 5);
        nnunet = cases.exporter().run(request(ExportFormat.NNUNET, folder.resolve("nnunet"), 7), TaskContext.none());
    }

    @AfterAll
    static void close() {
        if (cases != null) {
            cases.close();
        }
    }

    static ExportRequest request(ExportFormat format, Path out, long seed) {
        return new ExportRequest(PhantomCases.DATASET, format, out, seed, SplitFractions.defaults(), 501);
    }

    @Test
    void nnUnetLayoutHasEveryCaseAndItsDatasetJson() throws Exception {
        Path root = folder.resolve("nnunet").resolve("Dataset501_chest-demo");
        assertThat(nnunet.folder()).isEqualTo(root);
        assertThat(nnunet.cases()).hasSize(6);
        for (ExportedCase c : nnunet.cases()) {
            String train = c.split() == Split.TEST ? "Ts" : "Tr";
            assertThat(c.image()).isEqualTo("images" + train + "/" + c.caseId() + "_0000.nii.gz");
            assertThat(c.label()).isEqualTo("labels" + train + "/" + c.caseId() + ".nii.gz");
            assertThat(root.resolve(c.image())).isRegularFile();
            assertThat(root.resolve(c.label())).isRegularFile();
        }
        assertThat(nnunet.count(Split.TRAIN)).isPositive();
        assertThat(nnunet.count(Split.VALIDATION)).isPositive();
        assertThat(nnunet.count(Split.TEST)).isPositive();
        JsonNode dataset = JSON.readTree(root.resolve("dataset.json").toFile());
        assertThat(dataset.get("channel_names").toString()).isEqualTo("{\"0\":\"CT\"}");
        assertThat(dataset.get("labels").toString()).isEqualTo("{\"background\":0,\"lung\":1,\"nodule\":2}");
        assertThat(dataset.get("numTraining").asLong()).isEqualTo(nnunet.count(Split.TRAIN) + nnunet.count(Split.VALIDATION));
        assertThat(dataset.get("file_ending").asText()).isEqualTo(".nii.gz");
        try (Stream<Path> images = Files.list(root.resolve("imagesTr"))) {
            assertThat(images.count()).isEqualTo(dataset.get("numTraining").asLong());
        }
        JsonNode folds = JSON.readTree(root.resolve("splits_final.json").toFile());
        assertThat(folds.get(0).get("train").size()).isEqualTo(nnunet.count(Split.TRAIN));
        assertThat(folds.get(0).get("val").size()).isEqualTo(nnunet.count(Split.VALIDATION));
    }

    @Test
    void imagesAndLabelsAreThePhantomsVoxelForVoxelOnTheDicomAffine() throws Exception {
        NiftiReader reader = new NiftiReader();
        for (int p = 0; p < cases.phantoms.size(); p++) {
            PhantomResult phantom = cases.phantoms.get(p);
            ExportedCase c = caseOf(nnunet, p);
            GroundTruth truth = phantom.groundTruth();
            NiftiImage image = reader.read(nnunet.folder().resolve(c.image()));
            NiftiImage label = reader.read(nnunet.folder().resolve(c.label()));
            for (NiftiImage nifti : List.of(image, label)) {
                NiftiHeader h = nifti.header();
                assertThat(new int[] {h.nx(), h.ny(), h.nz()}).containsExactly(truth.size());
                assertAffine(h.srow(), expectedRas(truth));
                assertThat(h.sformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
                assertThat(h.qformCode()).isEqualTo(NiftiHeader.XFORM_SCANNER_ANAT);
                assertThat(h.description()).startsWith("Lumen export " + c.caseId());
            }
            assertThat(label.header().srow()).isDeepEqualTo(image.header().srow());
            PhantomVolume expected = Phantoms.renderChestCt(cases.specs.get(p));
            byte[] truthLabels = expected.labels();
            int voxels = truthLabels.length;
            Map<String, Long> counts = new HashMap<>();
            for (int n = 0; n < voxels; n++) {
                assertThat(image.int16(n)).as("HU of voxel %d of case %s", n, c.caseId()).isEqualTo(expected.values()[n]);
                int want = PhantomCases.exportedValue(truthLabels[n] & 0xFF);
                assertThat(label.uint8(n)).as("label of voxel %d of case %s", n, c.caseId()).isEqualTo(want);
                counts.merge(List.of("background", "lung", "nodule").get(want), 1L, Long::sum);
            }
            assertThat(counts.get("nodule")).as("case %s has nodule voxels", c.caseId()).isPositive();
            assertThat(c.labelVoxels()).containsAllEntriesOf(counts);
        }
    }

    @Test
    void nibabelReadsTheSameShapesAffinesAndLabels() throws Exception {
        assumePython("nibabel");
        Path script = folder.resolve("read.py");
        Files.writeString(script, """
                import json, sys
                import nibabel as nib, numpy as np
                out = []
                for image_path, label_path in zip(sys.argv[1::2], sys.argv[2::2]):
                    image, label = nib.load(image_path), nib.load(label_path)
                    values, counts = np.unique(np.asanyarray(label.dataobj), return_counts=True)
                    out.append({
                        "shape": list(image.shape), "labelShape": list(label.shape),
                        "affine": image.affine.tolist(), "labelAffine": label.affine.tolist(),
                        "qform": image.get_qform().tolist(), "sform": image.get_sform().tolist(),
                        "codes": [int(image.header["qform_code"]), int(image.header["sform_code"])],
                        "dtype": str(image.get_data_dtype()), "labelDtype": str(label.get_data_dtype()),
                        "counts": {str(int(v)): int(n) for v, n in zip(values, counts)},
                        "sum": int(np.asanyarray(image.dataobj).astype(np.int64).sum()),
                    })
                print(json.dumps(out))
                """);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        for (int p = 0; p < cases.phantoms.size(); p++) {
            ExportedCase c = caseOf(nnunet, p);
            command.add(nnunet.folder().resolve(c.image()).toString());
            command.add(nnunet.folder().resolve(c.label()).toString());
        }
        JsonNode read = JSON.readTree(run(command));
        for (int p = 0; p < cases.phantoms.size(); p++) {
            GroundTruth truth = cases.phantoms.get(p).groundTruth();
            JsonNode r = read.get(p);
            List<Integer> shape = List.of(truth.size()[0], truth.size()[1], truth.size()[2]);
            assertThat(JSON.convertValue(r.get("shape"), List.class)).isEqualTo(shape);
            assertThat(JSON.convertValue(r.get("labelShape"), List.class)).isEqualTo(shape);
            double[][] expected = expectedRas(truth);
            for (String key : List.of("affine", "labelAffine", "qform", "sform")) {
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 4; col++) {
                        assertThat(r.get(key).get(row).get(col).asDouble()).as("%s[%d][%d] of phantom %d", key, row, col, p)
                                .isCloseTo(expected[row][col], within(1e-3));
                    }
                }
            }
            assertThat(r.get("codes").toString()).isEqualTo("[1,1]");
            assertThat(r.get("dtype").asText()).isEqualTo("int16");
            assertThat(r.get("labelDtype").asText()).isEqualTo("uint8");
            PhantomVolume expectedVolume = Phantoms.renderChestCt(cases.specs.get(p));
            long sum = 0;
            Map<String, Long> counts = new HashMap<>();
            for (int n = 0; n < expectedVolume.values().length; n++) {
                sum += expectedVolume.values()[n];
                counts.merge(String.valueOf(PhantomCases.exportedValue(expectedVolume.labels()[n] & 0xFF)), 1L, Long::sum);
            }
            assertThat(r.get("sum").asLong()).isEqualTo(sum);
            assertThat(JSON.convertValue(r.get("counts"), Map.class)).isEqualTo(toIntegers(counts));
        }
    }

    @Test
    void caseNamesAreThePatientsPseudonymsAndNothingIdentifyingLeaves() throws Exception {
        KeyedIdentities identities = new KeyedIdentities(PhantomCases.KEY);
        Set<String> identifiers = new HashSet<>();
        for (int p = 0; p < cases.phantoms.size(); p++) {
            PhantomResult phantom = cases.phantoms.get(p);
            ExportedCase c = caseOf(nnunet, p);
            assertThat(c.patient()).isEqualTo(identities.patient("LUMEN-PHANTOM-" + cases.specs.get(p).seed(), null).patientId());
            assertThat(c.caseId()).startsWith(c.patient() + "-").doesNotContain("PHANTOM");
            identifiers.add(phantom.studyInstanceUid());
            identifiers.add(phantom.seriesInstanceUid());
            identifiers.add(phantom.groundTruth().frameOfReferenceUid());
        }
        identifiers.add("LUMEN-PHANTOM");
        identifiers.add("PHANTOM^");
        identifiers.add("19700101");
        identifiers.add("20240101");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder.resolve("nnunet"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (file.toString().endsWith(".gz")) {
                try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                    bytes = in.readNBytes(NiftiHeader.DATA_OFFSET);
                }
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String identifier : identifiers) {
                assertThat(text).as("%s carries %s", file, identifier).doesNotContain(identifier);
            }
            assertThat(file.getFileName().toString()).doesNotContain("1.2.").doesNotContain("PHANTOM");
        }
        // The way back is in the site's catalog: the pseudonym names the phantom's patient there.
        ExportedCase first = caseOf(nnunet, 0);
        assertThat(cases.catalog.deidMap().patient(first.patient()).orElseThrow().originalId()).isEqualTo("LUMEN-PHANTOM-1");
    }

    @Test
    void manifestDescribesEveryCaseWithoutIdentifiers() throws Exception {
        JsonNode manifest = JSON.readTree(nnunet.folder().resolve(Manifest.JSON).toFile());
        assertThat(manifest.get("seed").asLong()).isEqualTo(7);
        assertThat(manifest.get("cases").size()).isEqualTo(6);
        for (int p = 0; p < cases.phantoms.size(); p++) {
            GroundTruth truth = cases.phantoms.get(p).groundTruth();
            ExportedCase c = caseOf(nnunet, p);
            JsonNode row = null;
            for (JsonNode r : manifest.get("cases")) {
                if (r.get("case").asText().equals(c.caseId())) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.get("modality").asText()).isEqualTo("CT");
            assertThat(row.get("manufacturer").asText()).isEqualTo("Lumen");
            assertThat(row.get("sliceThicknessMm").asDouble()).isCloseTo(truth.sliceThicknessMm(), within(1e-6));
            for (int a = 0; a < 3; a++) {
                assertThat(row.get("spacingMm").get(a).asDouble()).isCloseTo(truth.spacingMm()[a], within(1e-6));
                assertThat(row.get("dims").get(a).asInt()).isEqualTo(truth.size()[a]);
            }
            assertThat(row.get("split").asText()).isEqualTo(c.split().word());
            assertThat(row.get("labelVoxels").get("nodule").asLong()).isEqualTo(c.labelVoxels().get("nodule"));
        }
        List<String> csv = Files.readAllLines(nnunet.folder().resolve(Manifest.CSV));
        assertThat(csv.getFirst()).isEqualTo("case,patient,split,image,label,modality,manufacturer,sliceThicknessMm,"
                + "spacingXMm,spacingYMm,spacingZMm,columns,rows,slices,voxels:background,voxels:lung,voxels:nodule");
        assertThat(csv).hasSize(7);
        ExportedCase c = nnunet.cases().getFirst();
        assertThat(csv.get(1)).startsWith(c.caseId() + "," + c.patient() + "," + c.split().word() + "," + c.image() + "," + c.label()
                + ",CT,Lumen,").endsWith("," + c.labelVoxels().get("nodule"));
    }

    @Test
    void theSplitKeepsEachPatientTogetherAndTheSameSeedGivesTheSameSplit() throws Exception {
        Map<String, Set<Split>> splitsOfPatient = new HashMap<>();
        nnunet.cases().forEach(c -> splitsOfPatient.computeIfAbsent(c.patient(), k -> new HashSet<>()).add(c.split()));
        assertThat(splitsOfPatient).hasSize(5);
        splitsOfPatient.forEach((patient, splits) -> assertThat(splits).as(patient).hasSize(1));
        // Patient 1's CT and Enhanced CT: two cases, one split.
        assertThat(caseOf(nnunet, 0).patient()).isEqualTo(caseOf(nnunet, 5).patient());
        assertThat(caseOf(nnunet, 5).caseId()).isEqualTo(caseOf(nnunet, 0).patient() + "-2");

        ExportSummary again = cases.exporter().run(request(ExportFormat.NNUNET, folder.resolve("again"), 7), TaskContext.none());
        assertThat(Files.readAllBytes(again.folder().resolve(Manifest.JSON)))
                .isEqualTo(Files.readAllBytes(nnunet.folder().resolve(Manifest.JSON)));
        assertThat(Files.readAllBytes(again.folder().resolve("dataset.json")))
                .isEqualTo(Files.readAllBytes(nnunet.folder().resolve("dataset.json")));
    }

    @Test
    void monaiDatalistNamesEveryCaseOnceWithFilesThatExist() throws Exception {
        ExportSummary monai = cases.exporter().run(request(ExportFormat.MONAI, folder.resolve("monai"), 7), TaskContext.none());
        assertThat(monai.folder()).isEqualTo(folder.resolve("monai"));
        JsonNode json = JSON.readTree(monai.folder().resolve("dataset.json").toFile());
        assertThat(json.get("labels").toString()).isEqualTo("{\"0\":\"background\",\"1\":\"lung\",\"2\":\"nodule\"}");
        assertThat(json.get("modality").toString()).isEqualTo("{\"0\":\"CT\"}");
        Map<String, String> listed = new HashMap<>();
        for (Split split : Split.values()) {
            String key = split == Split.TRAIN ? "training" : split.word();
            assertThat(json.get(key).size()).isEqualTo((int) monai.count(split));
            for (JsonNode item : json.get(key)) {
                Path image = monai.folder().resolve(item.get("image").asText()).normalize();
                Path label = monai.folder().resolve(item.get("label").asText()).normalize();
                assertThat(image).isRegularFile();
                assertThat(label).isRegularFile();
                assertThat(listed.put(image.getFileName().toString(), split.word())).isNull();
            }
        }
        assertThat(listed).hasSize(6);
        // The same seed, cases and key: the same split as the nnU-Net export.
        for (ExportedCase c : nnunet.cases()) {
            assertThat(listed.get(c.caseId() + ".nii.gz")).isEqualTo(c.split().word());
        }
        assertThat(json.get("numTraining").asInt() + json.get("numValidation").asInt() + json.get("numTest").asInt()).isEqualTo(6);
    }

    @Test
    void monaiLoadsTheDatalistWhereItIsInstalled() throws Exception {
        assumePython("monai");
        Path out = folder.resolve("monai-load");
        ExportSummary monai = cases.exporter().run(request(ExportFormat.MONAI, out, 7), TaskContext.none());
        Path script = folder.resolve("monai.py");
        Files.writeString(script, """
                import json, os, sys
                from monai.data import load_decathlon_datalist
                path = os.path.join(sys.argv[1], "dataset.json")
                counts = {k: len(load_decathlon_datalist(path, True, k)) for k in ("training", "validation", "test")}
                print(json.dumps(counts))
                """);
        JsonNode counts = JSON.readTree(run(List.of(PYTHON.toString(), script.toString(), monai.folder().toString())));
        assertThat(counts.get("training").asLong()).isEqualTo(monai.count(Split.TRAIN));
        assertThat(counts.get("validation").asLong()).isEqualTo(monai.count(Split.VALIDATION));
        assertThat(counts.get("test").asLong()).isEqualTo(monai.count(Split.TEST));
    }

    @Test
    void aCancelledExportLeavesNoFolderThatLooksComplete() throws Exception {
        Path out = folder.resolve("cancelled");
        AtomicInteger progress = new AtomicInteger();
        TaskContext cancelAfterTwo = new TaskContext() {
            @Override public void progress(long done, long total) { progress.set((int) done); }

            @Override public void message(String message) { }

            @Override public boolean isCancelled() { return progress.get() >= 2; }
        };
        assertThatThrownBy(() -> cases.exporter().run(request(ExportFormat.NNUNET, out, 7), cancelAfterTwo))
                .isInstanceOf(TaskCancelledException.class);
        assertThat(out).doesNotExist();
        assertThat(folder.resolve(".cancelled.partial")).doesNotExist();
    }

    @Test
    void refusalsSaySentences() throws Exception {
        DatasetExport exporter = cases.exporter();
        assertThatThrownBy(() -> exporter.run(new ExportRequest("nope", ExportFormat.NNUNET, folder.resolve("x"), 1,
                SplitFractions.defaults(), 501), TaskContext.none()))
                .hasMessageContaining("there is no dataset called nope").hasMessageContaining("(it has chest demo)");
        assertThatThrownBy(() -> exporter.run(request(ExportFormat.NNUNET, folder.resolve("nnunet"), 7), TaskContext.none()))
                .hasMessageContaining("exists already");
        var empty = cases.catalog.datasets().create("empty", null, null);
        cases.catalog.labelClasses().define(empty.id(), "nodule", "#E6194B", org.lumen.annotation.catalog.LabelType.MASK, 1, null);
        cases.catalog.datasets().addMembers(empty.id(), List.of(cases.phantoms.getFirst().seriesInstanceUid()));
        assertThatThrownBy(() -> exporter.run(new ExportRequest("empty", ExportFormat.NNUNET, folder.resolve("y"), 1,
                SplitFractions.defaults(), 501), TaskContext.none()))
                .hasMessage("dataset empty has no labelled cases to export (1 case(s), none with a saved label mask)");
        assertThat(folder.resolve("x")).doesNotExist();
        assertThat(folder.resolve("y")).doesNotExist();
    }

    @Test
    void aFailingCaseLeavesNoFolderEither(@TempDir Path elsewhere) throws Exception {
        try (PhantomCases broken = new PhantomCases(elsewhere.resolve("data"), 2)) {
            // The last case's files vanish after indexing: the export fails there, after writing the cases before it.
            Files.delete(broken.phantoms.getLast().dicomFiles().getFirst());
            Path out = elsewhere.resolve("export");
            assertThatThrownBy(() -> broken.exporter().run(request(ExportFormat.NNUNET, out, 1), TaskContext.none()))
                    .isInstanceOf(IOException.class).hasMessageContaining("is missing");
            assertThat(out).doesNotExist();
            try (Stream<Path> left = Files.list(elsewhere)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("data");
            }
        }
    }

    @Test
    void ultrasoundIsHeldBackLikeLumenDeidHoldsItBack(@TempDir Path elsewhere) throws Exception {
        try (PhantomCases mixed = new PhantomCases(elsewhere.resolve("data"), 1)) {
            // A real ultrasound image, labelled like any case: its pixels may show the patient's name, so it stays home.
            Path us = org.lumen.viewer.Samples.file("us/no-pixel-spacing.dcm");
            var index = new org.lumen.viewer.indexing.Indexer(mixed.pools.io(), 2).index(
                    new org.lumen.viewer.source.FileSource(List.of(us)), TaskContext.none());
            mixed.catalog.studies().upsert(index, us.toString());
            var series = index.allSeries().getFirst();
            var geometry = new org.lumen.viewer.volume.StackPlanner().plan(series).geometry();
            var mask = new org.lumen.annotation.mask.LabelMask(geometry.columns(), geometry.rows(), geometry.slices());
            mask.set(10, 10, 0, PhantomCases.NODULE);
            LabelledCases.add(mixed.catalog, mixed.dataset, series.uid(), new org.lumen.annotation.catalog.MaskPayload(mask, geometry),
                    mixed.catalog.people().ensure("someone", true, false).id(), org.lumen.annotation.catalog.Origin.MANUAL, null);

            ExportSummary summary = mixed.exporter().run(request(ExportFormat.NNUNET, elsewhere.resolve("out"), 1), TaskContext.none());

            assertThat(summary.cases()).hasSize(2);
            assertThat(summary.leftOut()).singleElement().satisfies(l -> {
                assertThat(l.seriesUid()).isEqualTo(series.uid());
                assertThat(l.why()).startsWith("held back: its pixels may show identifying text (ultrasound images");
            });
            JsonNode manifest = JSON.readTree(summary.folder().resolve(Manifest.JSON).toFile());
            assertThat(manifest.get("cases").size()).isEqualTo(2);
            manifest.get("cases").forEach(c -> assertThat(c.get("modality").asText()).isEqualTo("CT"));
        }
    }

    /** The exported case made of phantom {@code p}. */
    private static ExportedCase caseOf(ExportSummary summary, int p) {
        String patient = new KeyedIdentities(PhantomCases.KEY).patient("LUMEN-PHANTOM-" + cases.specs.get(p).seed(), null).patientId();
        int number = p == cases.phantoms.size() - 1 ? 2 : 1;
        return summary.cases().stream().filter(c -> c.caseId().equals(patient + "-" + number)).findFirst().orElseThrow();
    }

    /** The RAS affine of the phantom's DICOM geometry, built from the ground truth's own numbers. */
    static double[][] expectedRas(GroundTruth truth) {
        double[] o = truth.orientation();
        double[] row = {o[0], o[1], o[2]};
        double[] col = {o[3], o[4], o[5]};
        double[] normal = {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]};
        double[] s = truth.spacingMm();
        double[] origin = truth.originMm();
        double[][] lps = new double[3][4];
        for (int a = 0; a < 3; a++) {
            lps[a][0] = row[a] * s[0];
            lps[a][1] = col[a] * s[1];
            lps[a][2] = normal[a] * s[2];
            lps[a][3] = origin[a];
        }
        // LPS → RAS: the x and y rows change sign.
        for (int c = 0; c < 4; c++) {
            lps[0][c] = -lps[0][c];
            lps[1][c] = -lps[1][c];
        }
        return lps;
    }

    private static void assertAffine(float[][] srow, double[][] expected) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat((double) srow[r][c]).as("srow[%d][%d]", r, c).isCloseTo(expected[r][c], within(1e-3));
            }
        }
    }

    private static Map<String, Integer> toIntegers(Map<String, Long> counts) {
        Map<String, Integer> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.intValue()));
        return out;
    }

    static void assumePython(String module) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 has no " + module);
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }
}
