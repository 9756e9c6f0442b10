// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lumen.app.docs.MarkdownDoc.Piece;

/** The docs' tables of what the build is made of: the README's modules and docs/architecture.md's packages. */
final class TableReferences {

    private final Path root;
    private final SourceIndex sources;

    TableReferences(Path root, SourceIndex sources) {
        this.root = root;
        this.sources = sources;
    }

    /**
     * docs/architecture.md's package table names every package of the main sources that holds a class, and only
     * packages that exist. A row names a package in full, then siblings as `.name` (children, after a module's root
     * package: `org.lumen.network`, `.node`).
     */
    List<String> packageTable(MarkdownDoc architecture) {
        List<String> problems = new ArrayList<>();
        Set<String> named = new HashSet<>();
        boolean inTable = false;
        for (Piece line : architecture.allLines()) {
            if (line.text().startsWith("## ")) {
                inTable = line.text().equals("## Packages");
            } else if (inTable && line.text().startsWith("| `")) {
                String[] cells = line.text().split("\\|");
                String base = null;
                Matcher name = Pattern.compile("`([^`]+)`").matcher(cells[1]);
                while (name.find()) {
                    String n = name.group(1);
                    if (n.startsWith("org.lumen.")) {
                        base = n;
                    } else if (base != null && n.startsWith(".")) {
                        String b = base;
                        n = Stream.of(b.substring(0, b.lastIndexOf('.')) + n, b + n).filter(sources::isPackage).findFirst().orElse(b + n);
                    }
                    if (!sources.isPackage(n)) {
                        problems.add(line.where() + ": no package " + n);
                    }
                    named.add(n);
                }
                Matcher inner = Pattern.compile("`(\\.[a-z]+)`").matcher(cells.length > 3 ? cells[3] : "");
                while (base != null && inner.find()) {
                    named.add(base + inner.group(1)); // `org.lumen.app.workflow`: `.labelling` (…), `.review` (…)
                }
            }
        }
        for (String p : sources.mainPackages()) {
            if (!named.contains(p)) {
                problems.add(architecture.name() + ": the package table leaves out " + p);
            }
        }
        return problems;
    }

    /** The README's module table has one row per module of the root pom, and no other. */
    List<String> moduleTable(MarkdownDoc readme) {
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(SourceIndex.read(root.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1));
        }
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (Piece line : readme.allLines()) {
            if (line.text().startsWith("## ")) {
                inTable = line.text().equals("## Modules");
            } else if (inTable && line.text().matches("\\| `[^`]+` \\|.*")) {
                rows.add(line.text().substring(3, line.text().indexOf('`', 3)));
            }
        }
        List<String> problems = new ArrayList<>();
        modules.stream().filter(m -> !rows.contains(m)).forEach(m -> problems.add(readme.name() + ": the module table leaves out " + m));
        rows.stream().filter(r -> !modules.contains(r)).forEach(r -> problems.add(readme.name() + ": the module table names " + r
                + ", which the root pom does not build"));
        return problems;
    }
}
