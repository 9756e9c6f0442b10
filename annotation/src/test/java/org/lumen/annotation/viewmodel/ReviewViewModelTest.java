// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.annotation.review.ReviewCases;
import org.lumen.annotation.review.ReviewMoves;
import org.lumen.annotation.viewmodel.ReviewViewModel.Moves;
import org.lumen.annotation.viewmodel.ReviewViewModel.State;

/**
 * The Review panel's logic without the window, on a real catalog (a case labelled by two annotators,
 * ann and bob): the lane and the view's thread are the test's own, so every call has finished when
 * the method returns.
 */
class ReviewViewModelTest {

    /** Runs each catalog call and its reply at once, on the test's thread. */
    private static final Executor NOW = Runnable::run;

    @TempDir
    Path dir;

    private ReviewCases cases;
    private boolean catalogOpen = true;
    private final List<String> reported = new ArrayList<>();
    private final List<String> moved = new ArrayList<>();
    private final List<String> shownOverImages = new ArrayList<>();
    private final AtomicInteger commentWanted = new AtomicInteger();
    private ReviewViewModel model;

    @BeforeEach
    void open() {
        cases = ReviewCases.open(dir, CatalogOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
        model = new ReviewViewModel(() -> catalogOpen ? cases.catalog : null, NOW, NOW, reported::add);
        model.setPerson("rita");
        model.setOnMoved(moved::add);
        model.setOnShow((r, item) -> shownOverImages.add((r == null ? "none" : r.seriesUid().substring(r.seriesUid().length() - 1))
                + ":" + (item == null ? "nothing" : item.author())));
        model.addListener(new ReviewViewModel.Listener() {
            @Override public void changed() { }

            @Override public void commentWanted() { commentWanted.incrementAndGet(); }
        });
    }

    @AfterEach
    void close() {
        cases.close();
    }

    @Test
    void aCaseShowsItsAnnotationsStateAndWhatMayBePressed() {
        model.showCase(ReviewCases.SERIES);
        State s = model.state();

        assertThat(s.datasets()).extracting(DatasetRecord::name).containsExactly("lung");
        assertThat(s.dataset().name()).isEqualTo("lung");
        assertThat(s.person()).isEqualTo("Working as rita (annotator and reviewer)");
        assertThat(s.caseLine()).isEqualTo("Case " + ReviewCases.SERIES + " of lung");
        assertThat(s.caseState()).isEqualTo("Case review: draft");
        assertThat(s.annotations()).extracting(CaseReview.Item::author).containsExactly("ann", "bob");
        assertThat(s.annotations()).extracting(i -> i.revisions()).containsExactly(2, 1);
        assertThat(s.selected()).as("the first annotation is selected").isEqualTo(cases.annMask);
        assertThat(s.annotationMoves()).isEqualTo(new Moves(true, false, false, false));
        assertThat(s.caseMoves()).isEqualTo(new Moves(true, false, false, false));
        assertThat(s.history()).isEmpty();
        assertThat(s.canComputeAgreement()).isTrue();
        assertThat(s.commentEnabled()).isTrue();
        assertThat(s.agreementNote()).isEqualTo("Masks by ann, bob: compute their agreement.");
        assertThat(s.message()).isEqualTo(new ReviewViewModel.Message("", false));
    }

    @Test
    void submitThenApproveTheSelectedAnnotationListsTheHistoryNewestFirst() {
        model.showCase(ReviewCases.SERIES);
        model.select(cases.annMask);
        model.moveSelected(ReviewState.SUBMITTED);

        assertThat(model.state().message().text()).isEqualTo("Annotation " + cases.annMask + " (mask by ann) submitted.");
        assertThat(model.state().annotationMoves()).as("a submitted annotation is approved or returned")
                .isEqualTo(new Moves(false, true, true, false));

        model.setComment("clean margins");
        model.moveSelected(ReviewState.APPROVED);

        assertThat(cases.catalog.annotations().annotation(cases.annMask).orElseThrow().reviewState()).isEqualTo(ReviewState.APPROVED);
        State s = model.state();
        assertThat(s.annotations().getFirst().state()).isEqualTo(ReviewState.APPROVED);
        assertThat(s.comment()).as("the comment went with the move").isEmpty();
        assertThat(s.history()).extracting(step -> ReviewViewModel.describe(step).replaceFirst("^\\S+ \\S+  ", "")).containsExactly(
                "rita, annotation " + cases.annMask + " (mask by ann)\nsubmitted → approved: “clean margins”",
                "rita, annotation " + cases.annMask + " (mask by ann)\ndraft → submitted");
        assertThat(s.annotationMoves()).isEqualTo(new Moves(false, false, false, true));
        assertThat(moved).containsExactly(ReviewCases.SERIES, ReviewCases.SERIES);
        assertThat(reported).isEmpty();
    }

    @Test
    void aReturnNeedsACommentAndAsksForIt() {
        cases.catalog.reviews().moveAnnotation(cases.bobMask, ReviewState.SUBMITTED, cases.bob, null);
        model.showCase(ReviewCases.SERIES);
        model.select(cases.bobMask);
        model.moveSelected(ReviewState.RETURNED);

        assertThat(model.state().message()).isEqualTo(new ReviewViewModel.Message(ReviewMoves.RETURN_NEEDS_COMMENT, true));
        assertThat(commentWanted).hasValue(1);
        assertThat(cases.catalog.reviews().history(cases.bobMask)).as("nothing was moved").hasSize(1);

        model.setComment("  the mass is a nodule ");
        model.moveSelected(ReviewState.RETURNED);

        assertThat(cases.catalog.reviews().history(cases.bobMask).getLast().comment()).isEqualTo("the mass is a nodule");
        assertThat(model.state().annotations().get(1).state()).isEqualTo(ReviewState.RETURNED);
        assertThat(model.state().annotationMoves()).as("returned: the annotator submits again").isEqualTo(new Moves(true, false, false, false));
        assertThat(model.state().message()).isEqualTo(new ReviewViewModel.Message("Annotation " + cases.bobMask + " (mask by bob) returned.", false));
    }

    @Test
    void theWholeCaseMovesThroughReview() {
        model.showCase(ReviewCases.SERIES);
        model.moveCase(ReviewState.SUBMITTED);
        assertThat(model.state().caseState()).isEqualTo("Case review: submitted");
        assertThat(model.state().message().text()).isEqualTo("The case is submitted.");
        model.setComment("bob: label the mass too");
        model.moveCase(ReviewState.RETURNED);
        model.moveCase(ReviewState.SUBMITTED);
        model.moveCase(ReviewState.APPROVED);

        assertThat(cases.catalog.datasets().member(cases.dataset.id(), ReviewCases.SERIES).orElseThrow().reviewState())
                .isEqualTo(ReviewState.APPROVED);
        assertThat(model.state().caseMoves()).isEqualTo(new Moves(false, false, false, true));
        assertThat(model.state().history()).extracting(step -> step.event().to()).containsExactly(
                ReviewState.APPROVED, ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.SUBMITTED);
    }

    @Test
    void aRefusedMoveIsOneSentenceAndTheCaseIsReadAgain() {
        model.showCase(ReviewCases.SERIES);
        // Someone else submits ann's annotation meanwhile; the model still has it as a draft.
        cases.catalog.reviews().moveAnnotation(cases.annMask, ReviewState.SUBMITTED, cases.ann, null);
        model.moveSelected(ReviewState.SUBMITTED);

        String sentence = "Annotation " + cases.annMask + " is submitted; it can move to approved or returned, not to submitted.";
        assertThat(model.state().message()).isEqualTo(new ReviewViewModel.Message(sentence, true));
        assertThat(reported).containsExactly(sentence);
        assertThat(model.state().annotations().getFirst().state()).as("read again after the refusal").isEqualTo(ReviewState.SUBMITTED);
        assertThat(moved).isEmpty();
    }

    @Test
    void aLockedCatalogIsOneSentenceAndTheNextTryWorks() throws Exception {
        model.showCase(ReviewCases.SERIES);
        cases.catalog.people().ensure("rita", true, true);
        Path file = ReviewCases.file(dir);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO person (name, is_annotator, is_reviewer, created_at) VALUES ('other', 1, 0, 0)");
            model.moveCase(ReviewState.SUBMITTED);
            s.execute("ROLLBACK");
        }
        assertThat(model.state().message().text()).startsWith("Cannot move case " + ReviewCases.SERIES)
                .contains("is locked by another writer");
        assertThat(model.state().caseState()).isEqualTo("Case review: draft");
        assertThat(reported).hasSize(1);

        model.moveCase(ReviewState.SUBMITTED);
        assertThat(model.state().caseState()).isEqualTo("Case review: submitted");
    }

