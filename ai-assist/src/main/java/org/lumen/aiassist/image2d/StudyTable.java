// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lumen.aiassist.model.ImageFacts;

/**
 * A study result as rows a reader scans: the study's class or grade with its score and the card's rule
 * first, then each side's for a per-laterality rule, then one row per image in the order the images were
 * given (its number, laterality and view, class or grade and score), an image outside the model's
 * intended use with the sentence that says why it was skipped.
 */
public record StudyTable(List<Row> rows) {

    /** What a row stands for. */
    public enum Kind { STUDY, SIDE, IMAGE, SKIPPED }

    /**
     * @param image  "Study", "L", "R" (a side), "2" (the image's number)
     * @param where  laterality and view ("L CC"), empty for the study and side rows
     * @param result class or grade, empty for a skipped image
     * @param score  its score, NaN for a skipped image
     * @param note   the card's rule and what it does (study row), or why an image was skipped
     */
    public record Row(Kind kind, String image, String where, String result, double score, String note) {

        public Row {
            Objects.requireNonNull(kind, "kind");
        }
    }

    public StudyTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param inputs every image offered to the model, in order (image n is the n-th, counted from 1), those
     *               skipped included
     */
    public static StudyTable of(StudyResult study, List<ImageFacts> inputs) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Kind.STUDY, "Study", "", study.label(), study.score(), study.rule() + ": " + ruleSentence(study.rule())));
        for (Map.Entry<String, StudyResult.Contribution> side : study.bySide().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            rows.add(new Row(Kind.SIDE, side.getKey(), "", side.getValue().label(), side.getValue().score(),
                    "this side's best image"));
        }
        int skipped = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ImageFacts facts = inputs.get(i);
            StudyResult.Contribution c = contributionOf(study, facts);
            String image = String.valueOf(i + 1);
            if (c != null) {
                rows.add(new Row(Kind.IMAGE, image, where(c.laterality(), c.view()), c.label(), c.score(), ""));
            } else {
                String why = skipped < study.skipped().size() ? study.skipped().get(skipped) : "outside the model's intended use";
                skipped++;
                rows.add(new Row(Kind.SKIPPED, image, where(facts.laterality(), facts.viewPosition()), "", Double.NaN, "skipped: " + why));
            }
        }
        return new StudyTable(rows);
    }

    private static StudyResult.Contribution contributionOf(StudyResult study, ImageFacts facts) {
        for (StudyResult.Contribution c : study.contributions()) {
            if (facts.imageUid().equals(c.imageUid()) && facts.frame() == c.frame()) {
                return c;
            }
        }
        return null;
    }

    private static String where(String laterality, String view) {
        String s = (laterality == null ? "" : laterality) + (view == null ? "" : " " + view);
        return s.isBlank() ? "—" : s.strip();
    }

    /** What the card's study rule does, in a sentence the table's study row carries. */
    static String ruleSentence(String rule) {
        return switch (rule) {
            case "max" -> "the highest image score (grades: the worst image)";
            case "mean" -> "the mean over the images (grades: the worst image)";
            case "perLaterality" -> "each side's best image, then the worse side";
            default -> rule;
        };
    }
}
