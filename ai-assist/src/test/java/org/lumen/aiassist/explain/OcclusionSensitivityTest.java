// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.engine.InferenceEngine;
import org.lumen.aiassist.engine.InferenceRequest;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.pipeline.Heatmap;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.testing.ArrayInput;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/**
 * Occlusion maps of a classifier whose score is the mean of one box of its input: hiding a block
 * inside the box lowers the score, hiding one outside does nothing, so the map lights up the box.
 */
class OcclusionSensitivityTest {

    @TempDir
    Path tmp;

    @Test
    void theMapPeaksWhereTheScoreComesFrom() throws Exception {
        ObjectNode card = TestModels.card("region", 32, 32, 32);
        ((ObjectNode) card.get("output")).put("tensor", "score").put("kind", "classification");
        card.putArray("classes").addObject().put("name", "bright region").put("colour", "#00FF00");
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked"))
                .read(TestModels.writePackage(tmp.resolve("region"), TestModels.regionMeanClassifier(32, 8, 16), card));
        // 1 mm voxels, 32 of them: the model grid is the series' own. Bright (1000 HU) exactly in the box.
        Grid grid = new Grid(32, 32, 32, new Vec3(10, 20, 30), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        ArrayInput input = ArrayInput.of("box", grid, (i, j, k) -> inBox(i, j, k) ? 1000 : -1000);

        InferenceResult result = new InferenceEngine(null, null).run(input, pkg,
                InferenceRequest.defaults().withDevice(DeviceRequest.CPU), TaskContext.none());

        assertThat(result.classScores()).singleElement().satisfies(s -> assertThat(s.score()).isCloseTo(1.0, within(1e-6)));
        assertThat(result.heatmaps()).singleElement().satisfies(h -> assertThat(h.kind()).isEqualTo(Heatmap.OCCLUSION));
        FloatVolume map = result.heatmaps().getFirst().volume();
        assertThat(map.grid()).isSameAs(grid);
        // Hiding a 4-voxel block inside the box replaces 64 of its 512 voxels by the input's mean.
        float mean = 512f / 32768;
        float drop = (1 - mean) * 64 / 512;
        for (int k = 0; k < 32; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    assertThat(map.value(i, j, k)).as("voxel %d,%d,%d", i, j, k).isCloseTo(inBox(i, j, k) ? drop : 0, within(1e-5f));
                }
            }
        }
        assertThat(result.findings()).isEmpty();
    }

    private static boolean inBox(int i, int j, int k) {
        return i >= 8 && i < 16 && j >= 8 && j < 16 && k >= 8 && k < 16;
    }
}