    @Test
    void withTheCatalogNotOpenEveryCallSaysSo() {
        catalogOpen = false;
        model.showCase(ReviewCases.SERIES);
        assertThat(model.state().message()).isEqualTo(new ReviewViewModel.Message("The catalog is not open.", true));
        assertThat(reported).containsExactly("The catalog is not open.");
        assertThat(model.state().caseMoves()).isEqualTo(Moves.NONE);
    }

    @Test
    void agreementIsComputedOnceAndReadBackOnTheNextVisit() {
        model.showCase(ReviewCases.SERIES);
        assertThat(model.state().agreement()).isEmpty();
        model.computeAgreement();

        State s = model.state();
        assertThat(s.agreement()).extracting(r -> List.of(r.className(), r.dice(), r.lesions(), r.f1())).containsExactly(
                List.of("Nodule", "0.49", "ann 1 of 2, bob 1 of 1", "0.67"),
                List.of("Mass", "0.00", "ann 0 of 0, bob 0 of 1", "0.00"));
        assertThat(s.agreement().getFirst().detail()).isEqualTo("ann: 33 voxels, bob: 32 voxels, 16 in both; revisions "
                + cases.catalog.annotations().annotation(cases.annMask).orElseThrow().headRevisionId() + " and "
                + cases.catalog.annotations().annotation(cases.bobMask).orElseThrow().headRevisionId());
        assertThat(s.agreementNote()).startsWith("Agreement of the current masks by ann, bob, computed ");
        assertThat(s.canComputeAgreement()).as("nothing left to compare").isFalse();
        assertThat(s.message().text()).isEqualTo("Agreement computed for 1 pair of annotators.");

        model.showCase(ReviewCases.OTHER_SERIES);
        assertThat(model.state().agreement()).isEmpty();
        assertThat(model.state().agreementNote()).isEqualTo("Agreement needs mask annotations by two or more annotators on this case.");
        model.computeAgreement();
        assertThat(model.state().message()).isEqualTo(
                new ReviewViewModel.Message("Agreement needs mask annotations by two or more annotators on this case.", true));

        model.showCase(ReviewCases.SERIES);
        assertThat(model.state().agreement()).hasSize(2);
        assertThat(cases.catalog.agreements().of(ReviewCases.SERIES)).as("not compared again").hasSize(1);
    }

