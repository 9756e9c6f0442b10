// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.lumen.app.cli.CliRun.lumen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lumen.testdata.fuzz.DicomMutator;

/** {@code lumen info} on the shared sample corpus, through the real command line. */
class InfoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path samples;

    @BeforeAll
    static void findSamples() {
        String property = System.getProperty("lumen.samples");
        assertThat(property).as("system property lumen.samples (set by surefire)").isNotBlank();
        samples = Path.of(property);
        assertThat(samples.resolve("SOURCES.md")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308\\1e308\\0\\0\\1e308\\1e308", "1e-320\\0\\0\\0\\1e-320\\0", "NaN\\0\\0\\0\\1\\0"})
    void aDegenerateOrientationStaysThatFilesProblem(String orientation, @TempDir Path folder) throws Exception {
        // Found by fuzzing: one file whose orientation normalises to a zero vector made `info` of its whole folder
        // fail with "cannot normalise a zero vector".
        Path good = samples.resolve("wg04/CT2_UNC.dcm");
        Files.copy(good, folder.resolve("good.dcm"));
        byte[] damaged = DicomMutator.withText(Files.readAllBytes(good), 0x00200037, "DS", orientation);
        damaged = DicomMutator.withText(damaged, 0x00080018, "UI", "1.2.3.4.5.6.7.8.9");
        Files.write(folder.resolve("bad.dcm"), damaged);

        CliRun result = lumen("info", folder.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode root = JSON.readTree(result.out());
        assertThat(allSeries(root)).singleElement().satisfies(s -> assertThat(s.get("instances").asInt()).isEqualTo(2));
        CliRun render = lumen("render", folder.resolve("bad.dcm").toString(), "--out", folder.resolve("bad.png").toString());
        // The damaged orientation is ignored as if absent: the pixels are intact, so the file still renders.
        assertThat(render.exitCode()).as(render.err()).isZero();
    }

    @Test
    void aFileWithoutUidsIsListedUnderGeneratedUidsThatSaySo() {
        CliRun result = lumen("info", samples.resolve("transfer_syntaxes/pydicom/JLSL_08_07_0_1F.dcm").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Study 2.25.").contains("generated from the file content")
                .contains("Study Instance UID").doesNotContain("could not be used");
    }

    /** The retired spectral-selection JPEG is decoded now: listed as usable, and it renders. */
    @Test
    void aSpectralSelectionJpegIsListedAndRenders(@TempDir Path tmp) {
        Path file = samples.resolve(
                "transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm");
        CliRun result = lumen("info", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)").doesNotContain("could not be used");
        CliRun render = lumen("render", file.toString(), "--out", tmp.resolve("slice.png").toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(tmp.resolve("slice.png")).isNotEmptyFile();
    }

    /** A retired arithmetic-coded process (the same file relabelled by pydicom) is refused by info and render alike. */
    @Test
    void aFileNoDecoderTakesIsNotListedAsUsable(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path file = tmp.resolve("arithmetic.dcm");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); "
                + "ds.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2.4.54'; ds.save_as(sys.argv[2])",
                samples.resolve("transfer_syntaxes/cornerstone_ctimage/CTImage.dcm_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm")
                        .toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        CliRun result = lumen("info", file.toString());
        assertThat(result.out()).contains("could not be used")
                .contains("JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9), arithmetic coded (1.2.840.10008.1.2.4.54) is a retired "
                        + "JPEG process that Lumen does not decode");
        CliRun render = lumen("render", file.toString(), "--out", tmp.resolve("slice.png").toString());
        assertThat(render.exitCode()).isNotZero();
        assertThat(render.err()).contains("retired JPEG process that Lumen does not decode");
    }

    @Test
    void jsonListsBothCtSeriesWithTheirGeometry() throws Exception {
        CliRun result = lumen("info", samples.resolve("ct_series").toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode root = JSON.readTree(result.out());
        assertThat(root.get("studies").isArray()).isTrue();
        assertThat(root.get("problems").isArray()).isTrue();
        assertThat(root.get("problems")).isEmpty();

        List<JsonNode> series = allSeries(root);
        assertThat(series).hasSize(2);
        for (JsonNode study : root.get("studies")) {
            assertThat(study.get("studyInstanceUid").asText()).matches("[0-9.]+");
        }
        for (JsonNode s : series) {
            assertThat(s.get("seriesInstanceUid").asText()).matches("[0-9.]+");
            assertThat(s.get("modality").asText()).isEqualTo("CT");
            assertThat(s.get("rows").asInt()).isEqualTo(512);
            assertThat(s.get("columns").asInt()).isEqualTo(512);
            assertThat(s.get("instances").asInt()).isEqualTo(s.get("frames").asInt());
            JsonNode pixelSpacing = s.get("pixelSpacing");
            assertThat(pixelSpacing.isArray()).isTrue();
            assertThat(pixelSpacing).hasSize(2);
            assertThat(pixelSpacing.get(0).asDouble()).isBetween(0.3, 0.6);
            assertThat(pixelSpacing.get(1).asDouble()).isBetween(0.3, 0.6);
            assertThat(texts(s.get("transferSyntaxes"))).containsExactly("1.2.840.10008.1.2.1");
        }
        assertThat(series.stream().map(s -> s.get("seriesInstanceUid").asText()).distinct()).hasSize(2);

        // SOURCES.md: 20 contiguous slices, 2.5 mm apart along the table, gantry tilted 18.5 degrees.
        JsonNode tilted = withInstances(series, 20);
        assertThat(tilted.get("frames").asInt()).isEqualTo(20);
        assertThat(tilted.get("isVolume").asBoolean()).isTrue();
        assertThat(tilted.get("gantryTiltDegrees").asDouble()).isCloseTo(18.5, within(0.2));
        assertThat(tilted.get("sliceSpacing").asDouble()).isCloseTo(2.5 * Math.cos(Math.toRadians(18.5)), within(0.01));

        // SOURCES.md: 30 contiguous 1 mm axial slices, no tilt.
        JsonNode axial = withInstances(series, 30);
        assertThat(axial.get("frames").asInt()).isEqualTo(30);
        assertThat(axial.get("isVolume").asBoolean()).isTrue();
        assertThat(axial.get("sliceSpacing").asDouble()).isCloseTo(1.0, within(0.001));
        assertThat(axial.get("gantryTiltDegrees").isNull()).isTrue();
    }

    @Test
    void jsonSaysWhereEachSeriesMillimetresComeFrom() throws Exception {
        CliRun result = lumen("info", samples.resolve("cr_dx_mg").toString(), "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> series = allSeries(JSON.readTree(result.out()));
        assertThat(series).extracting(s -> s.get("modality").asText() + " " + s.get("spacingSource").asText())
                .containsExactlyInAnyOrder("DX DETECTOR", "RG NONE", "CR PATIENT", "CR NONE");
        JsonNode mammogram = series.stream().filter(s -> s.get("modality").asText().equals("RG")).findFirst().orElseThrow();
        assertThat(mammogram.get("pixelSpacing").isNull()).as("no millimetres made up").isTrue();

        JsonNode us = allSeries(JSON.readTree(lumen("info", samples.resolve("us").toString(), "--json").out())).getFirst();
        assertThat(us.get("spacingSource").asText()).isEqualTo("ULTRASOUND_REGION");
        assertThat(lumen("info", samples.resolve("cr_dx_mg/DX_canon_chest_966_fixed.dcm").toString()).out())
                .contains("pixel spacing 0.1600 x 0.1600 mm (detector)");
    }

    @Test
    void jsonReportsEveryMalformedFileWithItsReason() throws Exception {
        CliRun result = lumen("info", samples.resolve("malformed").toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode problems = JSON.readTree(result.out()).get("problems");
        assertThat(problems.isArray()).isTrue();
        for (JsonNode p : problems) {
            assertThat(p.has("file")).isTrue();
            assertThat(p.get("reason").asText()).isNotBlank();
        }
        assertThat(reasonFor(problems, "MR_truncated.dcm")).contains("truncated");
        assertThat(reasonFor(problems, "no_meta.dcm")).contains("not a DICOM file");
    }

    @Test
    void missingPathExitsOneWithASentenceNamingIt(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-study");

        CliRun result = lumen("info", missing.toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: ").contains(missing.toString());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void textModePrintsStudiesAndSeriesUids() throws Exception {
        CliRun json = lumen("info", samples.resolve("ct_series").toString(), "--json");
        List<JsonNode> series = allSeries(JSON.readTree(json.out()));

        CliRun text = lumen("info", samples.resolve("ct_series").toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).doesNotStartWith("{");
        for (JsonNode s : series) {
            assertThat(text.out()).contains(s.get("seriesInstanceUid").asText());
        }
        assertThat(text.out()).contains("20 slices").contains("30 slices").contains("gantry tilt");
    }

    @Test
    void saysWhatSegmentationsReportsAndStructureSetsHold() throws Exception {
        CliRun result = lumen("info", samples.resolve("seg_sr_rt").toString(), "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> contents = new java.util.ArrayList<>();
        for (JsonNode s : allSeries(JSON.readTree(result.out()))) {
            contents.addAll(texts(s.get("contents")));
        }
        assertThat(contents).contains("BINARY segmentation, 1 segment(s) (Liver), 3 frame(s)",
                "structure set sep30, 3 ROI(s) (patient, Isocenter 1, Isocenter 2)", "Diagnosis, 2 numeric value(s)");
        assertThat(lumen("info", samples.resolve("seg_sr_rt/liver_rle.dcm").toString()).out())
                .contains("holds: BINARY segmentation, 1 segment(s) (Liver), 3 frame(s)");
    }

    /** A parametric map (pydicom's, over the head phantom CT) says which series it lies over and its real-world values. */
    @Test
    void saysWhichSeriesAParametricMapLiesOver(@TempDir Path tmp) throws Exception {
        Path study = Files.createDirectories(tmp.resolve("study"));
        try (var files = Files.list(org.lumen.viewer.overlay.ParametricMapSample.CT)) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        Files.copy(org.lumen.viewer.overlay.ParametricMapSample.write(tmp).file(), study.resolve("map.dcm"));

        CliRun json = lumen("info", study.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        List<JsonNode> series = allSeries(JSON.readTree(json.out()));
        JsonNode ct = series.stream().filter(s -> s.get("seriesNumber").asInt() == 202).findFirst().orElseThrow();
        JsonNode map = series.stream().filter(s -> s.get("seriesNumber").asInt() == 900).findFirst().orElseThrow();
        List<String> contents = texts(map.get("contents"));
        assertThat(contents).hasSize(2).first().isEqualTo("parametric map over series 202 \"STD BRAIN 1MM, iDose\" ("
                + ct.get("seriesInstanceUid").asText() + "), same frame of reference");
        // The blob's Gaussian tail reaches a few 1e-12 at the map's far corner; its centre is 1.
        assertThat(contents.get(1)).matches("real-world values \\d\\.\\d\\de-1\\d to 1 \\{probability\\} "
                + "\\(Real World Value Mapping: slope 1, intercept 0\\)");
        assertThat(texts(ct.get("contents"))).isEmpty();
        assertThat(lumen("info", study.toString()).out()).contains("holds: parametric map over series 202");
    }

    @Test
    void textModeListsProblems() {
        CliRun text = lumen("info", samples.resolve("malformed").toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("could not be used").contains("MR_truncated.dcm").contains("no_meta.dcm");
    }

    /** It used to list the file as a problem and exit 0, as if a study had been read. */
    @Test
    void aFileThatIsNotDicomExitsOneAndSaysSo(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not an image\n");

        CliRun result = lumen("info", text.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: " + text + " could not be used: not a DICOM file");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.out()).contains("1 file(s) could not be used").contains(text.toString());
    }

    /** It used to print nothing at all and exit 0. */
    @Test
    void anEmptyFolderExitsOneAndSaysItIsEmpty(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        CliRun text = lumen("info", empty.toString());
        CliRun json = lumen("info", empty.toString(), "--json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err().strip()).isEqualTo("lumen: " + empty + " is an empty folder");
        assertThat(text.out()).isEmpty();
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(json.out()).get("studies")).isEmpty();
    }

    @Test
    void aFolderWithoutDicomFilesSaysHowManyFilesWereLookedAt(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("documents"));
        Files.writeString(folder.resolve("a.txt"), "a note that is long enough to be looked at as a file\n".repeat(10));
        Files.writeString(folder.resolve("b.csv"), "x,y\n1,2\n");
        Files.createDirectories(folder.resolve("sub")).resolve("c.bin").toFile().createNewFile();

        CliRun result = lumen("info", folder.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: no DICOM file Lumen can read in " + folder + ": 3 files looked at, none could be used (");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.out()).contains("3 file(s) could not be used");
    }

    @Test
    void aMissingPathSaysSoInText(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-study");

        CliRun result = lumen("info", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("lumen: no such file or folder: " + missing);
    }

    private static List<JsonNode> allSeries(JsonNode root) {
        List<JsonNode> series = new ArrayList<>();
        root.get("studies").forEach(study -> study.get("series").forEach(series::add));
        return series;
    }

    private static JsonNode withInstances(List<JsonNode> series, int instances) {
        List<JsonNode> matching = series.stream().filter(s -> s.get("instances").asInt() == instances).toList();
        assertThat(matching).as("series with %d instances", instances).hasSize(1);
        return matching.getFirst();
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String reasonFor(JsonNode problems, String fileName) {
        for (JsonNode p : problems) {
            if (Path.of(p.get("file").asText()).getFileName().toString().equals(fileName)) {
                return p.get("reason").asText();
            }
        }
        throw new AssertionError(fileName + " is not among the problems: " + problems);
    }
}
