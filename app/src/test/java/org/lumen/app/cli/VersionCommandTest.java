// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lumen --version}: what the build baked in, the Java runtime, ONNX Runtime and its providers. */
class VersionCommandTest {

    @Test
    void printsVersionCommitJavaAndOnnxRuntimeWithItsProviders() {
        CliRun run = CliRun.lumen("--version");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        // The build wrote org/lumen/app/build.properties (app's pom); git describe gives 12 hex digits.
        assertThat(lines.get(0)).matches("Lumen \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?, commit ([0-9a-f]{12}(-dirty)?|unknown commit),"
                + " built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        assertThat(lines.get(1)).isEqualTo("Java " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")");
        assertThat(lines.get(2)).matches("ONNX Runtime \\d+\\.\\d+\\.\\d+, execution providers: .*CPU.*");
    }
}
