// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A grade computed from how many findings of each class an image has, as the card states it
 * ({@code image.grade}): the rules are tried in order and the first whose any-of condition holds
 * gives the grade; when none holds, {@code otherwise}. Levels are listed from best to worst, so
 * grades compare (a study takes its worst image's grade).
 *
 * @param levels    every grade, best first ("none", "mild", "moderate", "severe")
 * @param rules     tried in order
 * @param otherwise the grade when no rule holds
 */
public record GradeRule(List<String> levels, List<Rule> rules, String otherwise) {

    /** A grade and the conditions of which one suffices. */
    public record Rule(String grade, List<Condition> anyOf) {
        public Rule {
            Objects.requireNonNull(grade, "grade");
            anyOf = List.copyOf(anyOf);
        }
    }

    /** At least {@code atLeast} findings of the class named {@code className}. */
    public record Condition(String className, int atLeast) {
        public Condition {
            Objects.requireNonNull(className, "className");
            if (atLeast < 1) {
                throw new IllegalArgumentException("atLeast must be 1 or more, was " + atLeast);
            }
        }

        String describe() {
            return atLeast + " or more " + className;
        }
    }

    public GradeRule {
        levels = List.copyOf(levels);
        rules = List.copyOf(rules);
        Objects.requireNonNull(otherwise, "otherwise");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a grade rule needs its levels");
        }
        if (!levels.contains(otherwise)) {
            throw new IllegalArgumentException("otherwise grade \"" + otherwise + "\" is not one of the levels " + levels);
        }
        for (Rule r : rules) {
            if (!levels.contains(r.grade())) {
                throw new IllegalArgumentException("rule grade \"" + r.grade() + "\" is not one of the levels " + levels);
            }
            if (r.anyOf().isEmpty()) {
                throw new IllegalArgumentException("the rule for \"" + r.grade() + "\" has no condition");
            }
        }
    }

    /** The grade for these counts of findings per class name (absent: none found). */
    public String grade(Map<String, Integer> counts) {
        for (Rule r : rules) {
            for (Condition c : r.anyOf()) {
                if (counts.getOrDefault(c.className(), 0) >= c.atLeast()) {
                    return r.grade();
                }
            }
        }
        return otherwise;
    }

    /** Position of a grade among the levels, best first (0). */
    public int rank(String grade) {
        return levels.indexOf(grade);
    }

    /** The rule in words, as the card view and docs show it. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Rule r : rules) {
            lines.add(r.grade() + ": " + r.anyOf().stream().map(Condition::describe).collect(Collectors.joining(" or ")));
        }
        lines.add("otherwise " + otherwise);
        return lines;
    }
}
