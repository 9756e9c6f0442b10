// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lumen.app.docs.MarkdownDoc.Piece;

/**
 * The names a doc gives that the code must have: Lumen's packages and types (and the calls of its Java examples),
 * test classes, repository paths and links, data files, environment variables and system properties. Each check
 * returns one sentence per name that is missing, naming the doc and line; {@link CommandReferences},
 * {@link KeyReferences} and {@link TableReferences} check commands, keys and the docs' tables of modules and packages.
 */
final class DocReferences {

    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.lumen(?:\\.(?:\\w+|\\*))+");
    /** A name in code written without {@code org.lumen.}, e.g. {@code viewer.overlay.ParametricMaps} or {@code app.gui}. */
    private static final Pattern SHORT_NAME = Pattern.compile(
            "(?:viewer|annotation|network|app|aiassist|testdata|bench|task)(?:\\.[a-z][a-z0-9]*)*(?:\\.[A-Z]\\w*(?:\\.\\w+)*)?(?:\\.\\*)?");
    private static final Pattern TEST_NAME = Pattern.compile("([A-Z]\\w*Tests?)(?:[.#](\\w+)(?:\\(\\))?)?");
    private static final Pattern TEST_OPTION = Pattern.compile("-Dtest=([A-Z]\\w*)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\bLUMEN_[A-Z0-9_]+");
    private static final Pattern PROPERTY = Pattern.compile("-D(lumen\\.[\\w.]*\\w)");
    private static final Pattern PROPERTY_SPAN = Pattern.compile("lumen(?:\\.[a-z][A-Za-z]*)+");
    /** A class's simple name in code, alone or with a member: `SliceRenderer`, `FrameDecoder.readDirect`, `Pools.catalog()`. */
    private static final Pattern TYPE_NAME = Pattern.compile("([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)*)(?:[.#]([a-z]\\w*))?(?:\\(\\))?");
    private static final Pattern STATIC_CALL = Pattern.compile("\\b([A-Z]\\w+)\\.([a-z]\\w*)\\(");
    private static final Pattern CONSTRUCTION = Pattern.compile("\\bnew ([A-Z]\\w+)");
    private static final Pattern DATA_FILE = Pattern.compile("(?!org\\.|com\\.)[a-z0-9_-][a-z0-9_.-]*\\.(?:json|onnx|csv|html|nii\\.gz|nii|nrrd|png|txt|sqlite|aot)");
    private static final Pattern DECISION = Pattern.compile("\\b(?:ADRs?|[Dd]ecisions?) \\d{4}(?:(?:, | and | or )\\d{4})*");
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(?:txt|md|json|java|png|csv|xml|html|dcm|py|sh)");
    /** Names in code that are neither Java types nor words of Lumen's sources: a torchvision transform, a JVM flag, an Orthanc setting, a DICOM keyword. */
    private static final Set<String> NOT_TYPES = Set.of("ToTensor", "MaxDirectMemorySize", "SslEnabled", "FailedSOPSequence");

    private final Path root;
    private final SourceIndex sources;
    private final Pattern repositoryPath;
    private final String scripts;
    private final Set<String> classPath = ClassPathNames.read();

    DocReferences(Path root, SourceIndex sources) {
        this.root = root;
        this.sources = sources;
        try (Stream<Path> top = Files.list(root)) {
            String entries = top.map(p -> p.getFileName().toString()).filter(n -> !n.equals("target") && !n.equals(".git"))
                    .map(Pattern::quote).collect(Collectors.joining("|"));
            this.repositoryPath = Pattern.compile("(?<![\\w./~-])(?:" + entries + ")/[\\w./@-]*[\\w/]");
            this.scripts = Stream.of("lumen", ".ci/run", "packaging/package.sh", "packaging/src/linux/lumen")
                    .map(root::resolve).filter(Files::isRegularFile).map(SourceIndex::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code org.lumen…} name, and every short one in code ({@code app.gui.ObjectOverlays}), is a package or type. */
    List<String> qualifiedNames(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.allLines()) {
            Matcher m = QUALIFIED.matcher(line.text());
            while (m.find()) {
                sources.whyMissing(m.group()).ifPresent(why -> problems.add(line.where() + ": `" + m.group() + "`: " + why));
            }
        }
        for (Piece code : doc.code()) {
            String name = code.text().replaceFirst("\\(.*\\)$", "");
            if (SHORT_NAME.matcher(name).matches() && name.contains(".")) {
                sources.whyMissing("org.lumen." + name).ifPresent(why -> problems.add(code.where() + ": `" + name + "`: " + why));
            }
        }
        return problems;
    }

    /**
     * Every class named in code by its simple name is a Lumen type (with that member, if one is named), a class of
     * the JDK or of a library on the class path, or a word Lumen's sources use (a DICOM keyword, an ONNX operator,
     * an Orthanc setting). A renamed class is caught unless its old name lingers in some source.
     */
    List<String> typeNames(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece code : doc.code()) {
            Matcher m = TYPE_NAME.matcher(code.text());
            if (!m.matches() || FILE_NAME.matcher(code.text()).matches()) {
                continue;
            }
            String name = m.group(1);
            String member = m.group(2);
            if (member == null && name.chars().filter(Character::isUpperCase).count() == 1) {
                continue; // `Segmentation`, `Conv`: one capitalised word alone is as often a term as a class
            }
            List<String> own = sources.sourcesOf(name);
            if (!own.isEmpty()) {
                Pattern word = member == null ? null : Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
                if (word != null && own.stream().noneMatch(source -> word.matcher(source).find())) {
                    problems.add(code.where() + ": " + name + " has no " + member);
                }
            } else if (!sources.declaredTypeNames().contains(name) && !classPath.contains(name) && !NOT_TYPES.contains(name)
                    && !sources.anySourceContains(name)) {
                problems.add(code.where() + ": no type " + name);
            }
        }
        return problems;
    }

