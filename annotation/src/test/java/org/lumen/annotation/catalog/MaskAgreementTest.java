// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.mask.LabelMask;

/** Dice per label and lesion-level match from two masks, and their storage. */
class MaskAgreementTest {

    @TempDir
    Path dir;

    @Test
    void identicalMasksAgreeCompletely() {
        LabelMask a = Fixtures.fewLesions();
        List<ClassAgreement> result = MaskAgreement.compare(a, a.copy());

        assertThat(result).extracting(ClassAgreement::label).containsExactly(1, 2);
        ClassAgreement one = result.getFirst();
        assertThat(one.dice()).isEqualTo(1.0);
        assertThat(one.voxelsA()).isEqualTo(a.count(1)).isEqualTo(one.voxelsB()).isEqualTo(one.overlap());
        assertThat(one.lesionsA()).isEqualTo(2);
        assertThat(one.matchedA()).isEqualTo(2);
        assertThat(one.lesionF1()).isEqualTo(1.0);
        assertThat(result.get(1).lesionsA()).isEqualTo(1);
    }

    @Test
    void diceAndLesionMatchFollowTheirDefinitions() {
        LabelMask a = new LabelMask(20, 10, 4);
        LabelMask b = new LabelMask(20, 10, 4);
        // Label 1: A has a 4-voxel bar, B the same bar shifted by 2 -> overlap 2, Dice = 2*2/(4+4) = 0.5
        for (int i = 0; i < 4; i++) {
            a.set(i, 0, 0, 1);
            b.set(i + 2, 0, 0, 1);
        }
        // Label 1, a second lesion of A that B missed, across two slices (one component through the slice axis)
        a.set(10, 5, 1, 1);
        a.set(10, 5, 2, 1);
        // Label 2 only in B: two lesions touching only diagonally -> two components with 6-connectivity
        b.set(15, 2, 3, 2);
        b.set(16, 3, 3, 2);

        List<ClassAgreement> result = MaskAgreement.compare(a, b);

        ClassAgreement one = result.get(0);
        assertThat(one.label()).isEqualTo(1);
        assertThat(one.voxelsA()).isEqualTo(6);
        assertThat(one.voxelsB()).isEqualTo(4);
        assertThat(one.overlap()).isEqualTo(2);
        assertThat(one.dice()).isCloseTo(2.0 * 2 / 10, within(1e-12));
        assertThat(one.lesionsA()).isEqualTo(2);
        assertThat(one.lesionsB()).isEqualTo(1);
        assertThat(one.matchedA()).isEqualTo(1);
        assertThat(one.matchedB()).isEqualTo(1);
        assertThat(one.lesionF1()).isCloseTo(2.0 / 3, within(1e-12));
        ClassAgreement two = result.get(1);
        assertThat(two.label()).isEqualTo(2);
        assertThat(two.dice()).isZero();
        assertThat(two.lesionsA()).isZero();
        assertThat(two.lesionsB()).isEqualTo(2);
        assertThat(two.matchedB()).isZero();
    }

    @Test
    void aLesionWindingThroughRowsAndSlicesIsOneComponent() {
        LabelMask m = new LabelMask(8, 8, 3);
        m.set(0, 0, 0, 1);
        m.set(1, 0, 0, 1);
        m.set(1, 1, 0, 1);
        m.set(1, 1, 1, 1);
        m.set(1, 2, 1, 1);
        m.set(1, 2, 2, 1);
        m.set(7, 7, 2, 1); // separate
        // Same label, different value next to it: label 3 touching label 1 is its own component.
        m.set(2, 0, 0, 3);

        List<ClassAgreement> self = MaskAgreement.compare(m, m);

        assertThat(self.get(0).lesionsA()).isEqualTo(2);
        assertThat(self.get(1).label()).isEqualTo(3);
        assertThat(self.get(1).lesionsA()).isEqualTo(1);
    }

    @Test
    void masksOnDifferentGridsAreRefused() {
        assertThatThrownBy(() -> MaskAgreement.compare(new LabelMask(2, 2, 2), new LabelMask(2, 2, 3)))
                .hasMessageContaining("different grids");
    }

    @Test
    void agreementBetweenTwoAnnotatorsIsStoredAndListed() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            catalog.studies().upsert(Fixtures.index(1), "test");
            long ann = catalog.people().ensure("ann", true, false).id();
            long bob = catalog.people().ensure("bob", true, false).id();
            LabelMask b = Fixtures.fewLesions();
            Fixtures.ball(b, 400, 400, 250, 5, 1); // a lesion only bob saw
            long ra = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), ann, Origin.MANUAL,
                    new MaskPayload(Fixtures.fewLesions(), Fixtures.geometry(512, 512, 300)), null).id();
            long rb = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), bob, Origin.MANUAL,
                    new MaskPayload(b, Fixtures.geometry(512, 512, 300)), null).id();

            Agreement agreement = catalog.agreements().compute(ra, rb);

            assertThat(agreement.seriesUid()).isEqualTo(Fixtures.SERIES);
            assertThat(agreement.connectivity()).isEqualTo(6);
            ClassAgreement one = agreement.classes().getFirst();
            assertThat(one.lesionsA()).isEqualTo(2);
            assertThat(one.lesionsB()).isEqualTo(3);
            assertThat(one.matchedB()).isEqualTo(2);
            assertThat(one.dice()).isLessThan(1).isGreaterThan(0.9);
            assertThat(agreement.classes().get(1).dice()).isEqualTo(1.0);
            assertThat(catalog.agreements().of(Fixtures.SERIES)).containsExactly(agreement);
            long vector = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.VECTOR), ann, Origin.MANUAL,
                    new VectorPayload(List.of(), List.of()), null).id();
            assertThatThrownBy(() -> catalog.agreements().compute(ra, vector)).hasMessage("revision " + vector + " is not a mask");
        }
    }
}
