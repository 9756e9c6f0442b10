// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.grid.FloatVolume;
import org.lumen.aiassist.grid.Grid;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.onnx.OnnxModelBuilder;
import org.lumen.aiassist.onnx.TensorType;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.testing.ArrayInput;
import org.lumen.aiassist.testing.TestModels;
import org.lumen.task.Pools;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.geometry.Vec3;

/**
 * The pipeline's geometry and arithmetic, with models whose output is known exactly: an identity
 * model must give back the normalised input on the series grid whatever the tiling, resampling,
 * orientation or tensor layout; a constant model must give the constant (blending adds up).
 */
class InferencePipelineTest {

    @TempDir
    Path tmp;

    private static final Pools POOLS = new Pools(2);
    private static final ExecutorService CPU = POOLS.decode();

    @AfterAll
    static void closePools() {
        POOLS.close();
    }

    private static final Vec3 U = new Vec3(0.9, 0.1, 0).normalized();
    private static final Vec3 V = new Vec3(-0.1, 0.9, 0.2).normalized();

    /** An oblique, anisotropic series grid (axes not along the patient's), 40x36x30. */
    private static final Grid TILTED = new Grid(40, 36, 30, new Vec3(-20, -15, -30), U, V.times(1.2),
            U.cross(V).normalized().times(2.0));

    /** The same with its slices sheared along the rows, as a gantry tilt leaves them. */
    private static final Grid SHEARED = new Grid(40, 36, 30, new Vec3(-20, -15, -30), U, V.times(1.2),
            U.cross(V).normalized().times(2.0).plus(V.times(0.35)));

    /** HU linear in patient position: trilinear resampling reproduces it exactly. */
    private static ArrayInput linear(Grid g) {
        return ArrayInput.of("linear", g, (i, j, k) -> {
            Vec3 p = g.toPatient(i, j, k);
            return (float) (3 * p.x() - 2 * p.y() + 4 * p.z());
        });
    }

    private static float normalised(float hu) {
        return (Math.clamp(hu, -1000, 1000) + 1000) / 2000f;
    }

    private ModelPackage pkg(String name, byte[] onnx, ObjectNode card) throws Exception {
        Path dir = TestModels.writePackage(tmp.resolve(name), onnx, card);
        return new ModelPackageReader(tmp.resolve("unpacked")).read(dir);
    }

    private PipelineOutput run(ArrayInput input, ModelPackage pkg, TaskContext context) throws Exception {
        try (InferenceSession session = InferenceSession.open(pkg.onnxFile(), DeviceRequest.CPU)) {
            return new InferencePipeline(CPU).run(input, pkg, session, context);
        }
    }

    @Test
    void identityOnTheNativeGridGivesBackTheNormalisedInput() throws Exception {
        ArrayInput input = linear(TILTED);
        ModelPackage pkg = pkg("id", TestModels.identity3d(), TestModels.card("id", 16, 16, 16));

        PipelineOutput out = run(input, pkg, TaskContext.none());

        assertThat(out.modelGrid()).isSameAs(TILTED);
        assertThat(out.tiles()).isEqualTo(3 * 3 * 3);
        assertThat(out.batches()).isEqualTo(14);
        FloatVolume heat = out.heatmaps().getFirst().volume();
        assertThat(heat.grid()).isSameAs(TILTED);
        for (int k = 0; k < TILTED.nz(); k++) {
            for (int j = 0; j < TILTED.ny(); j++) {
                for (int i = 0; i < TILTED.nx(); i++) {
                    float expected = normalised(input.values()[TILTED.index(i, j, k)]);
                    assertThat(heat.value(i, j, k)).as("voxel %d,%d,%d", i, j, k).isCloseTo(expected < InferencePipeline.FLOOR ? 0 : expected, within(2e-5f));
                }
            }
        }
    }

