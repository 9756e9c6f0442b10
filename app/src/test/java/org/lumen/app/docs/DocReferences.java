// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lumen.app.docs.MarkdownDoc.Piece;
import org.lumen.viewer.ui.Shortcut;

/**
 * What a doc names that the code must have: Lumen's packages and types, test classes, repository paths and
 * links, {@code lumen} commands with their subcommands and options, keyboard shortcuts, environment variables
 * and system properties. Each check returns one sentence per name that is missing, naming the doc and line.
 */
final class DocReferences {

    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.lumen(?:\\.(?:\\w+|\\*))+");
    /** A name in code written without {@code org.lumen.}, e.g. {@code viewer.overlay.ParametricMaps} or {@code app.gui}. */
    private static final Pattern SHORT_NAME = Pattern.compile(
            "(?:viewer|annotation|network|app|aiassist|testdata|bench|task)(?:\\.[a-z][a-z0-9]*)*(?:\\.[A-Z]\\w*(?:\\.\\w+)*)?(?:\\.\\*)?");
    private static final Pattern TEST_NAME = Pattern.compile("([A-Z]\\w*Tests?)(?:[.#](\\w+)(?:\\(\\))?)?");
    private static final Pattern TEST_OPTION = Pattern.compile("-Dtest=([A-Z]\\w*)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern LUMEN = Pattern.compile("(?<![\\w/.~-])(?:\\./)?lumen ");
    private static final Pattern WORD = Pattern.compile("[a-z][\\w-]*");
    private static final Pattern OPTION = Pattern.compile("--[a-z][\\w-]*");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\bLUMEN_[A-Z0-9_]+");
    private static final Pattern PROPERTY = Pattern.compile("-D(lumen\\.[\\w.]*\\w)");
    private static final Pattern PROPERTY_SPAN = Pattern.compile("lumen(?:\\.[a-z][A-Za-z]*)+");
    /** A key with modifiers, e.g. Ctrl+Shift+Q, Alt+1–9 or Shift+1 (not Ctrl+wheel or Shift+drag: mouse, not keys). */
    private static final Pattern MODIFIED_KEY = Pattern.compile(
            "(?<![\\w+])((?:Ctrl|Alt|Shift)\\+(?:(?:Ctrl|Alt|Shift)\\+)*(?:F\\d{1,2}|[A-Z0-9](?:(?:–|\\.\\.)9)?|\\[|\\]))(?![\\w+])");
    private static final String KEY = "(?:(?:Ctrl|Alt|Shift)\\+)*(?:F\\d{1,2}|[A-Z0-9]|Delete|Esc)";
    /** A key followed by what it does, as the README's key table writes it: "M length", "Ctrl+W closes …". */
    private static final Pattern KEY_AND_ACTION = Pattern.compile("(?<![\\w+/–-])(" + KEY + ")(?: / " + KEY + ")? ([^,;():|]+)");
    /** A class's simple name in code, alone or with a member: `SliceRenderer`, `FrameDecoder.readDirect`, `Pools.catalog()`. */
    private static final Pattern TYPE_NAME = Pattern.compile("([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)*)(?:[.#]([a-z]\\w*))?(?:\\(\\))?");
    private static final Pattern STATIC_CALL = Pattern.compile("\\b([A-Z]\\w+)\\.([a-z]\\w*)\\(");
    private static final Pattern CONSTRUCTION = Pattern.compile("\\bnew ([A-Z]\\w+)");
    private static final Pattern DATA_FILE = Pattern.compile("(?!org\\.|com\\.)[a-z0-9_-][a-z0-9_.-]*\\.(?:json|onnx|csv|html|nii\\.gz|nii|nrrd|png|txt|sqlite|aot)");
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(?:txt|md|json|java|png|csv|xml|html|dcm|py|sh)");
    /** Names in code that are neither Java types nor words of Lumen's sources: a torchvision transform, a JVM flag, an Orthanc setting, a DICOM keyword. */
    private static final Set<String> NOT_TYPES = Set.of("ToTensor", "MaxDirectMemorySize", "SslEnabled", "FailedSOPSequence");
    /** Ctrl+C stops a command in the terminal: the docs name it, the window does not bind it. */
    private static final Set<String> TERMINAL_KEYS = Set.of("Ctrl+C");

    private final Path root;
    private final SourceIndex sources;
    private final CommandTable commands;
    private final Map<String, List<String>> keys;
    private final Pattern repositoryPath;
    private final String scripts;
    private final Set<String> classPath = ClassPathNames.read();

    /**
     * @param shortcuts every key table the window binds
     * @param presetKeys how many number keys pick a window preset (each also with Shift: the file's windows)
     */
    DocReferences(Path root, SourceIndex sources, CommandTable commands, List<? extends Shortcut> shortcuts, int presetKeys) {
        this.root = root;
        this.sources = sources;
        this.commands = commands;
        this.keys = keyTable(shortcuts, presetKeys);
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

    /** Every {@code lumen COMMAND [SUBCOMMAND] [--option]…} in code is a command of the CLI or the script, with those options. */
    List<String> commands(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece code : doc.code()) {
            for (String segment : code.text().replaceFirst(" #.*", "").split(";|&&")) {
                Matcher lumen = LUMEN.matcher(segment);
                List<Integer> starts = new ArrayList<>();
                while (lumen.find()) {
                    starts.add(lumen.end());
                }
                for (int i = 0; i < starts.size(); i++) {
                    String rest = segment.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : segment.length());
                    checkCommand(code, List.of(rest.trim().split("\\s+")), problems);
                }
            }
        }
        return problems;
    }

