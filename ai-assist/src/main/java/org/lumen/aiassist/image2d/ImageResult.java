// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;

/**
 * Everything a 2D model gave for one image, in the image's own pixels: heatmaps (probability, and an
 * explanation's map when one was asked for), ranked findings, class scores, the grade the card's rule
 * computes from the findings (null when the card has none), how the image was fitted, and timings.
 *
 * @param grade       the grade from findings counts (detectors with an image.grade rule), else null
 * @param explanation the explanation of a classification model's top class, or null
 * @param intendedUse the image's intended-use check (outside: the reader insisted)
 * @param fromCache   true when the result was read from the result cache rather than computed (its timings are then
 *                    the read alone)
 */
public record ImageResult(ImageFacts facts, Provenance provenance, String device, List<ClassScore> classScores,
                          List<ImageFinding> findings, List<Heatmap2D> heatmaps, String grade, Explanation explanation,
                          String transform, int tiles, int batches, StageTimings timings, IntendedUseAssessment intendedUse,
                          boolean fromCache) {

    public ImageResult {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(provenance, "provenance");
        classScores = List.copyOf(classScores);
        findings = List.copyOf(findings);
        heatmaps = List.copyOf(heatmaps);
    }

    /** A computed result (not from the cache). */
    public ImageResult(ImageFacts facts, Provenance provenance, String device, List<ClassScore> classScores, List<ImageFinding> findings,
                       List<Heatmap2D> heatmaps, String grade, Explanation explanation, String transform, int tiles, int batches,
                       StageTimings timings, IntendedUseAssessment intendedUse) {
        this(facts, provenance, device, classScores, findings, heatmaps, grade, explanation, transform, tiles, batches, timings,
                intendedUse, false);
    }

    /**
     * This result as read back from the cache for an image with these facts and this intended-use check (both are the
     * current image's: the engine checks every run afresh), timed by the read alone.
     */
    public ImageResult asCached(ImageFacts current, IntendedUseAssessment assessment, StageTimings readTimings) {
        return new ImageResult(current, provenance, device, classScores, findings, heatmaps, grade, explanation, transform, tiles,
                batches, readTimings, assessment, true);
    }

    /** The same result with other timings (the cache write added). */
    public ImageResult withTimings(StageTimings t) {
        return new ImageResult(facts, provenance, device, classScores, findings, heatmaps, grade, explanation, transform, tiles,
                batches, t, intendedUse, fromCache);
    }

    /** The highest-scoring class of a classification model. */
    public Optional<ClassScore> topClass() {
        return classScores.stream().max(Comparator.comparingDouble(ClassScore::score));
    }

    public boolean outsideIntendedUse() {
        return intendedUse != null && intendedUse.outside();
    }
}
