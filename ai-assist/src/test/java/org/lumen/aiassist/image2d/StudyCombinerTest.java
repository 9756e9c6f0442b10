// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.demo.ImageDemoModels;
import org.lumen.aiassist.findings.Provenance;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ModelRegistry;
import org.lumen.aiassist.pipeline.ClassScore;
import org.lumen.aiassist.pipeline.StageTimings;

/** Study results by the card's rule, worked by hand: four mammography views, both eyes. */
class StudyCombinerTest {

    @TempDir
    Path tmp;

    ModelCard card(String alias) throws Exception {
        return new ModelRegistry(tmp.resolve("m"), tmp.resolve("c")).resolve(alias).card();
    }

    static ImageResult detected(String uid, String side, String view, String grade, double... scores) {
        ImageFacts f = new ImageFacts(uid, 0, "MG", null, "MONOCHROME2", 1, side, view, null, null, null, null, 100, 100);
        List<ImageFinding> findings = new java.util.ArrayList<>();
        for (double s : scores) {
            findings.add(new ImageFinding(0, "calcification", 0, s, new double[] {1, 1}, new double[] {0, 0, 2, 2}, 1, uid, 0));
        }
        return new ImageResult(f, new Provenance("m", "m", "1", "0".repeat(64), uid, "cpu", Instant.EPOCH), "cpu", List.of(), findings,
                List.of(), grade, null, "", 1, 1, StageTimings.NONE, null);
    }

    @Test
    void perLateralityTakesEachBreastsBestViewThenTheWorseSide() throws Exception {
        ModelCard mammo = card("demo-mammo");
        StudyResult r = StudyCombiner.combine(mammo, List.of(detected("lcc", "L", "CC", null, 0.6), detected("lmlo", "L", "MLO", null, 0.8),
                detected("rcc", "R", "CC", null), detected("rmlo", "R", "MLO", null, 0.55)), List.of(), 0);
        assertThat(r.rule()).isEqualTo("perLaterality");
        assertThat(r.bySide()).containsOnlyKeys("L", "R");
        assertThat(r.bySide().get("L").score()).isEqualTo(0.8);
        assertThat(r.bySide().get("R").score()).isEqualTo(0.55);
        assertThat(r.score()).isEqualTo(0.8);
        assertThat(r.label()).isEqualTo("calcification");
        assertThat(r.contributions()).extracting(StudyResult.Contribution::score).containsExactly(0.6, 0.8, 0.0, 0.55);
        assertThat(r.contributions().get(2).label()).isEqualTo(StudyCombiner.NO_FINDING);
    }

    @Test
    void gradesCombineToTheWorseEye() throws Exception {
        ModelCard fundus = card("demo-fundus");
        StudyResult r = StudyCombiner.combine(fundus, List.of(detected("le", "L", null, "mild", 0.9), detected("re", "R", null, "moderate", 0.7)),
                List.of("skipped one"), 0);
        assertThat(r.label()).isEqualTo("moderate");
        assertThat(r.score()).isEqualTo(0.7);
        assertThat(r.bySide().get("L").label()).isEqualTo("mild");
        assertThat(r.skipped()).containsExactly("skipped one");
        // The card's rule (read from its JSON) and the demo's stated rule agree, count by count.
        for (java.util.Map<String, Integer> counts : List.of(java.util.Map.of("microaneurysm", 5), java.util.Map.of("microaneurysm", 4),
                java.util.Map.of("haemorrhage", 8, "exudate", 1), java.util.Map.<String, Integer>of(), java.util.Map.of("exudate", 1))) {
            assertThat(fundus.image().grade().grade(counts)).isEqualTo(ImageDemoModels.fundusGrade(counts));
        }
        assertThat(ImageDemoModels.fundusGrade(java.util.Map.of("microaneurysm", 5))).isEqualTo("moderate");
        assertThat(ImageDemoModels.fundusGrade(java.util.Map.of("microaneurysm", 4))).isEqualTo("mild");
        assertThat(ImageDemoModels.fundusGrade(java.util.Map.of("haemorrhage", 8, "exudate", 1))).isEqualTo("severe");
        assertThat(ImageDemoModels.fundusGrade(java.util.Map.of())).isEqualTo("none");
    }

    static ImageResult classified(String uid, double normal, double lesion) {
        ImageFacts f = new ImageFacts(uid, 0, "DX", null, "MONOCHROME2", 1, null, "PA", null, null, null, null, 10, 10);
        return new ImageResult(f, new Provenance("m", "m", "1", "0".repeat(64), uid, "cpu", Instant.EPOCH), "cpu",
                List.of(new ClassScore(0, "normal", normal, 0), new ClassScore(1, "lesion", lesion, 0)), List.of(), List.of(), null, null, "",
                1, 1, StageTimings.NONE, null);
    }

    @Test
    void classesCombineByMaxOrMean() throws Exception {
        for (String rule : List.of("max", "mean")) {
            com.fasterxml.jackson.databind.node.ObjectNode c = ImagePipelineTest.classifierCard();
            ((com.fasterxml.jackson.databind.node.ObjectNode) c.get("image")).put("ordinal", false).putObject("study").put("rule", rule);
            Path dir = tmp.resolve(rule);
            org.lumen.aiassist.testing.TestModels.writePackage(dir, ImagePipelineTest.greenSpotClassifier(), c);
            ModelCard card = new org.lumen.aiassist.model.ModelPackageReader(tmp.resolve("u")).read(dir).card();
            StudyResult r = StudyCombiner.combine(card, List.of(classified("a", 0.9, 0.1), classified("b", 0.3, 0.7)), List.of(), 0);
            assertThat(r.label()).isEqualTo("normal");
            assertThat(r.score()).isCloseTo(rule.equals("max") ? 0.9 : 0.6, org.assertj.core.api.Assertions.within(1e-12));
        }
        StudyResult lesion = StudyCombiner.combine(card("demo-mammo"), List.of(), List.of(), 0);
        assertThat(lesion.label()).isEqualTo(StudyCombiner.NO_FINDING);
    }
}
