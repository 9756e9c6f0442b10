// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lumen.aiassist.evaluation.SegmentationScore;

/**
 * The segmentation figures of a validation: per class the mean Dice, HD95 (mm) and volume error (ml) over its cases,
 * and their means over the classes (nnU-Net's foreground mean). The empty-case rule is nnU-Net's: a case where both
 * truth and prediction of a class are empty has no Dice and is left out of that class's mean; HD95 is left out where
 * either is empty (it has no surface to measure from); the volume error counts every case.
 */
public record SegmentationSummary(Map<Integer, ClassMeans> perClass, double meanDice, double hd95Mm, double volumeErrorMl) {

    /** The rule, as the report and the JSON state it. */
    public static final String EMPTY_CASE_RULE = "Dice is undefined (NaN) where truth and prediction are both empty and such a case is "
            + "left out of the mean (nnU-Net); HD95 is left out where either is empty; volume error counts every case.";

    /** One class over its cases. */
    public record ClassMeans(int cases, int diceCases, double meanDice, int hd95Cases, double hd95Mm, double volumeErrorMl) { }

    /** Null when no case has segmentation figures (box or point truth, or a model without heatmaps). */
    static SegmentationSummary of(List<ValidationCase> cases) {
        Map<Integer, List<SegmentationScore>> byClass = new TreeMap<>();
        for (ValidationCase c : cases) {
            if (c.segmentation() != null) {
                c.segmentation().scores().forEach((k, s) -> byClass.computeIfAbsent(k, x -> new ArrayList<>()).add(s));
            }
        }
        if (byClass.isEmpty()) {
            return null;
        }
        Map<Integer, ClassMeans> perClass = new LinkedHashMap<>();
        byClass.forEach((k, scores) -> {
            double[] dice = scores.stream().mapToDouble(SegmentationScore::dice).filter(d -> !Double.isNaN(d)).toArray();
            double[] hd = scores.stream().mapToDouble(SegmentationScore::hd95Mm).filter(d -> !Double.isNaN(d)).toArray();
            double volume = scores.stream().mapToDouble(SegmentationScore::volumeErrorMl).average().orElse(Double.NaN);
            perClass.put(k, new ClassMeans(scores.size(), dice.length, mean(dice), hd.length, mean(hd), volume));
        });
        return new SegmentationSummary(perClass,
                mean(perClass.values().stream().mapToDouble(ClassMeans::meanDice).filter(d -> !Double.isNaN(d)).toArray()),
                mean(perClass.values().stream().mapToDouble(ClassMeans::hd95Mm).filter(d -> !Double.isNaN(d)).toArray()),
                mean(perClass.values().stream().mapToDouble(ClassMeans::volumeErrorMl).filter(d -> !Double.isNaN(d)).toArray()));
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }
}
