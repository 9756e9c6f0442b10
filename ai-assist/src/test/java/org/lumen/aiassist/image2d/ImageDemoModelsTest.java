// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.evaluation.Candidate;
import org.lumen.aiassist.evaluation.DetectionAtThreshold;
import org.lumen.aiassist.evaluation.Froc;
import org.lumen.aiassist.evaluation.Lesion;
import org.lumen.aiassist.evaluation.ScanDetections;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/** The bundled 2D demo detectors find blobs planted in synthetic images, scored by the shared scorer. */
class ImageDemoModelsTest {

    @TempDir
    Path tmp;

    ModelPackage model(String alias) throws Exception {
        return new ModelRegistry(tmp.resolve("models"), tmp.resolve("cache")).resolve(alias);
    }

    @Test
    void everyDemoLoadsAsA2dImageModelMarkedAsADemonstration() throws Exception {
        for (ImageDemoModels.Kind kind : ImageDemoModels.Kind.values()) {
            ModelPackage pkg = model(kind.alias());
            assertThat(pkg.card().isImageModel()).isTrue();
            assertThat(pkg.card().dimensions()).isEqualTo(2);
            assertThat(pkg.card().demo()).isTrue();
            assertThat(pkg.card().intendedUse()).contains("tuned on Lumen's synthetic phantoms");
            assertThat(pkg.bundled()).isTrue();
        }
    }

    @Test
    void theMammographyDemoFindsPlantedCalcificationsOnALargeTiledImage() throws Exception {
        ModelPackage pkg = model("demo-mammo");
        List<ScanDetections> scans = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            int w = 1400;
            int h = 1100;
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            List<double[]> blobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                blobs.add(new double[] {60 + r.nextDouble() * (w - 120), 60 + r.nextDouble() * (h - 120), 1 + r.nextDouble(), 250});
            }
            float[] v = Synthetic.grey(w, h, seed, 20, blobs.toArray(double[][]::new));
            ImageInput input = new ImageInput(new ArrayImage(w, h, v), Synthetic.facts("mg" + seed, "MG", w, h, false, "L", "CC"));
            StudyResult result = new ImageInferenceEngine().run(List.of(input), pkg, ImageRequest.defaults(), TaskContext.none());
            ImageResult image = result.images().getFirst();
            assertThat(image.tiles()).isGreaterThan(4);
            scans.add(scan("mg" + seed, blobs, image.findings(), 4));
        }
        DetectionAtThreshold at = Froc.atThreshold(scans, 0.5, new org.lumen.aiassist.evaluation.Bootstrap(50, 1));
        System.out.printf("mammo demo: found %d of %d, %d false positives%n", at.found(), at.lesions(), at.falsePositives());
        assertThat(at.found()).isEqualTo(at.lesions());
        assertThat(at.falsePositives()).isLessThanOrEqualTo(2);
    }

    static ScanDetections scan(String id, List<double[]> blobs, List<ImageFinding> findings, double hitRadius) {
        List<Lesion> lesions = blobs.stream().map(b -> new Lesion(new Vec3(b[0], b[1], 0), 2 * hitRadius)).toList();
        List<Candidate> candidates = findings.stream().map(f -> new Candidate(new Vec3(f.centerPx()[0], f.centerPx()[1], 0), f.score())).toList();
        return new ScanDetections(id, lesions, candidates);
    }
}
