// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen open} on a path that does not exist says so and exits non-zero before any window opens. */
class OpenCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingPathIsASentenceAndExit1WithoutAWindow() {
        Path missing = dir.resolve("nonexistent").resolve("study");
        CliRun open = lumen("open", missing.toString());
        assertThat(open.exitCode()).isEqualTo(1);
        assertThat(open.err().strip()).isEqualTo("lumen: no such file or folder: " + missing);
        assertThat(open.out()).isEmpty();
    }
}
