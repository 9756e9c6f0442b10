// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.testing.ArrayInput;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/** The benchmark baseline prepares exactly the tiles and batches the pipeline runs. */
class BareInferenceTest {

    @TempDir
    Path tmp;

    @Test
    void preparesTheSameBatchesThePipelineRuns() throws Exception {
        ModelPackage pkg = new ModelPackageReader(tmp.resolve("u"))
                .read(TestModels.writePackage(tmp.resolve("id"), TestModels.identity3d(), TestModels.card("id", 16, 16, 16)));
        Grid g = new Grid(40, 36, 30, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1.2, 0), new Vec3(0, 0, 2));
        ArrayInput input = ArrayInput.of("bare", g, (i, j, k) -> i + j - k);

        BareInference.Prepared prepared = BareInference.prepare(input, pkg, null);
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            PipelineOutput out = new InferencePipeline(null).run(input, pkg, session, TaskContext.none());
            long before = session.runCount();
            long nanos = BareInference.run(session, pkg, prepared);

            assertThat(prepared.tiles()).isEqualTo(out.tiles());
            assertThat(prepared.batches()).hasSize(out.batches());
            assertThat(session.runCount() - before).isEqualTo(out.batches());
            assertThat(nanos).isPositive();
        }
    }
}
