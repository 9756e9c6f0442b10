// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The simple names of the top-level classes a doc may name besides Lumen's own: the JDK's and those of every
 * jar on this test's class path (PixelMed, JavaFX, ONNX Runtime, …), so `AttributeList` or `PixelBuffer` in
 * a doc is a real class and a misspelt one is not.
 */
final class ClassPathNames {

    private ClassPathNames() { }

    static Set<String> read() {
        Set<String> names = new HashSet<>();
        try (Stream<Path> jdk = Files.walk(FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules"))) {
            jdk.forEach(p -> add(p.getFileName() == null ? "" : p.getFileName().toString(), names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            addEntry(Path.of(entry), names, true);
        }
        return names;
    }

    /** A jar or a classes folder; a jar's manifest Class-Path too (surefire may start tests through one such jar). */
    private static void addEntry(Path entry, Set<String> names, boolean followManifest) {
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    walk.forEach(p -> add(p.getFileName().toString(), names));
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    jar.stream().forEach(e -> add(e.getName().substring(e.getName().lastIndexOf('/') + 1), names));
                    var manifest = jar.getManifest();
                    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (followManifest && classPath != null) {
                        for (String url : List.of(classPath.trim().split("\\s+"))) {
                            addEntry(Path.of(URI.create(url.startsWith("file:") ? url : entry.getParent().toUri().resolve(url).toString())), names, false);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(String fileName, Set<String> names) {
        if (fileName.endsWith(".class") && !fileName.contains("$")) {
            names.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }
}
