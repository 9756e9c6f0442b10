// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.CatalogException;
import org.lumen.annotation.catalog.CatalogException.Reason;
import org.lumen.annotation.catalog.Person;
import org.lumen.annotation.catalog.ReviewEvent;
import org.lumen.annotation.catalog.ReviewState;

/** The panel's moves against a real catalog: the person at the workstation, the comment rule, the catalog's refusals as sentences. */
class ReviewMovesTest extends WithReviewCases {

    @Test
    void theWorkstationsPersonIsAddedAsAnnotatorAndReviewerOnce() {
        Person first = ReviewMoves.person(cases.catalog, "carol");
        assertThat(first.annotator()).isTrue();
        assertThat(first.reviewer()).isTrue();
        assertThat(ReviewMoves.person(cases.catalog, " carol ").id()).isEqualTo(first.id());
        // An existing annotator gains the reviewer role, keeps the annotator one.
        Person ann = ReviewMoves.person(cases.catalog, "ann");
        assertThat(ann.id()).isEqualTo(cases.ann);
        assertThat(ann.reviewer()).isTrue();
        assertThat(ann.annotator()).isTrue();
    }

    @Test
    void submitApproveReturnAndReopenAnAnnotation() {
        ReviewEvent submitted = ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.SUBMITTED, "ann", " ");
        assertThat(submitted.from()).isEqualTo(ReviewState.DRAFT);
        assertThat(submitted.comment()).as("a blank comment is none").isNull();
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.RETURNED, "rita", "fix the rim");
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.SUBMITTED, "ann", null);
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.APPROVED, "rita", null);
        ReviewEvent reopened = ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.DRAFT, "rita", "new prior");
        assertThat(reopened.from()).isEqualTo(ReviewState.APPROVED);
        assertThat(cases.catalog.reviews().history(cases.annMask)).hasSize(5);
        assertThat(ReviewMoves.done(ReviewState.DRAFT)).isEqualTo("reopened");
        assertThat(ReviewMoves.done(ReviewState.RETURNED)).isEqualTo("returned");
    }

    @Test
    void aReturnWithoutACommentIsRefusedBeforeTheCatalogIsAsked() {
        ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.SUBMITTED, "ann", null);
        ReviewMoves.moveCase(cases.catalog, cases.dataset.id(), ReviewCases.SERIES, ReviewState.SUBMITTED, "ann", null);

        assertThat(ReviewMoves.problem(ReviewState.RETURNED, "  ")).contains(ReviewMoves.RETURN_NEEDS_COMMENT);
        assertThat(ReviewMoves.problem(ReviewState.RETURNED, "why")).isEmpty();
        assertThat(ReviewMoves.problem(ReviewState.APPROVED, null)).isEmpty();
        assertThatThrownBy(() -> ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.RETURNED, "rita", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Returning needs a comment: say what the annotator should fix.");
        assertThatThrownBy(() -> ReviewMoves.moveCase(cases.catalog, cases.dataset.id(), ReviewCases.SERIES, ReviewState.RETURNED, "rita",
                null)).hasMessage(ReviewMoves.RETURN_NEEDS_COMMENT);
        assertThat(cases.catalog.reviews().history(cases.annMask)).hasSize(1);
        assertThat(cases.catalog.people().byName("rita")).as("nothing was written").isEmpty();
    }

    @Test
    void anIllegalMoveBecomesOneSentence() {
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                ReviewMoves.moveAnnotation(cases.catalog, cases.annMask, ReviewState.APPROVED, "rita", null));
        assertThat(refused).isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
        assertThat(ReviewMoves.sentence(refused))
                .isEqualTo("Annotation " + cases.annMask + " is draft; it can move to submitted, not to approved.");
        assertThat(ReviewMoves.sentence("done!")).isEqualTo("Done!");
        assertThat(ReviewMoves.sentence(new IllegalStateException())).isEqualTo("Something went wrong (IllegalStateException).");
    }
}
