// SPDX-License-Identifier: Apache-2.0
package org.lumen.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @TempDir
    Path temp;

    @Test
    void jsonHasTheDocumentedCamelCaseKeys() throws IOException {
        ChestCtSpec spec = SmallPhantoms.chest().seed(5).build();
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("ct"), spec);

        JsonNode json = new ObjectMapper().readTree(result.groundTruthFile().toFile());

        assertThat(result.groundTruthFile().getFileName().toString()).isEqualTo("ground-truth.json");
        assertThat(json.get("phantom").asText()).isEqualTo("chest-ct");
        assertThat(json.get("modality").asText()).isEqualTo("CT");
        assertThat(json.get("seed").asLong()).isEqualTo(5);
        assertThat(ints(json.get("size"))).containsExactly(64, 64, 40);
        assertThat(doubles(json.get("spacingMm"))).containsExactly(5.0, 5.0, 5.0);
        assertThat(doubles(json.get("orientation"))).containsExactly(1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        assertThat(doubles(json.get("originMm"))).containsExactly(spec.origin().toArray());
        assertThat(json.get("studyInstanceUid").asText()).isEqualTo(result.studyInstanceUid()).startsWith("2.25.");
        assertThat(json.get("seriesInstanceUid").asText()).isEqualTo(result.seriesInstanceUid()).startsWith("2.25.");
        assertThat(json.get("rescaleIntercept").asDouble()).isEqualTo(-1024);
        assertThat(json.get("labelVolume").asText()).isEqualTo("labels.nii.gz");
        assertThat(json.get("files")).hasSize(40);
        assertThat(json.get("files").get(0).asText())
                .isEqualTo(result.dicomFiles().get(0).getFileName().toString());

        JsonNode labels = json.get("labels");
        assertThat(labels.get("0").asText()).isEqualTo("background");
        assertThat(labels.get("2").asText()).isEqualTo("lung");
        assertThat(labels.get("3").asText()).isEqualTo("bone");
        assertThat(labels.get("11").asText()).isEqualTo("nodule 1");
        assertThat(json.get("labelValues").get("2").asInt()).isEqualTo(-850);

        JsonNode nodules = json.get("nodules");
        assertThat(nodules).hasSize(4);
        for (int n = 0; n < 4; n++) {
            JsonNode node = nodules.get(n);
            Nodule nodule = result.nodules().get(n);
            assertThat(node.get("id").asInt()).isEqualTo(n + 1);
            assertThat(node.get("labelValue").asInt()).isEqualTo(11 + n);
            assertThat(doubles(node.get("centerMm"))).containsExactly(nodule.center().toArray());
            assertThat(node.get("diameterMm").asDouble()).isEqualTo(nodule.diameterMm());
            assertThat(node.get("hu").asInt()).isEqualTo(nodule.hu());
            double[] voxel = doubles(node.get("centerVoxel"));
            double[] expected = spec.grid().voxelIndex(nodule.center());
            for (int axis = 0; axis < 3; axis++) {
                assertThat(voxel[axis]).isCloseTo(expected[axis], within(0.001));
            }
        }
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        PhantomResult result = Phantoms.writeChestCt(temp.resolve("ct"), SmallPhantoms.chest().build());

        GroundTruth read = GroundTruthFiles.read(result.groundTruthFile());

        assertThat(read.seriesInstanceUid()).isEqualTo(result.seriesInstanceUid());
        assertThat(read.size()).containsExactly(64, 64, 40);
        assertThat(read.nodules()).hasSize(4);
        assertThat(read.nodules().get(0).centerMm()).containsExactly(result.nodules().get(0).center().toArray());
        assertThat(read.labels()).isEqualTo(result.groundTruth().labels());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int n = 0; n < values.length; n++) {
            values[n] = array.get(n).asDouble();
        }
        return values;
    }
}
