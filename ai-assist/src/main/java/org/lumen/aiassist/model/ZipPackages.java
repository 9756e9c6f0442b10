// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.lumen.io.AtomicFiles;
import org.lumen.io.Folders;

/**
 * Unpacks zipped model packages into a cache folder named after the zip's checksum, so a zip is
 * extracted once and a changed zip is never confused with the old one. The package root is the
 * zip's top level, or its single top-level folder (how MONAI Bundles are zipped).
 */
final class ZipPackages {

    private static final String COMPLETE = ".complete";

    private final Path root;

    ZipPackages(Path root) {
        this.root = root;
    }

    Path extract(Path zip) throws ModelRefusedException {
        if (!zip.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            throw new ModelRefusedException(Refusal.NOT_A_PACKAGE, zip, "it is neither a folder nor a .zip archive");
        }
        try {
            String hash = ModelPackageReader.sha256(zip).substring(0, 16);
            String base = zip.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
            Path target = root.resolve(base + "-" + hash);
            if (!Files.exists(target.resolve(COMPLETE))) {
                unpack(zip, target);
            }
            return packageRoot(target);
        } catch (ZipException e) {
            throw new ModelRefusedException(Refusal.NOT_A_PACKAGE, zip, "it is not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelRefusedException(Refusal.MISSING_FILE, zip, "it cannot be unpacked: " + e.getMessage(), e);
        }
    }

    private void unpack(Path zip, Path target) throws IOException, ModelRefusedException {
        Files.createDirectories(root);
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Folders.deleteTree(partial);
        Files.createDirectories(partial);
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new ModelRefusedException(Refusal.NOT_A_PACKAGE, zip, "its entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    InputStream body = in;
                    AtomicFiles.write(out, o -> body.transferTo(o));
                    entries++;
                }
            }
        }
        if (entries == 0) {
            Folders.deleteTree(partial);
            throw new ModelRefusedException(Refusal.NOT_A_PACKAGE, zip, "it is not a zip archive with files in it");
        }
        AtomicFiles.write(partial.resolve(COMPLETE), new byte[0]);
        Folders.deleteTree(target);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another process unpacked the same zip at the same time: theirs is as good as ours.
            Folders.deleteTree(partial);
        }
    }

    private static Path packageRoot(Path target) throws IOException {
        if (Files.exists(target.resolve(ModelPackageReader.CARD))) {
            return target;
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(target)) {
            children.filter(Files::isDirectory).forEach(folders::add);
        }
        return folders.size() == 1 ? folders.getFirst() : target;
    }
}
