// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lumen.annotation.catalog.CatalogOptions;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ReviewEvent;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.ReviewCases;
import org.lumen.annotation.review.ReviewMoves;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review panel on a real catalog (a case labelled by two annotators, ann and bob), driven
 * headless through TestFX: submit, approve, return with and without a comment, per annotation and for
 * the case, the history it shows, a refused move and a locked catalog as one sentence, and the
 * agreement of the two masks.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewPanelTest {

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private ExecutorService lane;
    private Path dir;
    private ReviewCases cases;
    private ReviewPanel panel;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("lumen-review-panel");
        cases = ReviewCases.open(dir, CatalogOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
        lane = Executors.newSingleThreadExecutor();
        panel = new ReviewPanel(() -> cases.catalog, lane, reported::add);
        panel.setPerson("rita");
        ScrollPane scroll = new ScrollPane(panel);
        scroll.setFitToWidth(true);
        // Within Monocle's 1280x800 headless screen.
        stage.setScene(new Scene(scroll, 560, 780));
        stage.show();
        panel.showCase(ReviewCases.SERIES);
    }

    @AfterEach
    void close() throws Exception {
        lane.submit(cases::close).get();
        lane.shutdown();
        org.lumen.io.Folders.deleteTree(dir);
    }

    @Test
    void showsTheAnnotationsOfTheCaseWithAuthorRevisionsAndState(FxRobot robot) throws Exception {
        settle();
        assertThat(this.<ComboBox<DatasetRecord>>node(robot, "#review-dataset").getValue().name()).isEqualTo("lung");
        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: draft");
        assertThat(text(robot, "#review-person")).isEqualTo("Working as rita (annotator and reviewer)");
        assertThat(rows(robot, "#review-annotations")).containsExactly(
                List.of("mask", "ann", "2, " + revisionTime(cases.annMask), "draft"),
                List.of("mask", "bob", "1, " + revisionTime(cases.bobMask), "draft"));
        assertThat(history(robot)).isEmpty();
        assertThat(button(robot, "#review-submit").isDisable()).isFalse();
        assertThat(button(robot, "#review-approve").isDisable()).as("a draft is not approved").isTrue();
        assertThat(button(robot, "#review-return").isDisable()).isTrue();
        assertThat(button(robot, "#review-submit-case").isDisable()).isFalse();
        assertThat(button(robot, "#review-approve-case").isDisable()).isTrue();
        assertThat(text(robot, "#review-agreement-note")).isEqualTo("Masks by ann, bob: compute their agreement.");
    }

    @Test
    void submitThenApproveAnAnnotationAndSeeTheHistory(FxRobot robot) throws Exception {
        settle();
        robot.clickOn(cell(robot, "#review-annotations", "ann"));
        robot.clickOn("#review-submit");
        settle();
        assertThat(text(robot, "#review-message")).isEqualTo("Annotation " + cases.annMask + " (mask by ann) submitted.");
        assertThat(rows(robot, "#review-annotations").getFirst().get(3)).isEqualTo("submitted");
        assertThat(button(robot, "#review-submit").isDisable()).isTrue();
        assertThat(button(robot, "#review-approve").isDisable()).isFalse();

        robot.clickOn("#review-comment").write("clean margins");
        robot.clickOn("#review-approve");
        settle();

        assertThat(cases.catalog.annotations().annotation(cases.annMask).orElseThrow().reviewState()).isEqualTo(ReviewState.APPROVED);
        assertThat(rows(robot, "#review-annotations").getFirst().get(3)).isEqualTo("approved");
        assertThat(text(robot, "#review-comment")).as("the comment went with the move").isEmpty();
        // Newest first: when, who, what, then from → to and the comment.
        assertThat(history(robot)).containsExactly(
                "rita, annotation " + cases.annMask + " (mask by ann)\nsubmitted → approved: “clean margins”",
                "rita, annotation " + cases.annMask + " (mask by ann)\ndraft → submitted");
        assertThat(button(robot, "#review-reopen").isDisable()).isFalse();
        assertThat(reported).isEmpty();
    }

    @Test
    void returningNeedsACommentAndSaysSoInThePanel(FxRobot robot) throws Exception {
        cases.catalog.reviews().moveAnnotation(cases.bobMask, ReviewState.SUBMITTED, cases.bob, null);
        robot.interact(panel::refresh);
        settle();
        robot.clickOn(cell(robot, "#review-annotations", "bob"));
        robot.clickOn("#review-return");
        settle();

        assertThat(text(robot, "#review-message")).isEqualTo(ReviewMoves.RETURN_NEEDS_COMMENT);
        assertThat(cases.catalog.reviews().history(cases.bobMask)).as("nothing was moved").hasSize(1);
        assertThat(rows(robot, "#review-annotations").get(1).get(3)).isEqualTo("submitted");

        robot.clickOn("#review-comment").write("the mass is a nodule");
        robot.clickOn("#review-return");
        settle();

        assertThat(rows(robot, "#review-annotations").get(1).get(3)).isEqualTo("returned");
        List<ReviewEvent> events = cases.catalog.reviews().history(cases.bobMask);
        assertThat(events.getLast().to()).isEqualTo(ReviewState.RETURNED);
        assertThat(events.getLast().comment()).isEqualTo("the mass is a nodule");
        assertThat(history(robot).getFirst())
                .isEqualTo("rita, annotation " + cases.bobMask + " (mask by bob)\nsubmitted → returned: “the mass is a nodule”");
        assertThat(fx(() -> robot.from(robot.lookup("#review-history").queryListView()).lookup(".list-cell").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null && t.contains("“the mass is a nodule”")).count()))
                .as("the list shows the comment").isEqualTo(1L);
        assertThat(text(robot, "#review-message")).isEqualTo("Annotation " + cases.bobMask + " (mask by bob) returned.");
        // Returned: the annotator can submit again.
        assertThat(button(robot, "#review-submit").isDisable()).isFalse();
    }

    @Test
    void theWholeCaseIsSubmittedReturnedAndApproved(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#review-submit-case");
        settle();
        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: submitted");
        assertThat(text(robot, "#review-message")).isEqualTo("The case is submitted.");

        robot.clickOn("#review-return-case");
        settle();
        assertThat(text(robot, "#review-message")).isEqualTo(ReviewMoves.RETURN_NEEDS_COMMENT);
        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: submitted");

        robot.clickOn("#review-comment").write("bob: label the mass too");
        robot.clickOn("#review-return-case");
        settle();
        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: returned");
        robot.clickOn("#review-submit-case");
        settle();
        robot.clickOn("#review-approve-case");
        settle();

        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: approved");
        assertThat(cases.catalog.datasets().member(cases.dataset.id(), ReviewCases.SERIES).orElseThrow().reviewState())
                .isEqualTo(ReviewState.APPROVED);
        assertThat(history(robot)).containsExactly(
                "rita, the case\nsubmitted → approved", "rita, the case\nreturned → submitted",
                "rita, the case\nsubmitted → returned: “bob: label the mass too”", "rita, the case\ndraft → submitted");
        assertThat(button(robot, "#review-reopen-case").isDisable()).isFalse();
    }

    @Test
    void aMoveRefusedByTheCatalogIsOneSentenceAndThePanelCatchesUp(FxRobot robot) throws Exception {
        settle();
        // Someone else submits ann's annotation meanwhile; the panel still shows it as a draft.
        cases.catalog.reviews().moveAnnotation(cases.annMask, ReviewState.SUBMITTED, cases.ann, null);
        robot.clickOn(cell(robot, "#review-annotations", "ann"));
        robot.clickOn("#review-submit");
        settle();

        String sentence = "Annotation " + cases.annMask + " is submitted; it can move to approved or returned, not to submitted.";
        assertThat(text(robot, "#review-message")).isEqualTo(sentence);
        assertThat(reported).containsExactly(sentence);
        assertThat(rows(robot, "#review-annotations").getFirst().get(3)).as("read again after the refusal").isEqualTo("submitted");
        assertThat(button(robot, "#review-approve").isDisable()).isFalse();
    }

    @Test
    void aLockedCatalogIsOneSentence(FxRobot robot) throws Exception {
        settle();
        cases.catalog.people().ensure("rita", true, true);
        Path file = ReviewCases.file(dir);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO person (name, is_annotator, is_reviewer, created_at) VALUES ('other', 1, 0, 0)");
            robot.clickOn("#review-submit-case");
            settle();
            s.execute("ROLLBACK");
        }
        assertThat(text(robot, "#review-message")).isEqualTo("Cannot move case " + ReviewCases.SERIES + " of dataset " + cases.dataset.id()
                + " to submitted: the catalog " + file.toAbsolutePath().normalize() + " is locked by another writer (waited 0.3 s);"
                + " close the other Lumen window or process using it and try again.");
        assertThat(text(robot, "#review-case-state")).isEqualTo("Case review: draft");
        assertThat(reported).hasSize(1);

        robot.clickOn("#review-submit-case");
        settle();
        assertThat(text(robot, "#review-case-state")).as("works again once the other writer is gone").isEqualTo("Case review: submitted");
    }

    @Test
    void agreementOfTheTwoAnnotatorsShowsDiceAndLesionMatchesPerClass(FxRobot robot) throws Exception {
        settle();
        assertThat(rows(robot, "#review-agreement")).isEmpty();
        robot.clickOn("#review-compute-agreement");
        settle();

        assertThat(rows(robot, "#review-agreement")).containsExactly(
                List.of("Nodule", "0.49", "ann 1 of 2, bob 1 of 1", "0.67"),
                List.of("Mass", "0.00", "ann 0 of 0, bob 0 of 1", "0.00"));
        assertThat(text(robot, "#review-agreement-note")).startsWith("Agreement of the current masks by ann, bob, computed ");
        assertThat(button(robot, "#review-compute-agreement").isDisable()).as("nothing left to compare").isTrue();
        assertThat(text(robot, "#review-message")).isEqualTo("Agreement computed for 1 pair of annotators.");
        assertThat(cases.catalog.agreements().of(ReviewCases.SERIES)).hasSize(1);

        // Shown again from the catalog on the next visit, without comparing the masks again.
        robot.interact(() -> panel.showCase(ReviewCases.OTHER_SERIES));
        settle();
        assertThat(rows(robot, "#review-agreement")).isEmpty();
        assertThat(text(robot, "#review-agreement-note")).isEqualTo("Agreement needs mask annotations by two or more annotators on this case.");
        assertThat(button(robot, "#review-compute-agreement").isDisable()).isTrue();
        robot.interact(() -> panel.showCase(ReviewCases.SERIES));
        settle();
        assertThat(rows(robot, "#review-agreement")).hasSize(2);
        assertThat(cases.catalog.agreements().of(ReviewCases.SERIES)).hasSize(1);
    }

    @Test
    void aSeriesOutsideEveryDatasetSaysSo(FxRobot robot) throws Exception {
        settle();
        robot.interact(() -> panel.showCase("1.2.3.not.a.case"));
        settle();
        assertThat(text(robot, "#review-message"))
                .isEqualTo("This series is not a case of any dataset yet: add it in the Labels tab, or start labelling it.");
        assertThat(rows(robot, "#review-annotations")).isEmpty();
        assertThat(button(robot, "#review-submit-case").isDisable()).isTrue();
        assertThat(button(robot, "#review-submit").isDisable()).isTrue();
    }

    /** Waits until the lane has run everything asked of it so far and the FX thread has shown the results. */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            lane.submit(() -> { }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private String revisionTime(long annotationId) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT)
                .withZone(java.time.ZoneId.systemDefault())
                .format(cases.catalog.annotations().history(annotationId).getLast().createdAt());
    }

    @SuppressWarnings("unchecked")
    private <T> T node(FxRobot robot, String query) {
        return (T) robot.lookup(query).query();
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryButton();
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return fx(() -> {
            Object n = robot.lookup(query).query();
            return n instanceof Labeled l ? l.getText() : ((javafx.scene.control.TextInputControl) n).getText();
        });
    }

    /** The table's rows as the text of each column, read on the FX thread. */
    private static List<List<String>> rows(FxRobot robot, String query) throws Exception {
        TableView<?> table = robot.lookup(query).queryTableView();
        return fx(() -> table.getItems().stream().map(item -> table.getColumns().stream()
                .map(c -> String.valueOf(((TableColumn<Object, ?>) (TableColumn<?, ?>) c).getCellObservableValue(item).getValue()))
                .toList()).toList());
    }

    /** The history as listed, newest first, without the time at the start of each entry. */
    private static List<String> history(FxRobot robot) throws Exception {
        javafx.scene.control.ListView<?> list = robot.lookup("#review-history").queryListView();
        return fx(() -> list.getItems().stream().map(s -> ReviewPanel.describe((org.lumen.annotation.review.CaseReview.Step) s)
                .replaceFirst("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  ", "")).toList());
    }

    /** The cell of {@code table} showing exactly {@code text}, to click on. */
    private static Labeled cell(FxRobot robot, String table, String text) {
        return robot.from(robot.lookup(table).queryTableView()).lookup((Labeled l) -> text.equals(l.getText())
                && l instanceof javafx.scene.control.TableCell<?, ?>).query();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
