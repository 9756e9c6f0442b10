// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.lumen.task.TaskContext;
import org.lumen.viewer.index.Problem;

/**
 * A zip archive, extracted into a scratch folder first: frames are later read at file offsets,
 * which a compressed zip entry cannot give. Entries that would escape the folder are refused.
 */
public record ZipSource(Path zip, Path scratchRoot) implements DicomSource {

    @Override
    public String description() {
        return zip.toString();
    }

    @Override
    public SourceListing list(TaskContext context) throws IOException {
        String folderName = zip.getFileName() + "-" + Integer.toHexString(zip.toAbsolutePath().toString().hashCode())
                + "-" + Files.getLastModifiedTime(zip).toMillis();
        Path target = scratchRoot.resolve(folderName).toAbsolutePath().normalize();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            Path partial = Files.createDirectories(scratchRoot).resolve(folderName + ".partial");
            extract(partial, problems, context);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        SourceListing listing = new FolderSource(target).list(context);
        problems.addAll(listing.problems());
        return new SourceListing(listing.files(), problems);
    }

    private void extract(Path into, List<Problem> problems, TaskContext context) throws IOException {
        Files.createDirectories(into);
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
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                } catch (ZipException e) {
                    problems.add(new Problem(zip + "!" + entry.getName(), "corrupt zip entry: " + e.getMessage()));
                }
            }
        } catch (ZipException e) {
            throw new IOException(zip + " is not a readable zip archive: " + e.getMessage(), e);
        }
    }
}
