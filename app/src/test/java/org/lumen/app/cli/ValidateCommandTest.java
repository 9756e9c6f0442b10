// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen validate} end to end: generated patients with known nodules registered as a dataset, the demo
 * model run over them, its figures checked against the phantoms' truth, and a second validation served from the
 * result cache.
 */
class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path catalog;
    private static JsonNode first;

    @BeforeAll
    static void validateTheDemoModelOnThreePhantomPatients() throws Exception {
        catalog = tmp.resolve("catalog.sqlite");
        CliRun phantom = lumen("phantom", tmp.resolve("p").toString(), "--size", "128x128x60", "--pixel-spacing", "2.8",
                "--slice-spacing", "2.5", "--nodules", "4", "--cases", "3", "--dataset", "screening", "--catalog", catalog.toString());
        assertThat(phantom.exitCode()).as(phantom.err()).isZero();

        CliRun run = lumen("validate", "--model", "demo", "--dataset", "screening", "--device", "cpu", "--bootstrap", "200",
                "--out", tmp.resolve("report").toString(), "--json", "--catalog", catalog.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        first = JSON.readTree(run.out());
    }

    @Test
    void theFiguresCountThePhantomsNodulesAndTheModelFindsThem() {
        assertThat(first.path("model").asText()).isEqualTo("lumen-demo-nodules");
        assertThat(first.path("dataset").asText()).isEqualTo("screening");
        assertThat(first.path("cases").asInt()).isEqualTo(3);
        JsonNode detection = first.path("detection");
        // Four nodules per patient, as generated, all of them known to the catalog as ground truth.
        assertThat(detection.path("lesions").asInt()).isEqualTo(12);
        // The demo model finds every nodule of these phantoms (docs/ai.md): sensitivity 1 from 1 FP per scan on.
        assertThat(detection.path("sensitivityAtFpPerScan").path("1").asDouble()).isEqualTo(1.0);
        assertThat(detection.path("sensitivityAtFpPerScan").path("8").asDouble()).isEqualTo(1.0);
        assertThat(detection.path("sensitivityAtFpPerScan").size()).isEqualTo(7);
        assertThat(detection.path("cpm").asDouble()).isBetween(0.8, 1.0);
        assertThat(detection.path("operatingPoint").path("falsePositivesPerScan").path("value").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(first.path("subgroups").path("scanner").size()).isEqualTo(1);
        assertThat(first.path("subgroups").path("sex").size()).isPositive();
        assertThat(first.path("claims").get(0).path("verdict").asText()).isIn("consistent", "better than claimed");
        assertThat(first.path("perCase")).hasSize(3);
    }

    @Test
    void theReportAndFiguresAreWrittenAndTheSecondRunComesFromTheCache() throws Exception {
        String html = Files.readString(tmp.resolve("report").resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("FROC").contains("Cases, worst first")
                .contains("lumen-demo-nodules").doesNotContain("<script");
        assertThat(JSON.readTree(tmp.resolve("report").resolve("figures.json").toFile()).path("cases").asInt()).isEqualTo(3);

        CliRun again = lumen("validate", "--model", "demo", "--dataset", "screening", "--device", "cpu", "--bootstrap", "200", "--json",
                "--catalog", catalog.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode second = JSON.readTree(again.out());
        assertThat(second.path("perCase")).allMatch(c -> c.path("fromCache").asBoolean());
        assertThat(second.path("detection").path("cpm").asDouble()).isEqualTo(first.path("detection").path("cpm").asDouble());

        JsonNode audit = JSON.readTree(lumen("audit", "list", "--action", "validation", "--json", "--catalog", catalog.toString()).out());
        assertThat(audit).hasSize(2);

        // The site chooses the operating point of a validation; models stats shows it.
        CliRun choose = lumen("validate", "--model", "demo", "--dataset", "screening", "--device", "cpu", "--bootstrap", "50",
                "--fp-rate", "0.5", "--choose", "--catalog", catalog.toString());
        assertThat(choose.exitCode()).as(choose.err()).isZero();
        assertThat(choose.out()).contains("chosen as the site's operating point of lumen-demo-nodules");
        JsonNode stats = JSON.readTree(lumen("models", "stats", "lumen-demo-nodules", "--json", "--catalog", catalog.toString()).out());
        assertThat(stats.path("operatingPoint").path("fpPerScan").asDouble()).isEqualTo(0.5);
        assertThat(stats.path("operatingPoint").path("dataset").asText()).isEqualTo("screening");
        assertThat(audit.get(0).path("detail").path("dataset").asText()).isEqualTo("screening");
    }

    /**
     * The phantoms' truth is a mask, so the demo model's heatmap (at its own threshold) is scored as a segmentation too:
     * Dice, HD95 and volume error per case and class, in figures.json, the report and nnU-Net's summary.json, whose
     * Dice Python recomputes from its voxel counts (nnU-Net's definition).
     */
    @Test
    void maskTruthAlsoScoresTheHeatmapAsASegmentationWithAnNnUnetSummary() throws Exception {
        JsonNode seg = first.path("segmentation");
        assertThat(seg.path("meanDice").asDouble()).isBetween(0.0, 1.0).isPositive();
        assertThat(seg.path("hd95Mm").asDouble()).isPositive();
        assertThat(seg.path("emptyCaseRule").asText()).contains("nnU-Net");
        assertThat(seg.path("perClass").path("1").path("cases").asInt()).isEqualTo(3);
        assertThat(seg.path("perCase")).hasSize(3);
        assertThat(Files.readString(tmp.resolve("report").resolve("report.html"))).contains("Segmentation", "mean Dice");

        Path summary = tmp.resolve("report").resolve("summary.json");
        assertThat(summary).isRegularFile();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", """
                import json, math, sys
                s = json.load(open(sys.argv[1]))
                cases = s["metric_per_case"]
                assert len(cases) == 3, len(cases)
                dices = []
                for c in cases:
                    m = c["metrics"]["1"]
                    assert m["n_ref"] == m["TP"] + m["FN"] and m["n_pred"] == m["TP"] + m["FP"]
                    d = 2 * m["TP"] / (2 * m["TP"] + m["FP"] + m["FN"])
                    assert abs(d - m["Dice"]) < 1e-12, (d, m["Dice"])
                    dices.append(d)
                mean = sum(dices) / len(dices)
                assert abs(mean - s["mean"]["1"]["Dice"]) < 1e-12
                assert abs(mean - s["foreground_mean"]["Dice"]) < 1e-12
                print("%.6f" % mean)
                """, summary.toString()).redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes()).strip();
        assertThat(python.waitFor()).as(printed).isZero();
        assertThat(Double.parseDouble(printed)).isCloseTo(seg.path("meanDice").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
    }

    /** The report renders in a real browser (Debian's Chromium, headless): a screenshot of the page is made. */
    @Test
    void theReportRendersInChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed");
        Path png = Path.of("target", "validation-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1000,1600", "--screenshot=" + png,
                tmp.resolve("report").resolve("report.html").toUri().toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        // Not a blank page: the FROC curve's blue and the point estimates' orange are drawn.
        boolean blue = false;
        boolean orange = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue |= rgb == 0x2455C3;
                orange |= rgb == 0xD0501D;
            }
        }
        assertThat(blue).as("the FROC curve is drawn").isTrue();
        assertThat(orange).as("the LUNA16 points are drawn").isTrue();
    }

    @Test
    void anUnknownDatasetIsASentence() {
        CliRun run = lumen("validate", "--model", "demo", "--dataset", "nope", "--catalog", catalog.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("there is no dataset 'nope'");
    }
}
