// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.lumen.io.Folders;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.Problem;

/**
 * A zip archive, extracted into a scratch folder first: frames are later read at file offsets,
 * which a compressed zip entry cannot give. Entries that would escape the folder are refused, and so
 * is an archive that would unpack to more than its limits allow (a zip bomb): the bytes written are
 * counted as they are written, whatever the entries' headers claim. A failed or cancelled extraction
 * leaves nothing behind; what it found wrong is kept beside the extracted folder, so every later open
 * says the same.
 */
public record ZipSource(Path zip, Path scratchRoot, Limits limits) implements DicomSource {

    /** How far an archive may unpack: in all, and as a multiple of its own size. */
    public record Limits(long maxBytes, long maxRatio) {
        /** 64 GiB, and 200 times the archive: far beyond any study, far below a bomb. */
        public static final Limits DEFAULT = new Limits(64L << 30, 200);

        long allowedFor(long zipSize) {
            return Math.min(maxBytes, Math.max(1L << 20, zipSize) * maxRatio);
        }
    }

    public ZipSource(Path zip, Path scratchRoot) {
        this(zip, scratchRoot, Limits.DEFAULT);
    }

    @Override
    public String description() {
        return zip.toString();
    }

    @Override
    public SourceListing list(TaskContext context) throws IOException {
        String folderName = zip.getFileName() + "-" + Integer.toHexString(zip.toAbsolutePath().toString().hashCode())
                + "-" + Files.getLastModifiedTime(zip).toMillis();
        Path target = scratchRoot.resolve(folderName).toAbsolutePath().normalize();
        Path problemsFile = target.resolveSibling(folderName + ".problems");
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            Path partial = Files.createDirectories(scratchRoot).resolve(folderName + ".partial").toAbsolutePath().normalize();
            Folders.deleteTree(partial);
            try {
                extract(partial, problems, context);
                writeProblems(problemsFile, problems);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Folders.deleteTree(partial);
            }
        } else {
            problems.addAll(readProblems(problemsFile));
        }
        SourceListing listing = new FolderSource(target).list(context);
        problems.addAll(listing.problems());
        return new SourceListing(listing.files(), problems);
    }

    private void extract(Path into, List<Problem> problems, TaskContext context) throws IOException {
        Files.createDirectories(into);
        long allowed = limits.allowedFor(Files.size(zip));
        long written = 0;
        Set<String> seen = new HashSet<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            int done = 0;
            while (entries.hasMoreElements()) {
                context.checkCancelled();
                ZipEntry entry = entries.nextElement();
                context.progress(++done, archive.size());
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    problems.add(new Problem(zip + "!" + entry.getName(), "zip entry points outside the archive; skipped"));
                    continue;
                }
                if (!seen.add(entry.getName())) {
                    problems.add(new Problem(zip + "!" + entry.getName(), "the archive holds this name twice; the first is kept"));
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry); OutputStream to = Files.newOutputStream(out)) {
                    written = copy(in, to, written, allowed, context);
                } catch (ZipException e) {
                    problems.add(new Problem(zip + "!" + entry.getName(), "corrupt zip entry: " + e.getMessage()));
                }
            }
        } catch (ZipException e) {
            throw new IOException(zip + " is not a readable zip archive: " + e.getMessage(), e);
        }
    }

    /** Copies one entry, refusing the archive once it has written more than it may. */
    private long copy(InputStream in, OutputStream out, long written, long allowed, TaskContext context) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            written += n;
            if (written > allowed) {
                throw new IOException(zip + " unpacks to more than " + (allowed >> 20) + " MB (" + limits.maxRatio()
                        + " times its size, at most " + (limits.maxBytes() >> 30) + " GB): refused as a possible zip bomb; "
                        + "unpack it yourself if you trust it, and open the folder");
            }
            out.write(buffer, 0, n);
            if ((written & ((1 << 24) - 1)) < n) {
                context.checkCancelled();
            }
        }
        return written;
    }

    private static void writeProblems(Path file, List<Problem> problems) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Problem p : problems) {
            s.append(p.file().replace('\t', ' ').replace('\n', ' ')).append('\t').append(p.reason().replace('\n', ' ')).append('\n');
        }
        org.lumen.io.AtomicFiles.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Problem> readProblems(Path file) throws IOException {
        List<Problem> problems = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    problems.add(new Problem(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        }
        return problems;
    }
}
