// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.image2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.model.ImageFacts;
import org.lumen.aiassist.model.ModelRegistry;

/** The AI tab's study table from a real {@link StudyCombiner} result, a skipped image included. */
class StudyTableTest {

    @TempDir
    Path tmp;

    @Test
    void theStudyRowThenEachSideThenOneRowPerImageWithTheSkippedOnesSentence() throws Exception {
        var card = new ModelRegistry(tmp.resolve("m"), tmp.resolve("c")).resolve("demo-mammo").card();
        ImageResult lcc = StudyCombinerTest.detected("lcc", "L", "CC", null, 0.6);
        ImageResult lmlo = StudyCombinerTest.detected("lmlo", "L", "MLO", null, 0.8);
        ImageResult rcc = StudyCombinerTest.detected("rcc", "R", "CC", null, 0.55);
        ImageFacts ultrasound = new ImageFacts("us", 0, "US", null, "MONOCHROME2", 1, "R", null, null, null, null, null, 100, 100);
        String sentence = "Not run: the demonstration is not meant for image us: modality US is not MG.";
        StudyResult study = StudyCombiner.combine(card, List.of(lcc, lmlo, rcc), List.of(sentence), 0);

        // The images in the order the series gave them: the ultrasound image (skipped) is the second.
        StudyTable table = StudyTable.of(study, List.of(lcc.facts(), ultrasound, lmlo.facts(), rcc.facts()));

        assertThat(table.rows()).extracting(StudyTable.Row::kind).containsExactly(StudyTable.Kind.STUDY, StudyTable.Kind.SIDE,
                StudyTable.Kind.SIDE, StudyTable.Kind.IMAGE, StudyTable.Kind.SKIPPED, StudyTable.Kind.IMAGE, StudyTable.Kind.IMAGE);
        StudyTable.Row total = table.rows().getFirst();
        assertThat(total.result()).isEqualTo("calcification");
        assertThat(total.score()).isEqualTo(0.8);
        assertThat(total.where()).isEmpty();
        assertThat(total.note()).isEqualTo("perLaterality: each side's best image, then the worse side");
        assertThat(table.rows().subList(1, 3)).extracting(r -> r.image() + " " + r.result() + " " + r.score())
                .containsExactly("L calcification 0.8", "R calcification 0.55");
        assertThat(table.rows().subList(3, 7)).extracting(StudyTable.Row::image, StudyTable.Row::where)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "L CC"), org.assertj.core.groups.Tuple.tuple("2", "R"),
                        org.assertj.core.groups.Tuple.tuple("3", "L MLO"), org.assertj.core.groups.Tuple.tuple("4", "R CC"));
        assertThat(table.rows().get(3).score()).isEqualTo(0.6);
        assertThat(table.rows().get(5).score()).isEqualTo(0.8);
        assertThat(table.rows().get(6).score()).isEqualTo(0.55);
        StudyTable.Row skipped = table.rows().get(4);
        assertThat(skipped.result()).isEmpty();
        assertThat(skipped.score()).isNaN();
        assertThat(skipped.note()).isEqualTo("skipped: " + sentence);
    }
}
