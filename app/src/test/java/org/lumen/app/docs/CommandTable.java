// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Every {@code lumen} command a doc may name: the CLI's own command tree (picocli's model of
 * {@code LumenCommand}, options and subcommands included) and the commands the {@code ./lumen} script
 * handles itself before the CLI starts ({@code test}, {@code bench}, {@code package}), read from the script.
 */
final class CommandTable {

    /**
     * One command: whether it has an option, its subcommands, whether it takes positional parameters, the default
     * value of each option that has one, and each option's parameter label (`nifti|nrrd|raw`, `auto|cpu|cuda:N`).
     */
    record Command(String path, Predicate<String> hasOption, Map<String, Command> subcommands, boolean positionals,
            Map<String, String> defaults, Map<String, String> labels) {

        Optional<Command> subcommand(String name) {
            return Optional.ofNullable(subcommands.get(name));
        }
    }

    private static final Pattern SCRIPT_CASE = Pattern.compile("(?m)^  ([a-z]+)\\)$");

    private final Map<String, Command> top = new LinkedHashMap<>();
    private final String benchSource;

    private CommandTable(String benchSource) {
        this.benchSource = benchSource;
    }

    /** The commands of {@code cli} (the {@code lumen} command line) and of the script in {@code root}. */
    static CommandTable of(CommandLine cli, Path root) {
        CommandTable table = new CommandTable(SourceIndex.read(root.resolve("benchmarks/src/main/java/org/lumen/bench/BenchMain.java")));
        cli.getSubcommands().forEach((name, sub) -> table.top.put(name, fromPicocli("lumen " + name, sub)));
        String script = SourceIndex.read(root.resolve("lumen"));
        String packageScript = SourceIndex.read(root.resolve("packaging/package.sh"));
        String cases = script.substring(script.indexOf("case \"${1:-}\" in"));
        Matcher label = SCRIPT_CASE.matcher(cases);
        while (label.find()) {
            String name = label.group(1);
            Predicate<String> option = switch (name) {
                case "bench" -> o -> table.benchSource.contains("\"" + o + "\"");
                case "package" -> packageScript::contains;
                default -> o -> true; // `./lumen test` hands its arguments to Maven
            };
            table.top.put(name, new Command("lumen " + name, option, Map.of(), true, Map.of(), Map.of()));
        }
        return table;
    }

    private static Command fromPicocli(String path, CommandLine line) {
        Map<String, Command> subs = new LinkedHashMap<>();
        line.getSubcommands().forEach((name, sub) -> subs.put(name, fromPicocli(path + " " + name, sub)));
        var spec = line.getCommandSpec();
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        spec.optionsMap().forEach((name, option) -> {
            if (option.defaultValue() != null) {
                defaults.put(name, option.defaultValue());
            }
            labels.put(name, option.paramLabel());
        });
        return new Command(path, o -> spec.optionsMap().containsKey(o) || o.equals("--help") || o.equals("--version"), subs,
                !spec.positionalParameters().isEmpty(), defaults, labels);
    }

    Optional<Command> command(String name) {
        return Optional.ofNullable(top.get(name));
    }

    /** Whether {@code group} is one of the benchmark groups {@code lumen bench --only} takes (a quoted name in BenchMain). */
    boolean isBenchGroup(String group) {
        return benchSource.contains("\"" + group + "\"");
    }

    List<String> names() {
        return List.copyOf(top.keySet());
    }
}