    /** In the Java examples, every {@code Type.method(…)} of a Lumen type is one of its methods and every {@code new Type(…)} a class. */
    List<String> javaExamples(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.javaLines()) {
            Matcher call = STATIC_CALL.matcher(line.text());
            while (call.find()) {
                List<String> own = sources.sourcesOf(call.group(1));
                Pattern method = Pattern.compile("\\b" + Pattern.quote(call.group(2)) + "\\s*\\(");
                if (!own.isEmpty() && own.stream().noneMatch(s -> method.matcher(s).find())) {
                    problems.add(line.where() + ": " + call.group(1) + " has no method " + call.group(2));
                }
            }
            Matcher created = CONSTRUCTION.matcher(line.text());
            while (created.find()) {
                String type = created.group(1);
                if (sources.sourcesOf(type).isEmpty() && !sources.declaredTypeNames().contains(type) && !classPath.contains(type)) {
                    problems.add(line.where() + ": no type " + type);
                }
            }
        }
        return problems;
    }

    /** Every test class named in code (`FooTest`, `FooTest.method`, {@code -Dtest=FooTest}) exists, with that method. */
    List<String> testClasses(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece code : doc.code()) {
            Matcher name = TEST_NAME.matcher(code.text());
            Matcher option = TEST_OPTION.matcher(code.text());
            if (name.matches()) {
                checkTest(code, name.group(1), name.group(2), problems);
            }
            while (option.find()) {
                checkTest(code, option.group(1), null, problems);
            }
        }
        return problems;
    }

    private void checkTest(Piece code, String test, String method, List<String> problems) {
        Optional<String> source = sources.testSource(test);
        if (source.isEmpty()) {
            problems.add(code.where() + ": no test class " + test);
        } else if (method != null && !source.get().contains(method)) {
            problems.add(code.where() + ": " + test + " has no " + method);
        }
    }

    /** Every repository path (docs/…, packaging/…, viewer/src/…) and every relative link exists. */
    List<String> paths(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.allLines()) {
            Matcher path = repositoryPath.matcher(line.text());
            while (path.find()) {
                String p = path.group();
                boolean generated = p.contains("target/") || p.contains("*") || p.contains("…") || p.contains("...");
                if (!generated && !Files.exists(root.resolve(p))) {
                    problems.add(line.where() + ": no file or folder " + p);
                }
            }
            Matcher link = LINK.matcher(line.text());
            while (link.find()) {
                String target = link.group(1).replaceFirst("#.*", "");
                if (!target.isEmpty() && !target.matches("^[a-z]+:.*") && !Files.exists(doc.folder().resolve(target))) {
                    problems.add(line.where() + ": the link " + link.group(1) + " leads nowhere");
                }
            }
        }
        return problems;
    }

    /** Every file Lumen reads or writes that a doc names in code (`findings.json`, `report.html`) is named by the code or a script. */
    List<String> fileNames(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece code : doc.code()) {
            if (DATA_FILE.matcher(code.text()).matches() && !scripts.contains(code.text()) && !sources.anySourceContains(code.text())) {
                problems.add(code.where() + ": nothing reads or writes " + code.text());
            }
        }
        return problems;
    }

    /** Every decision a doc cites ("ADR 0037", "decision 0022", "decisions 0002 and 0014") is a file in docs/decisions. */
    List<String> decisions(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.allLines()) {
            Matcher cited = DECISION.matcher(line.text());
            while (cited.find()) {
                Matcher number = Pattern.compile("\\d{4}").matcher(cited.group());
                while (number.find()) {
                    String n = number.group();
                    try (Stream<Path> files = Files.list(root.resolve("docs/decisions"))) {
                        if (files.noneMatch(f -> f.getFileName().toString().startsWith(n + "-"))) {
                            problems.add(line.where() + ": no decision " + n + " in docs/decisions");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return problems;
    }

    /** Every {@code LUMEN_…} variable and {@code -Dlumen.…} property a doc names is read by the code or a script. */
    List<String> settings(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.allLines()) {
            Matcher variable = ENVIRONMENT.matcher(line.text());
            while (variable.find()) {
                if (!scripts.contains(variable.group()) && !sources.anySourceContains(variable.group())) {
                    problems.add(line.where() + ": nothing reads " + variable.group());
                }
            }
            Matcher property = PROPERTY.matcher(line.text());
            while (property.find()) {
                checkProperty(line, property.group(1), problems);
            }
        }
        for (Piece code : doc.code()) {
            if (PROPERTY_SPAN.matcher(code.text()).matches()) {
                checkProperty(code, code.text(), problems);
            }
        }
        return problems;
    }

    private void checkProperty(Piece where, String property, List<String> problems) {
        if (!scripts.contains(property) && !sources.anySourceContains("\"" + property + "\"")) {
            problems.add(where.where() + ": nothing reads the property " + property);
        }
    }
}