    @Test
    void identityThroughAResampledRasGridComesBackOntoTheSeries() throws Exception {
        ArrayInput input = linear(TILTED);
        ObjectNode card = TestModels.card("ras", 16, 16, 16);
        ((ObjectNode) card.get("input")).put("orientation", "RAS").putArray("targetSpacingMm").add(1.5).add(1.5).add(1.5);

        PipelineOutput out = run(input, pkg("ras", TestModels.identity3d(), card), TaskContext.none());

        assertThat(out.modelGrid().iStep()).isEqualTo(new Vec3(-1.5, 0, 0));
        FloatVolume heat = out.heatmaps().getFirst().volume();
        // Away from the borders (where the model grid ends), interpolating a linear function twice is exact.
        int checked = 0;
        for (int k = 3; k < TILTED.nz() - 3; k += 2) {
            for (int j = 3; j < TILTED.ny() - 3; j += 2) {
                for (int i = 3; i < TILTED.nx() - 3; i += 2) {
                    float expected = normalised(input.values()[TILTED.index(i, j, k)]);
                    if (expected > 0.01f && expected < 0.99f) {
                        assertThat(heat.value(i, j, k)).as("voxel %d,%d,%d", i, j, k).isCloseTo(expected, within(1e-4f));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void aShearedStackIsResampledOntoAnUprightGrid() throws Exception {
        ArrayInput input = linear(SHEARED);

        PipelineOutput out = run(input, pkg("id", TestModels.identity3d(), TestModels.card("id", 16, 16, 16)), TaskContext.none());

        Grid model = out.modelGrid();
        assertThat(model).isNotSameAs(SHEARED);
        assertThat(model.kStep().dot(model.iStep())).isCloseTo(0, within(1e-9));
        assertThat(model.kStep().dot(model.jStep())).isCloseTo(0, within(1e-9));
        FloatVolume heat = out.heatmaps().getFirst().volume();
        int checked = 0;
        for (int k = 4; k < SHEARED.nz() - 4; k += 3) {
            for (int j = 8; j < SHEARED.ny() - 8; j += 3) {
                for (int i = 3; i < SHEARED.nx() - 3; i += 3) {
                    float expected = normalised(input.values()[SHEARED.index(i, j, k)]);
                    if (expected > 0.01f && expected < 0.99f) {
                        assertThat(heat.value(i, j, k)).as("voxel %d,%d,%d", i, j, k).isCloseTo(expected, within(1e-4f));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void blendingOverlappingTilesPreservesAConstant() throws Exception {
        ObjectNode card = TestModels.card("const", 16, 16, 16);
        ((ObjectNode) card.get("input")).put("overlap", 0.5);

        PipelineOutput out = run(linear(TILTED), pkg("const", TestModels.constant3d(0.7f), card), TaskContext.none());

        FloatVolume heat = out.heatmaps().getFirst().volume();
        assertThat(heat.storedSlices()).isEqualTo(TILTED.nz());
        for (int k = 0; k < TILTED.nz(); k++) {
            for (float v : heat.slice(k)) {
                assertThat(v).isCloseTo(0.7f, within(1e-5f));
            }
        }
    }

    @Test
    void twoDModelsRunSliceBySliceInBatches() throws Exception {
        ArrayInput input = linear(TILTED);
        ObjectNode card = TestModels.card("2d", 24, 24);
        ((ObjectNode) card.get("input")).put("maxBatch", 4);

        PipelineOutput out = run(input, pkg("2d", TestModels.identity2d(), card), TaskContext.none());

        assertThat(out.tiles()).isEqualTo(2 * 2 * TILTED.nz());
        assertThat(out.batches()).isEqualTo(30);
        FloatVolume heat = out.heatmaps().getFirst().volume();
        for (int k = 0; k < TILTED.nz(); k += 7) {
            for (int j = 0; j < TILTED.ny(); j += 5) {
                for (int i = 0; i < TILTED.nx(); i += 3) {
                    float expected = normalised(input.values()[TILTED.index(i, j, k)]);
                    assertThat(heat.value(i, j, k)).isCloseTo(expected < InferencePipeline.FLOOR ? 0 : expected, within(2e-5f));
                }
            }
        }
    }

    @Test
    void twoAndAHalfDModelsSeeTheNeighbouringSlicesAsChannels() throws Exception {
        // Output = mean of the three channels (slices k-1, k, k+1); input = 100·k HU, so the mean is k's own value
        // inside and is pulled towards the edge slice at the ends (the missing neighbour repeats the edge).
        byte[] mean3 = new OnnxModelBuilder("mean3")
                .input("x", TensorType.FLOAT, "N", 3, "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "H", "W")
                .node("ReduceMean", List.of("x"), List.of("y"), OnnxModelBuilder.Attribute.ints("axes", 1),
                        OnnxModelBuilder.Attribute.of("keepdims", 1L))
                .build();
        ObjectNode card = TestModels.card("25d", 20, 20);
        ((ObjectNode) card.get("input")).put("dimensionality", "2.5D").put("channels", 3);
        Grid g = new Grid(20, 20, 6, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        ArrayInput input = ArrayInput.of("slices", g, (i, j, k) -> 100 * k);

        FloatVolume heat = run(input, pkg("25d", mean3, card), TaskContext.none()).heatmaps().getFirst().volume();

        assertThat(heat.value(5, 5, 0)).isCloseTo(normalised(100f / 3), within(1e-5f));
        assertThat(heat.value(5, 5, 3)).isCloseTo(normalised(300), within(1e-5f));
        assertThat(heat.value(5, 5, 5)).isCloseTo(normalised((400 + 500 + 500) / 3f), within(1e-5f));
    }

    @Test
    void xyzTensorsPutColumnsFirst() throws Exception {
        // One tile exactly the grid's size; the model adds 0.01·t along tensor axis 2, which is the
        // column axis (i) in xyz order: a wrong layout would add it along another axis.
        Grid g = new Grid(16, 12, 8, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        float[] ramp = new float[16];
        for (int t = 0; t < 16; t++) {
            ramp[t] = 0.01f * t;
        }
        byte[] addRamp = new OnnxModelBuilder("ramp")
                .input("x", TensorType.FLOAT, "N", 1, 16, 12, 8)
                .output("y", TensorType.FLOAT, "N", 1, 16, 12, 8)
                .initializer("ramp", new long[] {1, 1, 16, 1, 1}, ramp)
                .node("Add", List.of("x", "ramp"), List.of("y"))
                .build();
        ObjectNode card = TestModels.card("xyz", 16, 12, 8);
        ((ObjectNode) card.get("input")).put("spatialOrder", "xyz");
        ArrayInput input = ArrayInput.of("xyz", g, (i, j, k) -> 10 * j + 30 * k);

        FloatVolume heat = run(input, pkg("xyz", addRamp, card), TaskContext.none()).heatmaps().getFirst().volume();

        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    assertThat(heat.value(i, j, k)).isCloseTo(normalised(10 * j + 30 * k) + 0.01f * i, within(1e-5f));
                }
            }
        }
    }

    @Test
    void softmaxSegmentationGivesTheForegroundProbability() throws Exception {
        ObjectNode card = TestModels.card("seg", 16, 16, 16);
        ((ObjectNode) card.get("output")).put("tensor", "logits").put("kind", "segmentation").put("activation", "softmax");
        card.putArray("classes").add("background").add("lesion");
        ArrayInput input = linear(TILTED);

        PipelineOutput out = run(input, pkg("seg", TestModels.twoClassLogits3d(3), card), TaskContext.none());

        assertThat(out.heatmaps()).extracting(Heatmap::label).containsExactly("lesion");
        FloatVolume heat = out.heatmaps().getFirst().volume();
        float x = normalised(input.values()[TILTED.index(10, 10, 10)]);
        assertThat(heat.value(10, 10, 10)).isCloseTo((float) (1 / (1 + Math.exp(-6 * x))), within(1e-5f));
    }

    @Test
    void aLabelMapBecomesOneHeatmapPerLabel() throws Exception {
        // Label = floor(3·x): 0, 1 or 2 by intensity.
        byte[] labels = new OnnxModelBuilder("labels")
                .input("x", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .output("y", TensorType.FLOAT, "N", 1, "D", "H", "W")
                .initializer("three", new long[] {}, new float[] {3})
                .node("Mul", List.of("x", "three"), List.of("x3"))
                .node("Floor", List.of("x3"), List.of("y"))
                .build();
        ObjectNode card = TestModels.card("labels", 16, 16, 16);
        ((ObjectNode) card.get("output")).put("kind", "segmentation");
        card.putArray("classes").add("background").add("low").add("high");
        Grid g = new Grid(20, 20, 20, Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        ArrayInput input = ArrayInput.of("labels", g, (i, j, k) -> i < 10 ? -200 : 500);

        List<Heatmap> maps = run(input, pkg("labels", labels, card), TaskContext.none()).heatmaps();

        assertThat(maps).extracting(Heatmap::label).containsExactly("low", "high");
        assertThat(maps.get(0).volume().value(3, 5, 5)).isCloseTo(1f, within(1e-6f));
        assertThat(maps.get(0).volume().value(15, 5, 5)).isZero();
        assertThat(maps.get(1).volume().value(15, 5, 5)).isCloseTo(1f, within(1e-6f));
        assertThat(maps.get(1).volume().value(3, 5, 5)).isZero();
    }

    @Test
    void progressIsReportedPerBatchAndCancelStopsBetweenBatches() throws Exception {
        ModelPackage pkg = pkg("id", TestModels.identity3d(), TestModels.card("id", 16, 16, 16));
        List<long[]> progress = new ArrayList<>();
        TaskContext cancelAfterTwo = new TaskContext() {
            @Override public void progress(long done, long total) { progress.add(new long[] {done, total}); }

            @Override public void message(String message) { }

            @Override public boolean isCancelled() { return progress.size() >= 2; }
        };

        assertThatThrownBy(() -> run(linear(TILTED), pkg, cancelAfterTwo)).isInstanceOf(TaskCancelledException.class);

        assertThat(progress).hasSize(2);
        assertThat(progress.get(0)).containsExactly(2, 27);
        assertThat(progress.get(1)).containsExactly(4, 27);
    }

    @Test
    void everyStageIsTimed() throws Exception {
        PipelineOutput out = run(linear(TILTED), pkg("id", TestModels.identity3d(), TestModels.card("id", 16, 16, 16)),
                TaskContext.none());

        assertThat(out.timings().preprocessNanos()).isPositive();
        assertThat(out.timings().inferenceNanos()).isPositive();
        assertThat(out.timings().postprocessNanos()).isPositive();
    }
}
