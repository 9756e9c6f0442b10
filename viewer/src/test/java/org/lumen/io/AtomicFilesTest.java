// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures of atomic writes and folder creation name the path the caller gave and why, never the temporary file. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void anOwnerOnlyFileIsNeverReadableByOthersAndAnAbandonedOneLeavesNothing() throws IOException {
        Path secrets = dir.resolve("secrets.json");
        AtomicFiles.writeOwnerOnly(secrets, out -> out.write("{}".getBytes()));

        assertThat(secrets).hasContent("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");

        try (AtomicFiles.Pending pending = AtomicFiles.begin(dir.resolve("never.dcm"))) {
            pending.out().write(new byte[100]);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(secrets);
        }
    }

    @Test
    void writesAndReplacesAtomicallyLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.write(target, "first".getBytes());
        AtomicFiles.write(target, "second".getBytes());

        assertThat(target).hasContent("second");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = file.resolve("out.png");

        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
                .isInstanceOfSatisfying(CannotWriteException.class, e -> assertThat(e.target()).isEqualTo(target))
                .hasMessage("cannot write " + target + ": " + file + " is a file, not a folder");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("no/such/out.png");

        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
                .hasMessage("cannot write " + target + ": no such folder: " + target.getParent());
    }

    /** The rename onto a folder used to fail with "/dir/.out.123.tmp -> /dir/out: Is a directory". */
    @Test
    void aFolderAtTheTargetIsSaidOfTheTargetNotOfTheTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.png"));

        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
                .hasMessage("cannot write " + target + ": it is a folder")
                .hasMessageNotContaining(".tmp");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aReadOnlyFolderIsPermissionDenied() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(readOnly), "permissions do not stop this user (root)");
            Path target = readOnly.resolve("out.png");

            assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
                    .hasMessage("cannot write " + target + ": permission denied: the folder " + readOnly + " is not writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A failure of what is being written (its source) is not a failure to write: it passes through as it was. */
    @Test
    void theContentsOwnFailurePassesThroughUnchanged() {
        IOException sourceBroke = new IOException("the zip entry is truncated");

        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("out.bin"), out -> {
            out.write(1);
            throw sourceBroke;
        })).isSameAs(sourceBroke);
        assertThat(dir.resolve("out.bin")).doesNotExist();
    }

    @Test
    void folderCreationNamesTheFileInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path folder = file.resolve("a/b");

        assertThatThrownBy(() -> Folders.create(folder))
                .isInstanceOf(CannotWriteException.class)
                .hasMessage("cannot write " + folder + ": " + file + " is a file, not a folder");
        assertThat(Folders.create(dir.resolve("new/deeper"))).isDirectory();
    }
}
