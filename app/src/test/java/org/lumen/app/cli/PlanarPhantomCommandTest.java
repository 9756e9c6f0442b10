// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen phantom --kind mammogram|fundus|chest-xray}, then {@code info} and {@code render} on what it wrote. */
class PlanarPhantomCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aFourViewMammogramIsOneMgSeriesThatInfoAndRenderRead() throws Exception {
        Path dir = tmp.resolve("mg");

        CliRun phantom = lumen("phantom", dir.toString(), "--kind", "mammogram", "--four-views", "--size", "766x1166", "--seed", "4");

        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        assertThat(phantom.out()).contains("mammogram-R-CC.dcm: 766x1166, R CC").contains("calcification-cluster");
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        assertThat(truth.get("phantom").asText()).isEqualTo("mammogram");
        assertThat(truth.get("images")).hasSize(4);
        assertLesionsInside(truth);

        JsonNode series = onlySeries(dir);
        assertThat(series.get("modality").asText()).isEqualTo("MG");
        assertThat(series.get("instances").asInt()).isEqualTo(4);
        assertThat(series.get("columns").asInt()).isEqualTo(766);
        assertThat(series.get("rows").asInt()).isEqualTo(1166);

        BufferedImage image = render(dir, 766, 1166);
        assertThat(image.getRaster().getSample(383, 583, 0)).isNotEqualTo(image.getRaster().getSample(383, 2, 0));
    }

    @Test
    void aFundusPairHasItsGradeAndRendersInColour() throws Exception {
        Path dir = tmp.resolve("op");

        CliRun phantom = lumen("phantom", dir.toString(), "--kind", "fundus", "--both-eyes", "--grade", "2", "--size", "640x480");

        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        assertThat(phantom.out()).contains("fundus-R.dcm: 640x480, R").contains("grade 2 (moderate)");
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        assertThat(truth.get("grade").asInt()).isEqualTo(2);
        assertThat(truth.get("gradeRule").asText()).contains("moderate");
        assertLesionsInside(truth);

        JsonNode series = onlySeries(dir);
        assertThat(series.get("modality").asText()).isEqualTo("OP");
        assertThat(series.get("instances").asInt()).isEqualTo(2);

        BufferedImage image = render(dir, 640, 480);
        int centre = image.getRGB(320, 240);
        int red = centre >> 16 & 0xFF;
        int blue = centre & 0xFF;
        assertThat(red).as("the retina is orange-red").isGreaterThan(blue + 60);
    }

    @Test
    void aChestRadiographIsDxWithNodules() throws Exception {
        Path dir = tmp.resolve("dx");

        CliRun phantom = lumen("phantom", dir.toString(), "--kind", "chest-xray", "--size", "512x512", "--seed", "9");

        assertThat(phantom.exitCode()).as(phantom.err()).isZero();
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        assertThat(truth.get("lesions")).hasSize(3);
        assertThat(truth.get("lesions").get(0).get("kind").asText()).isEqualTo("nodule");
        assertLesionsInside(truth);
        assertThat(onlySeries(dir).get("modality").asText()).isEqualTo("DX");
        render(dir, 512, 512);
    }

    @Test
    void theSameSeedWritesTheSameTruthAndAnotherSeedAnother() throws Exception {
        String[] options = {"--kind", "fundus", "--size", "512x384"};
        assertThat(lumen(concat("phantom", tmp.resolve("a").toString(), options, "--seed", "5")).exitCode()).isZero();
        assertThat(lumen(concat("phantom", tmp.resolve("b").toString(), options, "--seed", "5")).exitCode()).isZero();
        assertThat(lumen(concat("phantom", tmp.resolve("c").toString(), options, "--seed", "6")).exitCode()).isZero();

        byte[] a = Files.readAllBytes(tmp.resolve("a/ground-truth.json"));
        assertThat(Files.readAllBytes(tmp.resolve("b/ground-truth.json"))).isEqualTo(a);
        assertThat(Files.readAllBytes(tmp.resolve("c/ground-truth.json"))).isNotEqualTo(a);
        assertThat(Files.mismatch(tmp.resolve("a/fundus-R.dcm"), tmp.resolve("b/fundus-R.dcm"))).isEqualTo(-1);
    }

    @Test
    void optionsOfAnotherKindAreRefusedWithASentence() {
        CliRun chestWithGrade = lumen("phantom", tmp.resolve("x").toString(), "--kind", "chest-xray", "--grade", "1");
        CliRun mammogramWithCtOption = lumen("phantom", tmp.resolve("y").toString(), "--kind", "mammogram", "--multiframe");
        CliRun unknown = lumen("phantom", tmp.resolve("z").toString(), "--kind", "ultrasound");

        assertThat(chestWithGrade.exitCode()).isEqualTo(1);
        assertThat(chestWithGrade.err()).contains("--grade are for --kind fundus, not chest-xray");
        assertThat(mammogramWithCtOption.exitCode()).isEqualTo(1);
        assertThat(mammogramWithCtOption.err()).contains("do not apply");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("--kind is chest-ct, mammogram, fundus or chest-xray, not \"ultrasound\"");
    }

    /** Every lesion lies inside its image, and names an image file that exists in the truth. */
    private static void assertLesionsInside(JsonNode truth) {
        for (JsonNode lesion : truth.get("lesions")) {
            JsonNode image = truth.get("images").get(lesion.get("image").asInt());
            assertThat(lesion.get("file").asText()).isEqualTo(image.get("file").asText());
            double column = lesion.get("centerPx").get(0).asDouble();
            double row = lesion.get("centerPx").get(1).asDouble();
            double radius = lesion.get("radiusPx").asDouble();
            assertThat(column - radius).isGreaterThanOrEqualTo(0);
            assertThat(row - radius).isGreaterThanOrEqualTo(0);
            assertThat(column + radius).isLessThan(image.get("columns").asDouble());
            assertThat(row + radius).isLessThan(image.get("rows").asDouble());
        }
    }

    private static JsonNode onlySeries(Path dir) throws Exception {
        CliRun info = lumen("info", dir.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode report = JSON.readTree(info.out());
        List<JsonNode> series = new ArrayList<>();
        report.get("studies").forEach(study -> study.get("series").forEach(series::add));
        assertThat(series).hasSize(1);
        return series.getFirst();
    }

    private BufferedImage render(Path dir, int columns, int rows) throws Exception {
        Path png = tmp.resolve(dir.getFileName() + ".png");
        CliRun render = lumen("render", dir.toString(), "--out", png.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        BufferedImage image = RenderCommandTest.readPng(png);
        assertThat(image.getWidth()).isEqualTo(columns);
        assertThat(image.getHeight()).isEqualTo(rows);
        return image;
    }

    private static String[] concat(String command, String path, String[] options, String... more) {
        List<String> args = new ArrayList<>(List.of(command, path));
        args.addAll(List.of(options));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
