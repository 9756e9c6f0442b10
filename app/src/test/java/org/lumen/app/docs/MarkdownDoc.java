// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown file of the repository's documentation, as the checks read it: its lines, and the code in
 * it (each line of a fenced block, each inline `span` outside one), every piece with its line number.
 *
 * @param name the path a problem names, relative to the repository
 * @param folder the folder its relative links start from
 */
record MarkdownDoc(String name, Path folder, List<String> lines) {

    /** A piece of a document: a whole line, a line of a fenced block, or an inline code span. */
    record Piece(MarkdownDoc doc, int line, String text) {
        String where() {
            return doc.name + ":" + line;
        }
    }

    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

    /** README.md, every Markdown file under docs/ and packaging/README.md. */
    static List<MarkdownDoc> ofRepository(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> walk = Files.walk(root.resolve("docs"))) {
            walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(root.resolve("packaging/README.md"));
        return files.stream().map(f -> read(root, f)).toList();
    }

    static MarkdownDoc read(Path root, Path file) {
        try {
            return new MarkdownDoc(root.relativize(file).toString(), file.getParent(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document written in a test, its links relative to {@code folder}. */
    static MarkdownDoc of(Path folder, String text) {
        return new MarkdownDoc("synthesised.md", folder, text.lines().toList());
    }

    /** Every line, whole. */
    List<Piece> allLines() {
        List<Piece> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            all.add(new Piece(this, i + 1, lines.get(i)));
        }
        return all;
    }

    /** Each line inside a fenced block marked {@code java}. */
    List<Piece> javaLines() {
        List<Piece> java = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) {
                fence = fence == null ? line.substring(3) : null;
            } else if ("java".equals(fence)) {
                java.add(new Piece(this, i + 1, lines.get(i)));
            }
        }
        return java;
    }

    /** The code: each line inside a fenced block and each inline span elsewhere. */
    List<Piece> code() {
        List<Piece> code = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                code.add(new Piece(this, i + 1, line));
            } else {
                Matcher span = SPAN.matcher(line);
                while (span.find()) {
                    code.add(new Piece(this, i + 1, span.group(1)));
                }
            }
        }
        return code;
    }
}
