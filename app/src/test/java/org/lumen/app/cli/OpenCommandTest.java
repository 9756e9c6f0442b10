// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lumen.app.cli.CliRun.lumen;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen open} on a path that does not exist says so and exits non-zero before any window opens, through
 * picocli and through the window's own way in (no picocli: {@link LumenCli#run} with {@code open PATH}) alike.
 */
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

    @Test
    void theWindowsOwnWayInSaysTheSameSentence() {
        Path missing = dir.resolve("nonexistent").resolve("study");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int code = LumenCli.run(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), "open", missing.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).strip()).isEqualTo("lumen: no such file or folder: " + missing);
    }

    @Test
    void onlyAPlainOpenSkipsPicocli() {
        assertThat(OpenCommand.isPlainOpen()).isTrue();
        assertThat(OpenCommand.isPlainOpen("open")).isTrue();
        assertThat(OpenCommand.isPlainOpen("open", "/data/study")).isTrue();
        // Options, argument files, other commands and extra arguments are picocli's to read (help, errors).
        assertThat(OpenCommand.isPlainOpen("open", "--help")).isFalse();
        assertThat(OpenCommand.isPlainOpen("open", "-h")).isFalse();
        assertThat(OpenCommand.isPlainOpen("open", "@args.txt")).isFalse();
        assertThat(OpenCommand.isPlainOpen("open", "")).isFalse();
        assertThat(OpenCommand.isPlainOpen("open", "a", "b")).isFalse();
        assertThat(OpenCommand.isPlainOpen("info", "/data/study")).isFalse();
        assertThat(OpenCommand.isPlainOpen("--version")).isFalse();
    }
}
