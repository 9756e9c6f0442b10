// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.DicomDirReader;
import org.lumen.viewer.index.Problem;

/**
 * Every regular file under a folder tree, following symbolic links (the root itself may be one) with the
 * JDK's loop detection. Hidden files are skipped, and so are DICOMDIR files: they index files the walk finds
 * anyway. What cannot be read is listed as a problem with its reason: a link loop, a link to nothing, a FIFO,
 * socket or device, a folder that cannot be listed.
 */
public record FolderSource(Path root) implements DicomSource {

    @Override
    public String description() {
        return root.toString();
    }

    @Override
    public SourceListing list(TaskContext context) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                context.checkCancelled();
                return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isHidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    if (!isDicomDirName(file)) {
                        files.add(file);
                    }
                } else if (attrs.isSymbolicLink()) {
                    // Followed links arrive with their target's attributes: a link seen as a link points at nothing.
                    problems.add(new Problem(file.toString(), "skipped: a link to something that does not exist"));
                } else if (attrs.isOther()) {
                    problems.add(new Problem(file.toString(), "skipped: not a file (a FIFO, socket or device)"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(new Problem(file.toString(), e instanceof java.nio.file.FileSystemLoopException
                        ? "skipped: a link back to a folder that encloses it (a loop)" : "cannot read: " + why(e)));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return new SourceListing(files, problems);
    }

    /** The reason in words; the problem names the file already. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() == null ? "the system refused to list or open it" : fs.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isDicomDirName(Path file) {
        String name = file.getFileName().toString();
        return name.toUpperCase(java.util.Locale.ROOT).startsWith("DICOMDIR") && DicomDirReader.isDicomDir(file);
    }
}
