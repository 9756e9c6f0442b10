// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lumen.aiassist.model.GradeRule;
import org.lumen.aiassist.model.ImageContract;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelClass;
import org.lumen.aiassist.model.OutputKind;
import org.lumen.aiassist.pipeline.ClassScore;

/**
 * Combines per-image results into a study result by the card's rule ({@link ImageContract.StudyRule}):
 * <ul>
 *   <li>each image contributes one label and score: a classifier's top class; a detector with a grade
 *       rule its grade (score: its best finding's); any other detector its best finding ("no finding", 0);</li>
 *   <li>grades (a grade rule's, or an ordinal classifier's classes) combine to the worst one, whatever the rule;</li>
 *   <li>{@code max}: classes by their highest score over the images; {@code mean}: by their mean score;
 *       the study's label is the best-scoring class;</li>
 *   <li>{@code perLaterality}: the images of each side (L, R, and U for none given) are combined by max first,
 *       and the study takes the worse side.</li>
 * </ul>
 */
public final class StudyCombiner {

    public static final String NO_FINDING = "no finding";

    private StudyCombiner() { }

    public static StudyResult combine(ModelCard card, List<ImageResult> images, List<String> skipped, long loadNanos) {
        ImageContract contract = ImagePipeline.requireImageCard(card);
        List<StudyResult.Contribution> contributions = new ArrayList<>();
        for (ImageResult r : images) {
            contributions.add(contribution(card, r));
        }
        Map<String, StudyResult.Contribution> bySide = new LinkedHashMap<>();
        StudyResult.Contribution study;
        if (images.isEmpty()) {
            study = new StudyResult.Contribution(null, 0, null, null, NO_FINDING, 0);
        } else if (contract.study() == ImageContract.StudyRule.PER_LATERALITY) {
            Map<String, List<Integer>> sides = new LinkedHashMap<>();
            for (int i = 0; i < images.size(); i++) {
                sides.computeIfAbsent(side(images.get(i)), s -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> e : sides.entrySet()) {
                List<ImageResult> sub = e.getValue().stream().map(images::get).toList();
                List<StudyResult.Contribution> subC = e.getValue().stream().map(contributions::get).toList();
                StudyResult.Contribution c = combineMax(card, sub, subC);
                bySide.put(e.getKey(), new StudyResult.Contribution(null, 0, e.getKey(), null, c.label(), c.score()));
            }
            study = worst(card, new ArrayList<>(bySide.values()));
        } else if (contract.study() == ImageContract.StudyRule.MEAN && card.output().kind() == OutputKind.CLASSIFICATION && !contract.ordinal()) {
            study = byClass(card, images, true);
        } else if (contract.study() == ImageContract.StudyRule.MEAN && !graded(card)) {
            double mean = contributions.stream().mapToDouble(StudyResult.Contribution::score).average().orElse(0);
            StudyResult.Contribution best = contributions.stream().max(Comparator.comparingDouble(StudyResult.Contribution::score)).orElseThrow();
            study = new StudyResult.Contribution(null, 0, null, null, best.label(), mean);
        } else {
            study = combineMax(card, images, contributions);
        }
        return new StudyResult(card.id(), contract.study().label(), study.label(), study.score(), bySide, contributions, images, skipped,
                loadNanos);
    }

    /** One image's label and score. */
    static StudyResult.Contribution contribution(ModelCard card, ImageResult r) {
        String side = side(r);
        String view = r.facts().viewPosition();
        if (card.output().kind() == OutputKind.CLASSIFICATION) {
            ClassScore top = r.topClass().orElseThrow(() -> new IllegalStateException("a classification result without scores"));
            return new StudyResult.Contribution(r.facts().imageUid(), r.facts().frame(), side, view, top.label(), top.score());
        }
        double best = r.findings().stream().mapToDouble(ImageFinding::score).max().orElse(0);
        String label = r.grade() != null ? r.grade()
                : r.findings().stream().max(Comparator.comparingDouble(ImageFinding::score)).map(ImageFinding::label).orElse(NO_FINDING);
        return new StudyResult.Contribution(r.facts().imageUid(), r.facts().frame(), side, view, label, best);
    }

    private static StudyResult.Contribution combineMax(ModelCard card, List<ImageResult> images, List<StudyResult.Contribution> contributions) {
        if (graded(card)) {
            return worst(card, contributions);
        }
        if (card.output().kind() == OutputKind.CLASSIFICATION) {
            return byClass(card, images, false);
        }
        return contributions.stream().max(Comparator.comparingDouble(StudyResult.Contribution::score)).orElseThrow();
    }

    /** Each class's highest (or mean) score over the images; the best class. Background counts only when nothing else is listed. */
    private static StudyResult.Contribution byClass(ModelCard card, List<ImageResult> images, boolean mean) {
        Map<Integer, Double> combined = new HashMap<>();
        for (ModelClass c : card.classes()) {
            double v = mean ? 0 : Double.NEGATIVE_INFINITY;
            for (ImageResult r : images) {
                double s = r.classScores().stream().filter(x -> x.classIndex() == c.index()).mapToDouble(ClassScore::score).findFirst().orElse(0);
                v = mean ? v + s / images.size() : Math.max(v, s);
            }
            combined.put(c.index(), v);
        }
        ModelClass best = card.classes().stream().max(Comparator.comparingDouble(c -> combined.get(c.index()))).orElseThrow();
        return new StudyResult.Contribution(null, 0, null, null, best.name(), combined.get(best.index()));
    }

    /** The worst grade (the latest level, or the highest ordinal class), ties broken by score. */
    private static StudyResult.Contribution worst(ModelCard card, List<StudyResult.Contribution> contributions) {
        if (!graded(card)) {
            return contributions.stream().max(Comparator.comparingDouble(StudyResult.Contribution::score)).orElseThrow();
        }
        return contributions.stream().max(Comparator.<StudyResult.Contribution>comparingInt(c -> rank(card, c.label()))
                .thenComparingDouble(StudyResult.Contribution::score)).orElseThrow();
    }

    private static boolean graded(ModelCard card) {
        return card.image().grade() != null || card.image().ordinal();
    }

    private static int rank(ModelCard card, String label) {
        GradeRule rule = card.image().grade();
        if (rule != null) {
            return rule.rank(label);
        }
        return card.classNamed(label).map(ModelClass::index).orElse(-1);
    }

    private static String side(ImageResult r) {
        String l = r.facts().laterality() == null ? "" : r.facts().laterality().strip().toUpperCase(Locale.ROOT);
        return l.equals("L") || l.equals("R") ? l : "U";
    }
}
