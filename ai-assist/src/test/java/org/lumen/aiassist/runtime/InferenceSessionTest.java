// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.testing.TestModels;

/**
 * Execution-provider selection. This build carries the CPU-only ONNX Runtime and the test machines
 * have no GPU, so the CUDA path (addCUDA) is exercised for real and must fail cleanly: auto falls
 * back to the CPU and says why, cuda:N refuses with that sentence.
 */
class InferenceSessionTest {

    @TempDir
    Path tmp;

    private Path model() throws Exception {
        return Files.write(tmp.resolve("identity.onnx"), TestModels.identity3d());
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhy() throws Exception {
        try (InferenceSession session = InferenceSession.open(model(), DeviceRequest.AUTO)) {
            ExecutionDevice device = session.device();

            assertThat(device.id()).isEqualTo("cpu");
            assertThat(device.isFallback()).isTrue();
            assertThat(device.note()).startsWith("CUDA is not usable: ").contains("CUDA").endsWith("; running on the CPU");
            assertThat(device.note()).contains("ONNX Runtime");
        }
    }

    @Test
    void autoStillRunsAfterFallingBack() throws Exception {
        try (InferenceSession session = InferenceSession.open(model(), DeviceRequest.AUTO);
             TensorRunner runner = session.runner("x", new long[] {1, 1, 2, 2, 2}, "y", new long[] {1, 1, 2, 2, 2})) {
            runner.input().put(0, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
            runner.run();

            assertThat(runner.output().get(7)).isEqualTo(8f);
            assertThat(session.runCount()).isEqualTo(1);
            assertThat(session.runNanos()).isPositive();
        }
    }

    @Test
    void cudaRequestedExplicitlyFailsWithTheReason() throws Exception {
        Path model = model();
        assertThat(InferenceSession.cudaBuild()).as("this build is the CPU-only ONNX Runtime").isFalse();

        assertThatThrownBy(() -> InferenceSession.open(model, DeviceRequest.cuda(0)))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("cuda:0 was requested but CUDA cannot be used: ")
                .hasMessageContaining("no CUDA provider");
    }

    @Test
    void requiringCudaWithoutLoadingAModelGivesTheSameSentence() {
        assertThatThrownBy(() -> InferenceSession.requireCuda(1))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("cuda:1 was requested but CUDA cannot be used: ")
                .hasMessageContaining("no CUDA provider");
    }

    @Test
    void cpuNeverMentionsCuda() throws Exception {
        try (InferenceSession session = InferenceSession.open(model(), DeviceRequest.CPU)) {
            assertThat(session.device()).isEqualTo(ExecutionDevice.cpu(""));
            assertThat(session.device().isFallback()).isFalse();
        }
    }

    @Test
    void anUnknownOperatorIsNamed() throws Exception {
        Path model = Files.write(tmp.resolve("unknown.onnx"), TestModels.unknownOperator());

        assertThatThrownBy(() -> InferenceSession.open(model, DeviceRequest.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("LumenFrobnicate")
                .satisfies(e -> assertThat(((ModelLoadException) e).operator()).isEqualTo("LumenFrobnicate"));
    }

    @Test
    void anUnknownOperatorIsAModelProblemEvenWhenAutoTriesCudaFirst() throws Exception {
        Path model = Files.write(tmp.resolve("unknown.onnx"), TestModels.unknownOperator());

        assertThatThrownBy(() -> InferenceSession.open(model, DeviceRequest.AUTO)).isInstanceOf(ModelLoadException.class);
    }

    @Test
    void deviceRequestsParse() {
        assertThat(DeviceRequest.parse("auto")).isEqualTo(DeviceRequest.AUTO);
        assertThat(DeviceRequest.parse(" CPU ")).isEqualTo(DeviceRequest.CPU);
        assertThat(DeviceRequest.parse("cuda")).isEqualTo(DeviceRequest.cuda(0));
        assertThat(DeviceRequest.parse("cuda:1")).isEqualTo(DeviceRequest.cuda(1));
        assertThat(DeviceRequest.cuda(2)).hasToString("cuda:2");
        assertThatThrownBy(() -> DeviceRequest.parse("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device 'gpu': use auto, cpu or cuda:N (for example cuda:0)");
    }
}
