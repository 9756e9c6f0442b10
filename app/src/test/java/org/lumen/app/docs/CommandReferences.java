// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lumen.app.docs.MarkdownDoc.Piece;

/** Every {@code lumen} command a doc shows in code is a command of the CLI or the script, with those subcommands, options and defaults. */
final class CommandReferences {

    private static final Pattern LUMEN = Pattern.compile("(?<![\\w/.~-])(?:\\./)?lumen ");
    private static final Pattern WORD = Pattern.compile("[a-z][\\w-]*");
    private static final Pattern OPTION = Pattern.compile("--[a-z][\\w-]*");

    private final CommandTable commands;

    CommandReferences(CommandTable commands) {
        this.commands = commands;
    }

    /**
     * Every {@code lumen COMMAND [SUBCOMMAND] [--option]…} in code is a command of the CLI or the script, with those
     * options; so is a span that starts with a command that has subcommands, without {@code lumen} (`pacs get --via move`).
     */
    List<String> commands(MarkdownDoc doc) {
        List<String> problems = new ArrayList<>();
        for (Piece code : doc.code()) {
            List<String> words = List.of(code.text().trim().split("\\s+"));
            if (words.size() > 1 && !LUMEN.matcher(code.text()).find()
                    && commands.command(words.getFirst()).filter(c -> !c.subcommands().isEmpty()).isPresent()) {
                checkCommand(code, words, problems);
            }
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

    /** A choice of a parameter label as a pattern: `cuda:N` matches `cuda:0`, `PRESET` anything. */
    private static Pattern choicePattern(String choice) {
        StringBuilder regex = new StringBuilder();
        for (String part : choice.split("(?<=[A-Z])(?![A-Z])|(?<![A-Z])(?=[A-Z])")) {
            regex.append(part.matches("[A-Z]+") ? ".+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
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
            // `--to nifti|nrrd|raw`: each choice a doc shows is one of the option's own (an upper-case part is a placeholder)
            String label = command.labels().get(o);
            String choices = i + 1 < words.size() ? words.get(i + 1).replaceAll("[\\[\\]]", "") : "";
            if (label != null && label.contains("|") && choices.contains("|")) {
                List<Pattern> allowed = Stream.of(label.split("\\|")).map(CommandReferences::choicePattern).toList();
                for (String choice : choices.split("\\|")) {
                    if (allowed.stream().noneMatch(p -> p.matcher(choice).matches())) {
                        problems.add(code.where() + ": `" + command.path() + " " + o + "` takes " + label + ", not " + choice);
                    }
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
}