    private void checkCommand(Piece code, List<String> words, List<String> problems) {
        if (words.isEmpty() || !WORD.matcher(words.getFirst()).matches()) {
            return; // `lumen --help`, `lumen PATH`
        }
        Optional<CommandTable.Command> top = commands.command(words.getFirst());
        if (top.isEmpty()) {
            problems.add(code.where() + ": `lumen " + words.getFirst() + "` is no command (" + String.join(", ", commands.names()) + ")");
            return;
        }
        CommandTable.Command command = top.get();
        CommandTable.Command parent = null;
        if (words.size() > 1 && WORD.matcher(words.get(1)).matches() && !command.subcommands().isEmpty()) {
            Optional<CommandTable.Command> sub = command.subcommand(words.get(1));
            if (sub.isPresent()) {
                parent = command;
                command = sub.get();
            } else if (!command.positionals()) {
                problems.add(code.where() + ": `" + command.path() + "` has no subcommand " + words.get(1));
            }
        }
        // `lumen catalog import PATH | check [--json] | backup FILE`: the alternatives' options are their own
        boolean alternatives = words.contains("|");
        for (int i = 1; i < words.size(); i++) {
            Matcher option = OPTION.matcher(words.get(i));
            if (!option.lookingAt() && !words.get(i).startsWith("[--")) {
                continue;
            }
            Matcher name = OPTION.matcher(words.get(i));
            name.find();
            String o = name.group();
            boolean known = command.hasOption().test(o) || alternatives && parent != null
                    && (parent.hasOption().test(o) || parent.subcommands().values().stream().anyMatch(c -> c.hasOption().test(o)));
            if (!known) {
                problems.add(code.where() + ": `" + command.path() + "` has no option " + o);
            }
            // `[--port 11112]`: an optional option shown with a value (not a PLACEHOLDER, WxH, or a choice a|b) shows its default
            String value = i + 1 < words.size() && words.get(i).equals("[" + o) ? words.get(i + 1) : "";
            String shown = value.replaceAll("]+$", "").replaceAll("^'|'$", "");
            if (value.endsWith("]") && !shown.contains("|") && shown.matches("[a-z0-9].*")) {
                String actual = command.defaults().get(o);
                if (actual != null && !actual.matches("\\$\\{.*") && !actual.equals(shown)) {
                    problems.add(code.where() + ": `" + command.path() + " " + o + "` defaults to " + actual + ", not " + shown);
                }
            }
            if (o.equals("--only") && command.path().equals("lumen bench") && i + 1 < words.size()) {
                for (String group : words.get(i + 1).replaceAll("[\\[\\]]", "").split(",")) {
                    if (!commands.isBenchGroup(group)) {
                        problems.add(code.where() + ": `lumen bench --only` has no group " + group);
                    }
                }
            }
        }
    }

