// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.testing.PhantomInput;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.TaskContext;
import org.lumen.testdata.ChestCtPhantom;
import org.lumen.testdata.ChestCtSpec;
import org.lumen.testdata.Nodule;
import org.lumen.testdata.Size;

/**
 * The demo model's findings against the phantom generator's ground truth: nodules of 6 mm and more
 * are found (centre within the nodule's radius + 3 mm) with few false positives, on the very
 * phantoms its card reports validation figures for; the card may not claim more than this measures.
 */
class DemoModelDetectionTest {

    private static final long[] SEEDS = {1, 2, 3};
    private static final double TOLERANCE_MM = 3;

    @TempDir
    static Path tmp;

    private static ModelPackage demo;

    @BeforeAll
    static void writeDemo() throws Exception {
        demo = new ModelPackageReader(tmp.resolve("unpacked")).read(DemoModel.ensure(tmp.resolve("demo")));
    }

    /** The card's phantoms: 128x128x60, 2.8 mm pixels, 2.5 mm slices, 4 nodules of 6-12 mm, 10 HU of noise. */
    static ChestCtSpec spec(long seed) {
        return ChestCtSpec.builder().seed(seed).size(Size.of(128, 128, 60)).sliceSpacingMm(2.5).noduleCount(4)
                .noduleDiameterMm(6, 12).noiseSigmaHu(10).build();
    }

    @Test
    void findsTheNodulesWithFewFalsePositivesAndTheCardSaysNoMore() throws Exception {
        int nodules = 0;
        int found = 0;
        int falsePositives = 0;
        for (long seed : SEEDS) {
            ChestCtSpec spec = spec(seed);
            List<Nodule> truth = ChestCtPhantom.create(spec).nodules();
            InferenceResult result = new InferenceEngine(null, null)
                    .run(PhantomInput.render(spec), demo, InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());
            int fp = 0;
            for (Finding f : result.findings()) {
                if (truth.stream().noneMatch(n -> hit(f, n))) {
                    fp++;
                }
            }
            for (Nodule n : truth) {
                if (n.diameterMm() >= 6) {
                    nodules++;
                    if (result.findings().stream().anyMatch(f -> hit(f, n))) {
                        found++;
                    }
                }
            }
            assertThat(fp).as("false positives on seed %d: %s", seed, result.findings()).isLessThanOrEqualTo(2);
            falsePositives += fp;
        }
        double sensitivity = found / (double) nodules;
        double fpPerScan = falsePositives / (double) SEEDS.length;
        assertThat(sensitivity).as("%d of %d nodules found", found, nodules).isGreaterThanOrEqualTo(0.8);

        JsonNode validation = TestModels.JSON.readTree(DemoModel.card(demo.sha256())).get("validation");
        assertThat(sensitivity).as("the card's reported sensitivity").isGreaterThanOrEqualTo(validation.get(0).get("value").asDouble());
        assertThat(fpPerScan).as("the card's reported false positives per scan").isLessThanOrEqualTo(validation.get(1).get("value").asDouble());
    }

    @Test
    void findingsMeasureTheNodulesTheyHit() throws Exception {
        ChestCtSpec spec = spec(2);
        List<Nodule> truth = ChestCtPhantom.create(spec).nodules();
        InferenceResult result = new InferenceEngine(null, null)
                .run(PhantomInput.render(spec), demo, InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());

        for (Nodule n : truth) {
            Finding f = result.findings().stream().filter(x -> hit(x, n)).findFirst().orElseThrow();
            assertThat(f.centerMm().distance(n.center())).as("centre of nodule %d", n.id()).isLessThan(2.5);
            // Voxels of 2.8 x 2.8 x 2.5 mm: sizes agree to about two voxels.
            assertThat(f.sizeMm()).as("size of nodule %d", n.id()).isBetween(n.diameterMm() - 5.6, n.diameterMm() + 5.6);
            double sphere = Math.PI / 6 * Math.pow(n.diameterMm(), 3);
            assertThat(f.volumeMm3()).as("volume of nodule %d", n.id()).isBetween(sphere / 3, sphere * 3);
            assertThat(f.score()).isGreaterThanOrEqualTo(0.5);
            assertThat(f.provenance().modelSha256()).isEqualTo(demo.sha256());
        }
    }

    private static boolean hit(Finding f, Nodule n) {
        return f.centerMm().distance(n.center()) <= n.radiusMm() + TOLERANCE_MM;
    }
}