    @Test
    void theSelectedAnnotationIsShownOverTheImagesUntilTheCaseChanges() {
        model.showCase(ReviewCases.SERIES);
        model.setShowOnImages(true);
        model.select(cases.bobMask);
        model.showCase(ReviewCases.OTHER_SERIES);

        assertThat(shownOverImages).containsExactly("1:ann", "1:bob", "2:nothing");
        assertThat(model.state().showOnImages()).as("another case: what was shown over the last one goes").isFalse();
    }

    @Test
    void aPreferredDatasetIsChosenWhenTheSeriesIsACaseOfSeveral() {
        DatasetRecord other = cases.catalog.datasets().create("second read", "test", "Nodule");
        cases.catalog.datasets().addMembers(other.id(), List.of(ReviewCases.SERIES));
        model.setPreferredDataset(other::id);
        model.showCase(ReviewCases.SERIES);

        assertThat(model.state().datasets()).extracting(DatasetRecord::name).containsExactlyInAnyOrder("lung", "second read");
        assertThat(model.state().dataset().name()).isEqualTo("second read");
        assertThat(model.state().annotations()).as("the masks belong to lung").isEmpty();

        model.chooseDataset(cases.dataset);
        assertThat(model.state().annotations()).hasSize(2);
        model.refresh();
        assertThat(model.state().dataset().name()).as("the chosen dataset is kept on refresh").isEqualTo("lung");
    }

    @Test
    void aSeriesOutsideEveryDatasetAndNoSeriesSaySo() {
        model.showCase("1.2.3.not.a.case");
        assertThat(model.state().message().text())
                .isEqualTo("This series is not a case of any dataset yet: add it in the Labels tab, or start labelling it.");
        assertThat(model.state().caseLine()).isEqualTo("Series 1.2.3.not.a.case");
        assertThat(model.state().caseMoves()).isEqualTo(Moves.NONE);
        model.moveCase(ReviewState.SUBMITTED);
        assertThat(model.state().message()).isEqualTo(new ReviewViewModel.Message("Open a series that is a case of a dataset first.", true));

        model.showCase(null);
        assertThat(model.state().caseLine()).isEqualTo("No series open.");
        assertThat(model.state().message().text()).isEqualTo("Open a series to review its case.");
        assertThat(model.state().commentEnabled()).isFalse();
    }
}
