// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.CatalogException.Reason;

/** Review workflow per annotation and per case: legal moves, refused moves with a sentence, roles, frozen content. */
class ReviewStoreTest {

    @TempDir
    Path dir;

    private Catalog catalog;
    private long annotator;
    private long reviewer;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.sqlite"));
        catalog.studies().upsert(Fixtures.index(3), "test");
        annotator = catalog.people().ensure("ann", true, false).id();
        reviewer = catalog.people().ensure("rev", false, true).id();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void draftSubmittedReturnedSubmittedApprovedIsKeptAsHistory() {
        long a = annotation();
        catalog.reviews().moveAnnotation(a, ReviewState.SUBMITTED, annotator, null);
        catalog.reviews().moveAnnotation(a, ReviewState.RETURNED, reviewer, "missed the second nodule");
        catalog.annotations().append(a, annotator, Origin.MANUAL, AnnotationStoreTest.mask(5), "added it");
        catalog.reviews().moveAnnotation(a, ReviewState.SUBMITTED, annotator, null);
        catalog.reviews().moveAnnotation(a, ReviewState.APPROVED, reviewer, "good");

        assertThat(catalog.annotations().annotation(a).orElseThrow().reviewState()).isEqualTo(ReviewState.APPROVED);
        List<ReviewEvent> history = catalog.reviews().history(a);
        assertThat(history).extracting(ReviewEvent::to).containsExactly(ReviewState.SUBMITTED, ReviewState.RETURNED,
                ReviewState.SUBMITTED, ReviewState.APPROVED);
        assertThat(history).extracting(ReviewEvent::from).containsExactly(ReviewState.DRAFT, ReviewState.SUBMITTED,
                ReviewState.RETURNED, ReviewState.SUBMITTED);
        assertThat(history.get(1).comment()).isEqualTo("missed the second nodule");
        assertThat(history.get(1).personId()).isEqualTo(reviewer);
    }

    @Test
    void illegalMovesAreRefusedWithASentence() {
        long a = annotation();
        assertThatThrownBy(() -> catalog.reviews().moveAnnotation(a, ReviewState.APPROVED, reviewer, null))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessage("annotation " + a + " is draft; it can move to submitted, not to approved");
        catalog.reviews().moveAnnotation(a, ReviewState.SUBMITTED, annotator, null);
        assertThatThrownBy(() -> catalog.reviews().moveAnnotation(a, ReviewState.DRAFT, annotator, null))
                .hasMessage("annotation " + a + " is submitted; it can move to approved or returned, not to draft");
        assertThatThrownBy(() -> catalog.reviews().moveAnnotation(a, ReviewState.APPROVED, annotator, null))
                .hasMessage("ann is not a reviewer; only reviewers approve, return or reopen annotation " + a);
        assertThat(catalog.reviews().history(a)).hasSize(1);
    }

    @Test
    void contentIsFrozenWhileSubmittedOrApprovedUntilReturnedOrReopened() {
        long a = annotation();
        catalog.reviews().moveAnnotation(a, ReviewState.SUBMITTED, annotator, null);
        assertThatThrownBy(() -> catalog.annotations().append(a, annotator, Origin.MANUAL, AnnotationStoreTest.mask(2), null))
                .hasMessage("annotation " + a + " is submitted for review; it cannot change until a reviewer returns it");
        catalog.reviews().moveAnnotation(a, ReviewState.APPROVED, reviewer, null);
        assertThatThrownBy(() -> catalog.annotations().restore(a, catalog.annotations().history(a).getFirst().id(), annotator, null))
                .hasMessage("annotation " + a + " is approved; a reviewer must reopen it before it can change");
        catalog.reviews().moveAnnotation(a, ReviewState.DRAFT, reviewer, "new prior arrived");
        assertThat(catalog.annotations().append(a, annotator, Origin.MANUAL, AnnotationStoreTest.mask(2), null).number()).isEqualTo(2);
    }

    @Test
    void anEmptyAnnotationCannotBeSubmitted() {
        long empty = catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), annotator).id();
        assertThatThrownBy(() -> catalog.reviews().moveAnnotation(empty, ReviewState.SUBMITTED, annotator, null))
                .hasMessage("annotation " + empty + " has no content to submit yet");
    }

    @Test
    void casesHaveTheirOwnWorkflow() {
        DatasetRecord ds = catalog.datasets().create("lung", null, null);
        catalog.datasets().addMembers(ds.id(), List.of(Fixtures.SERIES));

        catalog.reviews().moveCase(ds.id(), Fixtures.SERIES, ReviewState.SUBMITTED, annotator, "both annotators done");
        assertThatThrownBy(() -> catalog.reviews().moveCase(ds.id(), Fixtures.SERIES, ReviewState.SUBMITTED, annotator, null))
                .hasMessage("case " + Fixtures.SERIES + " of dataset " + ds.id() + " is submitted; it can move to approved or returned, not to submitted");
        catalog.reviews().moveCase(ds.id(), Fixtures.SERIES, ReviewState.APPROVED, reviewer, null);

        assertThat(catalog.datasets().member(ds.id(), Fixtures.SERIES).orElseThrow().reviewState()).isEqualTo(ReviewState.APPROVED);
        assertThat(catalog.reviews().caseHistory(ds.id(), Fixtures.SERIES)).extracting(ReviewEvent::to)
                .containsExactly(ReviewState.SUBMITTED, ReviewState.APPROVED);
        assertThat(catalog.datasets().progress(ds.id()).approved()).isEqualTo(1);
        assertThatThrownBy(() -> catalog.reviews().moveCase(ds.id(), "not.a.member", ReviewState.SUBMITTED, annotator, null))
                .hasMessage("series not.a.member is not a case of dataset " + ds.id());
    }

    private long annotation() {
        return catalog.annotations().create(NewAnnotation.of(Fixtures.SERIES, AnnotationKind.MASK), annotator, Origin.MANUAL,
                AnnotationStoreTest.mask(3), null).info().annotationId();
    }
}