    /** Every key with a modifier that a doc names (Ctrl+Shift+Q, Alt+1–9) is bound by one of the window's key tables. */
    List<String> modifiedKeys(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece line : doc.allLines()) {
            Matcher key = MODIFIED_KEY.matcher(line.text());
            while (key.find()) {
                for (String k : expand(key.group(1))) {
                    if (!keys.containsKey(k) && !TERMINAL_KEYS.contains(k)) {
                        problems.add(line.where() + ": " + k + " is bound to nothing");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * In the README's key table each "KEY what it does" names a bound key and says what its binding does ("M length"
     * for the length tool; one of its first three words is in the binding's own words), and every tool's key is there.
     */
    List<String> keyTable(MarkdownDoc readme, List<? extends Shortcut> tools) {
        List<String> problems = new ArrayList<>();
        Set<String> described = new HashSet<>();
        for (Piece row : keyTableRows(readme)) {
            Matcher pair = KEY_AND_ACTION.matcher(row.text());
            while (pair.find()) {
                String key = pair.group(1);
                if (key.matches("[1-9]")) {
                    continue; // the window presets' keys: ShortcutsDialogTest checks them against WindowPresets
                }
                List<String> actions = keys.get(key);
                if (actions == null) {
                    problems.add(row.where() + ": " + key + " is bound to nothing");
                    continue;
                }
                List<String> words = Arrays.stream(pair.group(2).toLowerCase(Locale.ROOT).split("\\s+"))
                        .map(w -> w.replaceAll("[^\\p{L}\\p{N}/×-]", "")).filter(w -> w.length() > 1 && !w.equals("file")).limit(3).toList();
                if (words.stream().noneMatch(w -> actions.stream().anyMatch(a -> says(a, w)))) {
                    problems.add(row.where() + ": \"" + key + " " + pair.group(2).strip() + "\" but " + key + " is bound to " + actions);
                } else {
                    described.add(key);
                }
            }
        }
        for (Shortcut tool : tools) {
            if (!described.contains(tool.keys())) {
                problems.add(readme.name() + ": the key table does not name the " + tool.action() + " tool's key " + tool.keys());
            }
        }
        return problems;
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

    private static List<Piece> keyTableRows(MarkdownDoc readme) {
        List<Piece> rows = new ArrayList<>();
        boolean inTable = false;
        for (Piece line : readme.allLines()) {
            if (line.text().equals("| | |")) {
                inTable = true;
            } else if (inTable && line.text().startsWith("|")) {
                rows.add(line);
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    /** Whether {@code action} says {@code word}: "inverts" is said by "invert", "closes" by "close the active view's study". */
    private static boolean says(String action, String word) {
        String a = action.toLowerCase(Locale.ROOT);
        return a.contains(word) || word.endsWith("s") && a.contains(word.substring(0, word.length() - 1));
    }

    /** Each key of each table ("R / Shift+R" is two, "Alt+1..9" nine), with what it does; the preset keys 1–N and Shift+1–N. */
    private static Map<String, List<String>> keyTable(List<? extends Shortcut> shortcuts, int presetKeys) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (Shortcut s : shortcuts) {
            for (String alternative : s.keys().split(" / | or ")) {
                for (String k : expand(alternative)) {
                    table.computeIfAbsent(k, x -> new ArrayList<>()).add(s.action());
                }
            }
        }
        for (int i = 1; i <= presetKeys; i++) {
            table.computeIfAbsent(Integer.toString(i), x -> new ArrayList<>()).add("window preset");
            table.computeIfAbsent("Shift+" + i, x -> new ArrayList<>()).add("the file's own window");
        }
        return table;
    }

    /** "Alt+1–9" or "Alt+1..9" as the nine keys it means; any other key as itself. */
    private static List<String> expand(String key) {
        Matcher range = Pattern.compile("(.*?)(\\d)(?:–|\\.\\.)(\\d)").matcher(key);
        if (!range.matches()) {
            return List.of(key);
        }
        List<String> all = new ArrayList<>();
        for (int d = Integer.parseInt(range.group(2)); d <= Integer.parseInt(range.group(3)); d++) {
            all.add(range.group(1) + d);
        }
        return all;
    }
}
