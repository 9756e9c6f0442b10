// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.onnx.OnnxModelBuilder.Attribute;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.aiassist.runtime.InferenceSession;
import org.lumen.aiassist.runtime.TensorRunner;
import org.lumen.aiassist.testing.TestModels;

/** Lumen's ONNX wire-format writer and reader, checked against ONNX Runtime itself. */
class OnnxModelBuilderTest {

    @TempDir
    Path tmp;

    @Test
    void writtenModelReadsBackWithItsInputsOutputsAndOperators() throws Exception {
        byte[] bytes = TestModels.twoClassLogits3d(2f);

        OnnxGraphInfo info = new OnnxGraphReader().read(bytes, "two.onnx");

        assertThat(info.irVersion()).isEqualTo(OnnxModelBuilder.IR_VERSION);
        assertThat(info.opsets()).containsEntry("", OnnxModelBuilder.DEFAULT_OPSET);
        assertThat(info.inputs()).hasSize(1);
        TensorSpec in = info.inputs().getFirst();
        assertThat(in.name()).isEqualTo("x");
        assertThat(in.type()).isEqualTo(TensorType.FLOAT);
        assertThat(in.dims()).containsExactly(-1, 1, -1, -1, -1);
        assertThat(in.shapeText()).isEqualTo("[N, 1, D, H, W]");
        assertThat(info.outputs().getFirst().dims()).containsExactly(-1, 2, -1, -1, -1);
        assertThat(info.operators()).containsExactlyInAnyOrder("Mul", "Neg", "Concat");
        assertThat(info.nodeCount()).isEqualTo(3);
    }

    @Test
    void initializersAreNotListedAsInputs() throws Exception {
        OnnxGraphInfo info = new OnnxGraphReader().read(TestModels.constant3d(0.5f), "c.onnx");

        assertThat(info.inputs()).extracting(TensorSpec::name).containsExactly("x");
    }

    @Test
    void onnxRuntimeRunsWhatTheBuilderWrites() throws Exception {
        byte[] bytes = new OnnxModelBuilder("affine")
                .input("x", TensorType.FLOAT, "N", 3)
                .output("y", TensorType.FLOAT, "N", 3)
                .initializer("a", new long[] {3}, new float[] {1, 2, 3})
                .initializer("b", new long[] {}, new float[] {0.5f})
                .node("Mul", List.of("x", "a"), List.of("ax"))
                .node("Add", List.of("ax", "b"), List.of("y"))
                .build();
        Path file = Files.write(tmp.resolve("affine.onnx"), bytes);

        try (InferenceSession session = InferenceSession.open(file, DeviceRequest.CPU);
             TensorRunner runner = session.runner("x", new long[] {2, 3}, "y", new long[] {2, 3})) {
            runner.input().put(0, new float[] {1, 1, 1, 2, 2, 2});
            runner.run();
            float[] out = new float[6];
            runner.output().get(0, out);

            assertThat(out).containsExactly(1.5f, 2.5f, 3.5f, 2.5f, 4.5f, 6.5f);
            assertThat(session.inputs()).extracting(TensorSpec::toString).containsExactly("x float32 [N, 3]");
        }
    }

    @Test
    void attributesOfEveryKindAreUnderstoodByOnnxRuntime() throws Exception {
        byte[] bytes = new OnnxModelBuilder("pool")
                .input("x", TensorType.FLOAT, 1, 1, 4, 4)
                .output("y", TensorType.FLOAT, 1, 1, 2, 2)
                .output("z", TensorType.FLOAT, 1, 1, 4, 4)
                .node("MaxPool", List.of("x"), List.of("y"), Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2))
                .node("LeakyRelu", List.of("x"), List.of("z"), Attribute.of("alpha", 0.5f))
                .build();
        Path file = Files.write(tmp.resolve("pool.onnx"), bytes);
        try (InferenceSession session = InferenceSession.open(file, DeviceRequest.CPU);
             TensorRunner pool = session.runner("x", new long[] {1, 1, 4, 4}, "y", new long[] {1, 1, 2, 2});
             TensorRunner leaky = session.runner("x", new long[] {1, 1, 4, 4}, "z", new long[] {1, 1, 4, 4})) {
            float[] in = new float[16];
            for (int i = 0; i < 16; i++) {
                in[i] = i - 8;
            }
            pool.input().put(0, in);
            pool.run();
            leaky.input().put(0, in);
            leaky.run();

            assertThat(pool.output().get(0)).isEqualTo(-3f);
            assertThat(pool.output().get(3)).isEqualTo(7f);
            assertThat(leaky.output().get(0)).isEqualTo(-4f);
            assertThat(leaky.output().get(15)).isEqualTo(7f);
        }
    }

    @Test
    void theSameCallsGiveTheSameBytes() {
        assertThat(TestModels.brightestVoxelDetector(8)).isEqualTo(TestModels.brightestVoxelDetector(8));
    }

    @Test
    void textIsNotOnnx() {
        byte[] text = "{\"this\": \"is json, not a model\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new OnnxGraphReader().read(text, "model.onnx"))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageStartingWith("model.onnx is not a valid ONNX model");
    }

    @Test
    void anEmptyFileIsNotOnnx() {
        assertThatThrownBy(() -> new OnnxGraphReader().read(new byte[0], "empty.onnx"))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("declares no IR version");
    }

    @Test
    void aTruncatedModelIsNotOnnx() {
        byte[] whole = TestModels.identity3d();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> new OnnxGraphReader().read(cut, "cut.onnx"))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageStartingWith("cut.onnx is not a valid ONNX model");
    }
}
