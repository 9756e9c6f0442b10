// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lumen.app.docs.MarkdownDoc.Piece;
import org.lumen.viewer.ui.Shortcut;

/** The keys a doc names are the keys the window binds, and the README's key table says what each does. */
final class KeyReferences {

    /** A key with modifiers, e.g. Ctrl+Shift+Q, Alt+1–9 or Shift+1 (not Ctrl+wheel or Shift+drag: mouse, not keys). */
    private static final Pattern MODIFIED_KEY = Pattern.compile(
            "(?<![\\w+])((?:Ctrl|Alt|Shift)\\+(?:(?:Ctrl|Alt|Shift)\\+)*(?:F\\d{1,2}|[A-Z0-9](?:(?:–|\\.\\.)9)?|\\[|\\]))(?![\\w+])");
    private static final String KEY = "(?:(?:Ctrl|Alt|Shift)\\+)*(?:F\\d{1,2}|[A-Z0-9]|Delete|Esc)";
    /** A key followed by what it does, as the README's key table writes it: "M length", "Ctrl+W closes …". */
    private static final Pattern KEY_AND_ACTION = Pattern.compile("(?<![\\w+/–-])(" + KEY + ")(?: / " + KEY + ")? ([^,;():|]+)");
    /** Ctrl+C stops a command in the terminal: the docs name it, the window does not bind it. */
    private static final Set<String> TERMINAL_KEYS = Set.of("Ctrl+C");

    private final Map<String, List<String>> keys;

    /**
     * @param shortcuts every key table the window binds
     * @param presetKeys how many number keys pick a window preset (each also with Shift: the file's windows)
     */
    KeyReferences(List<? extends Shortcut> shortcuts, int presetKeys) {
        this.keys = bindings(shortcuts, presetKeys);
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
    private static Map<String, List<String>> bindings(List<? extends Shortcut> shortcuts, int presetKeys) {
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
