// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages and top-level types of every module's main and test sources, read from the source tree (not
 * the class path, which holds only the modules the app depends on), so a doc may name any of them.
 */
final class SourceIndex {

    private final Set<String> packages = new HashSet<>();
    private final Map<String, Path> types = new HashMap<>();
    private final Map<String, Path> testTypes = new HashMap<>();
    private final Set<String> mainPackages = new java.util.TreeSet<>();
    private String allSources;
    private Set<String> declared;
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    /** Indexes {@code MODULE/src/main/java} and {@code MODULE/src/test/java} of each module under {@code root}. */
    static SourceIndex of(Path root) {
        SourceIndex index = new SourceIndex();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                index.add(module.resolve("src/main/java"), false);
                index.add(module.resolve("src/test/java"), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    private void add(Path sources, boolean tests) throws IOException {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path p : walk.toList()) {
                String relative = sources.relativize(p).toString().replace(java.io.File.separatorChar, '.');
                if (Files.isDirectory(p) && !relative.isEmpty()) {
                    packages.add(relative);
                } else if (relative.endsWith(".java")) {
                    String type = relative.substring(0, relative.length() - ".java".length());
                    types.put(type, p);
                    if (!tests && !relative.endsWith("package-info.java") && type.contains(".")) {
                        mainPackages.add(type.substring(0, type.lastIndexOf('.')));
                    }
                    if (tests) {
                        testTypes.put(type.substring(type.lastIndexOf('.') + 1), p);
                    }
                }
            }
        }
    }

    /**
     * Why {@code name} (a package, a type, or a type followed by members or nested types, e.g.
     * {@code org.lumen.viewer.ui.ViewportTool.forKey}; {@code .*} allowed after a package) names nothing in
     * the sources, or empty when it names something.
     */
    Optional<String> whyMissing(String name) {
        List<String> parts = List.of(name.split("\\."));
        int known = parts.size();
        while (known > 0 && !packages.contains(String.join(".", parts.subList(0, known)))) {
            known--;
        }
        if (known == parts.size() || known == parts.size() - 1 && parts.getLast().equals("*")) {
            return Optional.empty();
        }
        String next = String.join(".", parts.subList(0, known + 1));
        if (!Character.isUpperCase(parts.get(known).charAt(0))) {
            return Optional.of("no package " + next);
        }
        Path file = types.get(next);
        if (file == null) {
            return Optional.of("no type " + next);
        }
        String source = read(file);
        for (String member : parts.subList(known + 1, parts.size())) {
            if (!member.equals("*") && !Pattern.compile("\\b" + Pattern.quote(member) + "\\b").matcher(source).find()) {
                return Optional.of(next + " has no " + member);
            }
        }
        return Optional.empty();
    }

    /** Whether any source file, main or test, contains {@code text} (a string literal, a variable's name). */
    boolean anySourceContains(String text) {
        if (allSources == null) {
            // not these checks' own tests, whose synthesised stale names would count as read
            allSources = types.values().stream().filter(p -> !p.toString().contains("org/lumen/app/docs/")).map(SourceIndex::read).collect(java.util.stream.Collectors.joining("\n"));
        }
        return allSources.contains(text);
    }

    /** The packages of the modules' main sources that hold a type (not only a package-info). */
    Set<String> mainPackages() {
        return mainPackages;
    }

    /** Whether {@code name} is a package of the sources. */
    boolean isPackage(String name) {
        return packages.contains(name);
    }

    /** Every type the sources declare, top-level or nested, by simple name. */
    Set<String> declaredTypeNames() {
        if (declared == null) {
            declared = new HashSet<>();
            for (Path file : types.values()) {
                Matcher m = DECLARATION.matcher(read(file));
                while (m.find()) {
                    declared.add(m.group(1));
                }
            }
        }
        return declared;
    }

    /** The sources of the top-level types named {@code simpleName}, in any package. */
    List<String> sourcesOf(String simpleName) {
        return types.entrySet().stream().filter(e -> e.getKey().endsWith("." + simpleName)).map(e -> read(e.getValue())).toList();
    }

    /** The source of test class {@code simpleName}, if any module has one. */
    Optional<String> testSource(String simpleName) {
        return Optional.ofNullable(testTypes.get(simpleName)).map(SourceIndex::read);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
