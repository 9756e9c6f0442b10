// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.model.ModelPackage;
import org.lumen.aiassist.model.ModelPackageReader;
import org.lumen.aiassist.model.OutputKind;

/** The bundled demo model is a real, deterministic, honestly labelled ONNX package. */
class DemoModelTest {

    @TempDir
    Path tmp;

    @Test
    void itsBytesAreTheSameEveryTime() {
        assertThat(DemoModel.onnx()).isEqualTo(DemoModel.onnx());
    }

    @Test
    void thePackagePassesEveryCheckIncludingLoadingIntoOnnxRuntime() throws Exception {
        Path folder = DemoModel.ensure(tmp.resolve("demo"));

        ModelPackage pkg = new ModelPackageReader(tmp.resolve("unpacked")).verify(folder);

        assertThat(pkg.id()).isEqualTo(DemoModel.ID);
        assertThat(pkg.sha256()).isEqualTo(ModelPackageReader.sha256(folder.resolve("model.onnx")));
        assertThat(pkg.card().notForClinicalUse()).isTrue();
        assertThat(pkg.card().demo()).isTrue();
        assertThat(pkg.card().intendedUse()).contains("Demonstration").contains("never seen a patient");
        assertThat(pkg.card().output().kind()).isEqualTo(OutputKind.PROBABILITY_MAP);
        assertThat(pkg.card().input().targetSpacingMm()).containsExactly(1.5, 1.5, 1.5);
        assertThat(pkg.graph().operators()).contains("Conv", "Pad", "ReduceMax", "MaxPool", "Sigmoid");
        assertThat(pkg.card().validation()).isNotEmpty();
    }

    @Test
    void ensuringAgainLeavesAnIntactPackageAlone() throws Exception {
        Path folder = DemoModel.ensure(tmp.resolve("demo"));
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(folder.resolve("model.onnx"), old);

        DemoModel.ensure(folder);

        assertThat(Files.getLastModifiedTime(folder.resolve("model.onnx"))).isEqualTo(old);
    }

    @Test
    void aDamagedPackageIsRewritten() throws Exception {
        Path folder = DemoModel.ensure(tmp.resolve("demo"));
        Files.write(folder.resolve("model.onnx"), new byte[] {1, 2, 3});

        DemoModel.ensure(folder);

        assertThat(Files.readAllBytes(folder.resolve("model.onnx"))).isEqualTo(DemoModel.onnx());
    }
}
