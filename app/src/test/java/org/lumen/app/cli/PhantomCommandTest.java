// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.lumen.app.cli.CliRun.lumen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen phantom}, then {@code info} and {@code render} on what it wrote. */
class PhantomCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void writesAPhantomThatInfoAndRenderCanRead() throws Exception {
        Path dir = tmp.resolve("p");

        // 5 mm slices: with the default 1 mm, 20 slices span only 20 mm and the default nodules (at least
        // 3 voxels of the default 360/64 = 5.625 mm pixels, so 16.9 mm and up) do not fit in the lungs.
        CliRun phantom = lumen("phantom", dir.toString(), "--size", "64x64x20", "--nodules", "2", "--seed", "7",
                "--slice-spacing", "5");

        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        assertThat(phantom.out()).contains("nodule 1").contains("nodule 2").doesNotContain("nodule 3");
        Path truthFile = dir.resolve("ground-truth.json");
        assertThat(truthFile).isRegularFile();
        JsonNode truth = JSON.readTree(truthFile.toFile());
        JsonNode nodules = truth.get("nodules");
        assertThat(nodules.isArray()).isTrue();
        assertThat(nodules).hasSize(2);
        for (JsonNode nodule : nodules) {
            JsonNode center = nodule.get("centerMm");
            assertThat(center.isArray()).isTrue();
            assertThat(center).hasSize(3);
            center.forEach(c -> assertThat(c.isNumber()).isTrue());
            assertThat(nodule.get("diameterMm").asDouble()).isPositive();
        }
        assertThat(truth.get("files")).hasSize(20);
        String seriesUid = truth.get("seriesInstanceUid").asText();

        CliRun info = lumen("info", dir.toString(), "--json");

        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode report = JSON.readTree(info.out());
        // The phantom's own sidecars are not DICOM and are reported as such; nothing else is.
        List<String> unusable = new ArrayList<>();
        report.get("problems").forEach(p -> unusable.add(Path.of(p.get("file").asText()).getFileName().toString()));
        assertThat(unusable).allMatch(name -> name.equals("ground-truth.json") || name.equals("labels.nii.gz"));
        List<JsonNode> series = new ArrayList<>();
        report.get("studies").forEach(study -> study.get("series").forEach(series::add));
        assertThat(series).hasSize(1);
        JsonNode ct = series.getFirst();
        assertThat(ct.get("seriesInstanceUid").asText()).isEqualTo(seriesUid);
        assertThat(ct.get("modality").asText()).isEqualTo("CT");
        assertThat(ct.get("instances").asInt()).isEqualTo(20);
        assertThat(ct.get("sliceCount").asInt()).isEqualTo(20);
        assertThat(ct.get("isVolume").asBoolean()).isTrue();
        assertThat(ct.get("columns").asInt()).isEqualTo(64);
        assertThat(ct.get("rows").asInt()).isEqualTo(64);
        // The geometry info reads back is the one the ground truth declares: spacingMm is [column, row, slice],
        // pixelSpacing is [row, column].
        JsonNode spacing = truth.get("spacingMm");
        assertThat(spacing.get(2).asDouble()).isCloseTo(5.0, within(1e-9));
        assertThat(ct.get("sliceSpacing").asDouble()).isCloseTo(spacing.get(2).asDouble(), within(1e-6));
        assertThat(ct.get("pixelSpacing").get(0).asDouble()).isCloseTo(spacing.get(1).asDouble(), within(1e-6));
        assertThat(ct.get("pixelSpacing").get(1).asDouble()).isCloseTo(spacing.get(0).asDouble(), within(1e-6));
        assertThat(ct.get("gantryTiltDegrees").isNull()).isTrue();

        Path png = tmp.resolve("slice10.png");
        CliRun render = lumen("render", dir.toString(), "--slice", "10", "--window", "lung", "--out", png.toString());

        assertThat(render.exitCode()).as(render.err()).isZero();
        BufferedImage image = RenderCommandTest.readPng(png);
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(64);
        int[] pixels = image.getRaster().getPixels(0, 0, 64, 64, (int[]) null);
        // Body, lungs and air differ in a lung window: the slice is not blank.
        assertThat(Arrays.stream(pixels).distinct().count()).isGreaterThan(2);
    }

    @Test
    void sameSeedWritesTheSameGroundTruth() throws Exception {
        String[] options = {"--size", "32x32x8", "--slice-spacing", "10", "--nodules", "1", "--seed", "3"};
        CliRun a = lumen(concat("phantom", tmp.resolve("a").toString(), options));
        CliRun b = lumen(concat("phantom", tmp.resolve("b").toString(), options));

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        JsonNode first = JSON.readTree(tmp.resolve("a/ground-truth.json").toFile());
        JsonNode second = JSON.readTree(tmp.resolve("b/ground-truth.json").toFile());
        assertThat(second.get("nodules")).isEqualTo(first.get("nodules"));
        assertThat(second.get("seriesInstanceUid")).isEqualTo(first.get("seriesInstanceUid"));
    }

    /** --nodule-types (with --partial-volume): each kind in turn, named in the ground truth; without it the ground truth names no type. */
    @Test
    void noduleTypesAreDrawnInTurnAndNamedInTheGroundTruth() throws Exception {
        CliRun typed = lumen("phantom", tmp.resolve("typed").toString(), "--size", "128x128x60", "--pixel-spacing", "2.8",
                "--slice-spacing", "2.5", "--nodules", "5", "--vessels", "--nodule-types", "--partial-volume", "--textured-bone", "--airways", "--seed", "4");
        assertThat(typed.exitCode()).as(typed.err()).isZero();
        List<String> types = new ArrayList<>();
        JsonNode nodules = JSON.readTree(tmp.resolve("typed/ground-truth.json").toFile()).get("nodules");
        nodules.forEach(n -> types.add(n.path("type").asText()));
        assertThat(types).containsExactly("solid", "part-solid", "ground-glass", "juxtapleural", "juxtavascular");
        assertThat(nodules.get(2).path("hu").asInt()).isBetween(-750, -450);

        CliRun plain = lumen("phantom", tmp.resolve("plain").toString(), "--size", "32x32x8", "--slice-spacing", "10", "--nodules", "1");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(JSON.readTree(tmp.resolve("plain/ground-truth.json").toFile()).get("nodules").get(0).has("type")).isFalse();
    }

    @Test
    void badSizeExitsOneWithTheReason() {
        CliRun result = lumen("phantom", tmp.resolve("bad").toString(), "--size", "64x64");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("lumen: ").contains("64x64");
    }

    @Test
    void anOutUnderARegularFileNamesTheFolderAndWhy() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("notes.txt"), "x");
        Path out = file.resolve("phantom");

        CliRun result = lumen("phantom", out.toString(), "--size", "64x64x20", "--nodules", "1", "--seed", "7",
                "--slice-spacing", "5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("lumen: cannot write " + out + ": " + file + " is a file, not a folder");
    }

    private static String[] concat(String command, String path, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = command;
        args[1] = path;
        System.arraycopy(options, 0, args, 2, options.length);
        return args;
    }
}
