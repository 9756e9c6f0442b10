// SPDX-License-Identifier: Apache-2.0
package org.lumen.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file Lumen writes goes through here: into a hidden temporary sibling, then renamed onto
 * the target in one step, so a crash leaves either the old file or the new one, never half of one.
 *
 * <p>When the file system refuses, the {@link CannotWriteException} names the target the caller gave
 * and the reason in words; the temporary sibling is an implementation detail no user should see.
 * Exceptions the {@link Content} throws on its own (a source it reads failed) pass through unchanged.
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() { }

    /** What to write into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks, without writing, that {@code target} can be written: its folder exists and is writable,
     * and the target is not a folder. Commands call it before long work, so they fail in a second, not at the end.
     */
    public static void checkWritable(Path target) throws CannotWriteException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CannotWriteException(target, "it is a folder", null);
        }
        Path folder = absolute.getParent();
        if (folder == null) {
            throw new CannotWriteException(target, "it has no folder to be written into", null);
        }
        var problem = WriteProblems.folderProblem(folder);
        if (problem.isPresent()) {
            throw new CannotWriteException(target, problem.get(), null);
        }
    }

    /** Writes {@code content} to {@code target} atomically; the target's folder must exist. */
    public static void write(Path target, Content content) throws IOException {
        try (Pending pending = begin(target)) {
            content.writeTo(pending.out());
            pending.commit();
        }
    }

    /**
     * Starts writing {@code target} for a writer that cannot hand over a {@link Content} (bytes that
     * arrive from the network as they come): write to {@link Pending#out()}, then {@link Pending#commit()};
     * closing without committing removes what was written and leaves the target as it was.
     */
    public static Pending begin(Path target) throws IOException {
        return begin(target, false);
    }

    /**
     * Writes {@code content} to {@code target} atomically as a file only its owner can read or write
     * (0600 where the file system has POSIX permissions), from its first byte on: for secrets.
     */
    public static void writeOwnerOnly(Path target, Content content) throws IOException {
        try (Pending pending = begin(target, true)) {
            content.writeTo(pending.out());
            pending.commit();
        }
    }

    private static Pending begin(Path target, boolean ownerOnly) throws IOException {
        checkWritable(target);
        Path temp = temporarySibling(target);
        try {
            if (ownerOnly && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            return new Pending(target, temp, new BufferedOutputStream(new Named(target,
                    Files.newOutputStream(temp, ownerOnly ? StandardOpenOption.CREATE : StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)), BUFFER_BYTES));
        } catch (java.nio.file.FileSystemException e) {
            throw new CannotWriteException(target, WriteProblems.reason(e), e);
        }
    }

    /** A file being written: its temporary sibling until {@link #commit()} renames it onto the target. */
    public static final class Pending implements AutoCloseable {

        private final Path target;
        private final Path temp;
        private final OutputStream out;
        private boolean done;

        private Pending(Path target, Path temp, OutputStream out) {
            this.target = target;
            this.temp = temp;
            this.out = out;
        }

        public OutputStream out() {
            return out;
        }

        /** Closes the stream and puts the file in place in one step. */
        public void commit() throws IOException {
            try {
                out.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = true;
            } catch (CannotWriteException e) {
                throw e;
            } catch (java.nio.file.FileSystemException e) {
                throw new CannotWriteException(target, WriteProblems.reason(e), e);
            }
        }

        /** Without a commit: the temporary file goes, the target stays as it was. */
        @Override
        public void close() throws IOException {
            if (!done) {
                try {
                    out.close();
                } catch (IOException e) {
                    // what was written is being thrown away
                }
                Files.deleteIfExists(temp);
            }
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * A hidden, unique name beside the target. Not Files.createTempFile: its files are owner-only,
     * and the rename would carry that onto the target.
     */
    private static Path temporarySibling(Path target) {
        String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        return target.resolveSibling("." + target.getFileName() + "." + random + ".tmp");
    }

    /** The temporary file's stream: its failures (disk full, I/O error) are said of the target. */
    private static final class Named extends FilterOutputStream {

        private final Path target;

        Named(Path target, OutputStream out) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw named(e);
            }
        }

        private CannotWriteException named(IOException e) {
            return new CannotWriteException(target, WriteProblems.reason(e), e);
        }
    }
}
