// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.AnnotationKind;
import org.lumen.annotation.catalog.CatalogException;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.annotation.catalog.ClassAgreement;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.MaskPayload;
import org.lumen.annotation.catalog.NewAnnotation;
import org.lumen.annotation.catalog.Origin;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.catalog.VectorPayload;
import org.lumen.annotation.mask.LabelMask;

/** A case summarised for review from a real catalog: annotations, states, merged history, agreement pairs. */
class CaseReviewTest extends WithReviewCases {

    @Test
    void listsTheAnnotationsOfTheCaseWithAuthorRevisionsAndState() {
        CaseReview r = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);

        assertThat(r.dataset().name()).isEqualTo("lung");
        assertThat(r.caseState()).isEqualTo(ReviewState.DRAFT);
        assertThat(r.annotations()).extracting(CaseReview.Item::id).containsExactly(cases.annMask, cases.bobMask);
        CaseReview.Item first = r.annotations().getFirst();
        assertThat(first.author()).isEqualTo("ann");
        assertThat(first.kind()).isEqualTo(AnnotationKind.MASK);
        assertThat(first.revisions()).isEqualTo(2);
        assertThat(first.lastChange()).isEqualTo(cases.catalog.annotations().history(cases.annMask).getLast().createdAt());
        assertThat(first.state()).isEqualTo(ReviewState.DRAFT);
        assertThat(first.describe()).isEqualTo("annotation " + cases.annMask + " (mask by ann)");
        assertThat(r.annotations().get(1).revisions()).isEqualTo(1);
        assertThat(r.history()).isEmpty();
        assertThat(r.className(1)).isEqualTo("Nodule");
        assertThat(r.className(7)).isEqualTo("label 7");
    }

    @Test
    void leavesOutAnnotationsOfOtherDatasetsButKeepsThoseOfNone() {
        DatasetRecord other = cases.catalog.datasets().create("other", null, null);
        cases.catalog.datasets().addMembers(other.id(), List.of(ReviewCases.SERIES));
        long elsewhere = cases.catalog.annotations().create(new NewAnnotation(ReviewCases.SERIES, other.id(), AnnotationKind.VECTOR, null),
                cases.ann, Origin.MANUAL, new VectorPayload(List.of(), List.of()), null).info().annotationId();
        long loose = cases.catalog.annotations().create(NewAnnotation.of(ReviewCases.SERIES, AnnotationKind.VECTOR), cases.bob).id();

        assertThat(CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES).annotations())
                .extracting(CaseReview.Item::id).containsExactly(cases.annMask, cases.bobMask, loose);
        CaseReview.Item empty = CaseReview.read(cases.catalog, other.id(), ReviewCases.SERIES).annotations().getLast();
        assertThat(empty.id()).isEqualTo(loose);
        assertThat(empty.revisions()).isZero();
        assertThat(empty.lastChange()).isNull();
        assertThat(CaseReview.read(cases.catalog, other.id(), ReviewCases.SERIES).annotations()).extracting(CaseReview.Item::id)
                .contains(elsewhere).doesNotContain(cases.annMask);
        assertThat(CaseReview.datasetsOf(cases.catalog, ReviewCases.SERIES)).extracting(DatasetRecord::name).containsExactly("lung", "other");
        assertThat(CaseReview.datasetsOf(cases.catalog, ReviewCases.OTHER_SERIES)).extracting(DatasetRecord::name).containsExactly("lung");
    }

    @Test
    void historyMergesCaseAndAnnotationStepsInOrderWithNames() {
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.SUBMITTED, "ann", null);
        ReviewMoves.moveCase(cases.catalog, cases.dataset.id(), ReviewCases.SERIES, ReviewState.SUBMITTED, "ann", "  both done ");
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.RETURNED, "rita", "second nodule missed");

        CaseReview r = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);

        assertThat(r.caseState()).isEqualTo(ReviewState.SUBMITTED);
        assertThat(r.item(cases.annMask).orElseThrow().state()).isEqualTo(ReviewState.RETURNED);
        assertThat(r.history()).extracting(CaseReview.Step::subject).containsExactly(
                "annotation " + cases.annMask + " (mask by ann)", "the case", "annotation " + cases.annMask + " (mask by ann)");
        assertThat(r.history()).extracting(CaseReview.Step::person).containsExactly("ann", "ann", "rita");
        assertThat(r.history()).extracting(s -> s.event().to())
                .containsExactly(ReviewState.SUBMITTED, ReviewState.SUBMITTED, ReviewState.RETURNED);
        assertThat(r.history().get(1).event().comment()).as("comments are stripped").isEqualTo("both done");
        assertThat(r.history().get(2).event().comment()).isEqualTo("second nodule missed");
    }

    @Test
    void aSeriesThatIsNotACaseIsReportedWithASentence() {
        DatasetRecord other = cases.catalog.datasets().create("empty", null, null);
        assertThatThrownBy(() -> CaseReview.read(cases.catalog, other.id(), ReviewCases.SERIES))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ROW))
                .hasMessage("series " + ReviewCases.SERIES + " is not a case of dataset empty");
    }

    @Test
    void agreementOfTwoAnnotatorsIsComputedOnceAndFollowsTheHeads() {
        CaseReview before = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);
        assertThat(before.canCompareMasks()).isTrue();
        assertThat(before.comparisons()).singleElement().satisfies(c -> {
            assertThat(c.describe()).isEqualTo("ann and bob");
            assertThat(c.agreement()).isNull();
        });

        CaseReview after = before.computeAgreement(cases.catalog);

        CaseReview.Comparison c = after.comparisons().getFirst();
        assertThat(c.agreement()).isNotNull();
        List<ClassAgreement> classes = c.agreement().classes();
        assertThat(classes).extracting(ClassAgreement::label).containsExactly(1, 2);
        ClassAgreement nodule = classes.getFirst();
        assertThat(nodule.dice()).isCloseTo(ReviewCases.NODULE_DICE, within(1e-12));
        assertThat(nodule.voxelsA()).isEqualTo(33);
        assertThat(nodule.voxelsB()).isEqualTo(32);
        assertThat(nodule.lesionsA()).isEqualTo(2);
        assertThat(nodule.matchedA()).isEqualTo(1);
        assertThat(nodule.lesionsB()).isEqualTo(1);
        assertThat(nodule.matchedB()).isEqualTo(1);
        ClassAgreement mass = classes.get(1);
        assertThat(mass.dice()).isZero();
        assertThat(mass.lesionsB()).isEqualTo(1);
        assertThat(mass.matchedB()).isZero();

        // Already computed for these heads: nothing new is stored.
        after.computeAgreement(cases.catalog);
        assertThat(cases.catalog.agreements().of(ReviewCases.SERIES)).hasSize(1);

        // A new revision of one mask makes the stored agreement stale.
        LabelMask changed = new LabelMask(24, 24, 4);
        changed.set(1, 1, 1, 1);
        cases.catalog.annotations().append(cases.bobMask, cases.bob, Origin.MANUAL, new MaskPayload(changed, ReviewCases.geometry()), null);
        assertThat(CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES).comparisons().getFirst().agreement()).isNull();
    }

    @Test
    void aStoredAgreementComputedTheOtherWayRoundIsTurnedToMatchThePair() {
        CaseReview r = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);
        long annHead = r.item(cases.annMask).orElseThrow().annotation().headRevisionId();
        long bobHead = r.item(cases.bobMask).orElseThrow().annotation().headRevisionId();
        cases.catalog.agreements().compute(bobHead, annHead);

        CaseReview.Comparison c = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES).comparisons().getFirst();

        assertThat(c.a().author()).isEqualTo("ann");
        assertThat(c.agreement().revisionA()).isEqualTo(annHead);
        assertThat(c.agreement().classes().getFirst().voxelsA()).isEqualTo(33);
        assertThat(c.agreement().classes().getFirst().lesionsA()).isEqualTo(2);
        assertThat(c.agreement().classes().getFirst().matchedA()).isEqualTo(1);
    }

    @Test
    void masksOfOneAnnotatorOnlyCannotBeCompared() {
        long third = cases.catalog.annotations().create(new NewAnnotation(ReviewCases.SERIES, cases.dataset.id(), AnnotationKind.MASK,
                null), cases.ann, Origin.MANUAL, new MaskPayload(new LabelMask(24, 24, 4), ReviewCases.geometry()), null)
                .info().annotationId();
        CaseReview r = CaseReview.read(cases.catalog, cases.dataset.id(), ReviewCases.SERIES);
        assertThat(r.comparisons()).as("ann's two masks are not a pair; each pairs with bob's")
                .extracting(c -> c.a().id() + "/" + c.b().id())
                .containsExactly(cases.annMask + "/" + cases.bobMask, cases.bobMask + "/" + third);

        DatasetRecord solo = cases.catalog.datasets().create("solo", null, null);
        cases.catalog.datasets().addMembers(solo.id(), List.of(ReviewCases.OTHER_SERIES));
        cases.catalog.annotations().create(new NewAnnotation(ReviewCases.OTHER_SERIES, solo.id(), AnnotationKind.MASK, null), cases.ann,
                Origin.MANUAL, new MaskPayload(new LabelMask(24, 24, 4), ReviewCases.geometry()), null);
        CaseReview alone = CaseReview.read(cases.catalog, solo.id(), ReviewCases.OTHER_SERIES);
        assertThat(alone.canCompareMasks()).isFalse();
        assertThatThrownBy(() -> alone.computeAgreement(cases.catalog))
                .hasMessage("agreement needs mask annotations by two or more annotators on this case");
    }
}
