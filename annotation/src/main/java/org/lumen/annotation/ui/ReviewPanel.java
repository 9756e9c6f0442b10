// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ClassAgreement;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.annotation.review.ReviewMoves;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ui.FxLane;

/**
 * Review of the current case (a series in a dataset): its annotations with author, revisions and
 * review state, the case's own state, the review history, Submit / Approve / Return / Reopen for the
 * selected annotation and for the whole case (a return needs a comment), and the agreement of two or
 * more annotators' masks (Dice and lesion matches per class). Catalog calls run on the catalog's
 * lane, never the FX thread; a failure (a refused move, a locked catalog) shows as one sentence here.
 */
public final class ReviewPanel extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String ERROR_STYLE = "-fx-text-fill: #ffb74d;";

    private final Supplier<Catalog> catalog;
    private final FxLane lane;
    private final Consumer<String> report;
    private final ComboBox<DatasetRecord> datasets = new ComboBox<>();
    private final Label person = new Label();
    private final Label caseLabel = new Label();
    private final Label caseState = new Label();
    private final TableView<CaseReview.Item> annotations = new TableView<>();
    private final TextField comment = new TextField();
    private final Button submit = new Button("Submit");
    private final Button approve = new Button("Approve");
    private final Button giveBack = new Button("Return");
    private final Button reopen = new Button("Reopen");
    private final Button submitCase = new Button("Submit case");
    private final Button approveCase = new Button("Approve case");
    private final Button returnCase = new Button("Return case");
    private final Button reopenCase = new Button("Reopen case");
    private final Label message = new Label();
    private final Button compute = new Button("Compute agreement");
    private final Label agreementNote = new Label();
    private final TableView<AgreementRow> agreement = new TableView<>();
    private final ListView<CaseReview.Step> history = new ListView<>();
    private String personName = System.getProperty("user.name", "reviewer");
    private Supplier<Long> preferredDataset = () -> null;
    private Consumer<String> onMoved = uid -> { };
    private final CheckBox showOnImages = new CheckBox("Show the selected annotation on the images");
    private java.util.function.BiConsumer<CaseReview, CaseReview.Item> onShow = (r, i) -> { };
    private String seriesUid;
    private CaseReview shown;
    private boolean adjusting;

    /** One row of the agreement table: a pair of annotators on one class. */
    private record AgreementRow(String className, String dice, String lesions, String f1, String detail) { }

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param report  where sentences for the user go besides this panel (FX thread)
     */
    public ReviewPanel(Supplier<Catalog> catalog, Executor lane, Consumer<String> report) {
        this.catalog = catalog;
        this.lane = new FxLane(lane);
        this.report = report;
        getStyleClass().add("review-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        datasets.setId("review-dataset");
        datasets.setMaxWidth(Double.MAX_VALUE);
        datasets.setPromptText("Dataset");
        datasets.setCellFactory(list -> new DatasetCell());
        datasets.setButtonCell(new DatasetCell());
        datasets.valueProperty().addListener((o, old, d) -> {
            if (!adjusting) {
                load();
            }
        });
        person.setId("review-person");
        caseLabel.setId("review-case");
        caseState.setId("review-case-state");
        caseState.setStyle("-fx-font-weight: bold;");

        annotations.setId("review-annotations");
        annotations.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        annotations.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        annotations.setPlaceholder(new Label("No annotations on this case yet."));
        annotations.setPrefHeight(120);
        annotations.getColumns().addAll(List.of(
                column("Kind", i -> i.kind().name().toLowerCase(Locale.ROOT), 60),
                column("Author", CaseReview.Item::author, 80),
                column("Revisions", i -> i.revisions() + (i.lastChange() == null ? "" : ", " + TIME.format(i.lastChange())), 130),
                column("State", i -> word(i.state()), 70)));
        annotations.getSelectionModel().selectedItemProperty().addListener((o, old, i) -> {
            updateButtons();
            if (showOnImages.isSelected()) {
                onShow.accept(shown, i);
            }
        });
        showOnImages.setId("review-show");
        // Review-only viewing: another annotator's labels, read-only, over the series.
        showOnImages.selectedProperty().addListener((o, old, on) -> onShow.accept(shown,
                on ? annotations.getSelectionModel().getSelectedItem() : null));

        // A text field, not an area: the window's annotation keys leave text fields alone.
        comment.setId("review-comment");
        comment.setPromptText("Comment (a return needs one: say what to fix)");
        submit.setId("review-submit");
        approve.setId("review-approve");
        giveBack.setId("review-return");
        reopen.setId("review-reopen");
        submitCase.setId("review-submit-case");
        approveCase.setId("review-approve-case");
        returnCase.setId("review-return-case");
        reopenCase.setId("review-reopen-case");
        submit.setOnAction(e -> moveSelected(ReviewState.SUBMITTED));
        approve.setOnAction(e -> moveSelected(ReviewState.APPROVED));
        giveBack.setOnAction(e -> moveSelected(ReviewState.RETURNED));
        reopen.setOnAction(e -> moveSelected(ReviewState.DRAFT));
        submitCase.setOnAction(e -> moveCase(ReviewState.SUBMITTED));
        approveCase.setOnAction(e -> moveCase(ReviewState.APPROVED));
        returnCase.setOnAction(e -> moveCase(ReviewState.RETURNED));
        reopenCase.setOnAction(e -> moveCase(ReviewState.DRAFT));
        submit.setTooltip(new Tooltip("Annotator: send the selected annotation for review (from draft or returned)"));
        approve.setTooltip(new Tooltip("Reviewer: approve the selected submitted annotation"));
        giveBack.setTooltip(new Tooltip("Reviewer: return the selected submitted annotation to its annotator, with a comment"));
        reopen.setTooltip(new Tooltip("Reviewer: make an approved annotation a draft again"));
        message.setId("review-message");
        message.setWrapText(true);

        compute.setId("review-compute-agreement");
        compute.setOnAction(e -> computeAgreement());
        agreementNote.setId("review-agreement-note");
        agreementNote.setWrapText(true);
        agreement.setId("review-agreement");
        agreement.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        agreement.setPlaceholder(new Label("Not computed yet."));
        agreement.setPrefHeight(110);
        agreement.getColumns().addAll(List.of(
                column("Class", AgreementRow::className, 70),
                column("Dice", AgreementRow::dice, 45),
                column("Lesions matched", AgreementRow::lesions, 170),
                column("F1", AgreementRow::f1, 45)));
        agreement.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(AgreementRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new Tooltip(row.detail()));
            }
        });

        history.setId("review-history");
        history.setPlaceholder(new Label("Nothing submitted or reviewed yet."));
        history.setPrefHeight(200);
        history.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(CaseReview.Step step, boolean empty) {
                super.updateItem(step, empty);
                setText(empty || step == null ? null : describe(step));
            }
        });

        getChildren().addAll(heading("Dataset"), datasets, person, caseLabel, caseState,
                heading("Annotations"), annotations, showOnImages, comment,
                new FlowPane(4, 4, new Label("Selected annotation:"), submit, approve, giveBack, reopen),
                new FlowPane(4, 4, new Label("Whole case:"), submitCase, approveCase, returnCase, reopenCase),
                message,
                heading("Agreement between annotators"), new FlowPane(4, 4, compute), agreementNote, agreement,
                heading("Review history"), history);
        showPerson();
        show(null);
    }

    /** Who works at this workstation (default: the system user); added to the catalog as annotator and reviewer at the first move. */
    public void setPerson(String name) {
        personName = name;
        showPerson();
    }

    /**
     * Told which annotation to show over the series (null: none) while "Show on images" is ticked,
     * with the case it belongs to.
     */
    public void setOnShow(java.util.function.BiConsumer<CaseReview, CaseReview.Item> handler) {
        onShow = handler;
    }

    /** Tells the user what the images now show (or why they cannot), in the panel's message line. */
    public void showNote(String sentence) {
        info(sentence);
    }

    /** Told the series UID of a case after a move of it or of one of its annotations (the labelling session may reload). */
    public void setOnMoved(Consumer<String> handler) {
        onMoved = handler;
    }

    /** The dataset to prefer when the series is a case of several (the Labels tab's choice), or null. */
    public void setPreferredDataset(Supplier<Long> datasetId) {
        preferredDataset = datasetId;
    }

    /** Shows the case of series {@code uid} (null: none): finds the datasets it belongs to, then loads the case. */
    public void showCase(String uid) {
        seriesUid = uid;
        if (uid == null) {
            setDatasets(List.of(), null);
            show(null);
            info("Open a series to review its case.");
            return;
        }
        call(c -> CaseReview.datasetsOf(c, uid), list -> {
            if (!uid.equals(seriesUid)) {
                return;
            }
            DatasetRecord keep = datasets.getValue();
            Long preferred = preferredDataset.get();
            DatasetRecord pick = list.stream().filter(d -> keep != null && d.id() == keep.id()).findFirst()
                    .or(() -> list.stream().filter(d -> preferred != null && d.id() == preferred).findFirst())
                    .orElse(list.isEmpty() ? null : list.getFirst());
            setDatasets(list, pick);
            load();
        });
    }

    /** Reads the case again (after a change elsewhere, or when the panel comes to the front). */
    public void refresh() {
        showCase(seriesUid);
    }

    /** The case on screen, or null. */
    public CaseReview shown() { return shown; }

    public String seriesUid() { return seriesUid; }

    private void load() {
        DatasetRecord d = datasets.getValue();
        String uid = seriesUid;
        if (d == null || uid == null) {
            show(null);
            if (uid != null) {
                info("This series is not a case of any dataset yet: add it in the Labels tab, or start labelling it.");
            }
            return;
        }
        call(c -> CaseReview.read(c, d.id(), uid), r -> {
            show(r);
            info("");
        });
    }

    private void moveSelected(ReviewState to) {
        CaseReview.Item item = annotations.getSelectionModel().getSelectedItem();
        if (item == null || shown == null) {
            error("Select an annotation first.");
            return;
        }
        move(to, (c, who, text) -> ReviewMoves.moveAnnotation(c, item.id(), to, who, text),
                () -> ReviewMoves.sentence(item.describe() + " " + ReviewMoves.done(to)));
    }

    private void moveCase(ReviewState to) {
        if (shown == null) {
            error("Open a series that is a case of a dataset first.");
            return;
        }
        CaseReview current = shown;
        move(to, (c, who, text) -> ReviewMoves.moveCase(c, current.dataset().id(), current.seriesUid(), to, who, text),
                () -> "The case is " + ReviewMoves.done(to) + ".");
    }

    /** A review move in the catalog. */
    private interface Move {
        void run(Catalog c, String who, String comment) throws Exception;
    }

    /** Checks the comment rule, makes the move on the lane, then shows the case read again and {@code done}'s sentence. */
    private void move(ReviewState to, Move move, java.util.function.Supplier<String> done) {
        String text = comment.getText();
        if (ReviewMoves.problem(to, text).isPresent()) {
            error(ReviewMoves.problem(to, text).get());
            comment.requestFocus();
            return;
        }
        CaseReview current = shown;
        String who = personName;
        call(c -> {
            move.run(c, who, text);
            return CaseReview.read(c, current.dataset().id(), current.seriesUid());
        }, r -> {
            show(r);
            comment.clear();
            info(done.get());
            onMoved.accept(current.seriesUid());
        }, this::reloadKeepingMessage);
    }

    private void computeAgreement() {
        CaseReview current = shown;
        if (current == null || !current.canCompareMasks()) {
            error("Agreement needs mask annotations by two or more annotators on this case.");
            return;
        }
        compute.setDisable(true);
        info("Comparing the masks…");
        call(current::computeAgreement, r -> {
            show(r);
            info("Agreement computed for " + r.comparisons().size() + (r.comparisons().size() == 1 ? " pair" : " pairs")
                    + " of annotators.");
        });
    }

    private void show(CaseReview r) {
        if (showOnImages.isSelected() && (r == null || shown == null || !r.seriesUid().equals(shown.seriesUid()))) {
            shown = r;
            showOnImages.setSelected(false); // another case: what was shown over the last one goes
        }
        shown = r;
        Long selected = annotations.getSelectionModel().getSelectedItem() == null ? null
                : annotations.getSelectionModel().getSelectedItem().id();
        if (r == null) {
            caseLabel.setText(seriesUid == null ? "No series open." : "Series " + seriesUid);
            caseState.setText("");
            annotations.getItems().clear();
            history.getItems().clear();
            agreement.getItems().clear();
            agreementNote.setText("");
        } else {
            caseLabel.setText("Case " + r.seriesUid() + " of " + r.dataset().name());
            caseLabel.setTooltip(new Tooltip(r.seriesUid()));
            caseState.setText("Case review: " + word(r.caseState()));
            annotations.getItems().setAll(r.annotations());
            r.annotations().stream().filter(i -> selected != null && i.id() == selected).findFirst()
                    .or(() -> r.annotations().stream().findFirst())
                    .ifPresent(i -> annotations.getSelectionModel().select(i));
            List<CaseReview.Step> steps = new ArrayList<>(r.history());
            java.util.Collections.reverse(steps);
            history.getItems().setAll(steps);
            history.scrollTo(0);
            showAgreement(r);
        }
        updateButtons();
    }

    private void showAgreement(CaseReview r) {
        List<AgreementRow> rows = new ArrayList<>();
        Instant computed = null;
        int missing = 0;
        boolean pairs = r.comparisons().size() > 1;
        for (CaseReview.Comparison c : r.comparisons()) {
            if (c.agreement() == null) {
                missing++;
                continue;
            }
            computed = computed == null || c.agreement().computedAt().isAfter(computed) ? c.agreement().computedAt() : computed;
            String of = pairs ? " (" + c.describe() + ")" : "";
            if (c.agreement().classes().isEmpty()) {
                rows.add(new AgreementRow("none" + of, "–", "no labels in either mask", "–", "Both masks are empty."));
            }
            for (ClassAgreement a : c.agreement().classes()) {
                rows.add(new AgreementRow(r.className(a.label()) + of, String.format(Locale.ROOT, "%.2f", a.dice()),
                        String.format(Locale.ROOT, "%s %d of %d, %s %d of %d", c.a().author(), a.matchedA(), a.lesionsA(),
                                c.b().author(), a.matchedB(), a.lesionsB()),
                        String.format(Locale.ROOT, "%.2f", a.lesionF1()),
                        String.format(Locale.ROOT, "%s: %,d voxels, %s: %,d voxels, %,d in both; revisions %d and %d",
                                c.a().author(), a.voxelsA(), c.b().author(), a.voxelsB(), a.overlap(),
                                c.agreement().revisionA(), c.agreement().revisionB())));
            }
        }
        agreement.getItems().setAll(rows);
        if (!r.canCompareMasks()) {
            agreementNote.setText("Agreement needs mask annotations by two or more annotators on this case.");
        } else if (missing > 0) {
            agreementNote.setText(missing == r.comparisons().size()
                    ? "Masks by " + annotators(r) + ": compute their agreement."
                    : "Some masks changed since the agreement was computed: compute it again.");
        } else {
            agreementNote.setText("Agreement of the current masks by " + annotators(r) + ", computed " + TIME.format(computed)
                    + ". Dice per class; lesions: how many of each annotator's lesions overlap one of the other's.");
        }
    }

    /** A history step as the panel lists it: when, who, what, then the move and its comment. */
    static String describe(CaseReview.Step step) {
        String comment = step.event().comment() == null ? "" : ": “" + step.event().comment() + "”";
        return TIME.format(step.event().at()) + "  " + step.person() + ", " + step.subject() + "\n"
                + word(step.event().from()) + " → " + word(step.event().to()) + comment;
    }

    private static String annotators(CaseReview r) {
        return String.join(", ", r.comparisons().stream().flatMap(c -> java.util.stream.Stream.of(c.a().author(), c.b().author()))
                .distinct().toList());
    }

    private void updateButtons() {
        CaseReview.Item item = annotations.getSelectionModel().getSelectedItem();
        ReviewState a = shown == null || item == null ? null : item.state();
        submit.setDisable(a == null || !a.canMoveTo(ReviewState.SUBMITTED));
        approve.setDisable(a == null || !a.canMoveTo(ReviewState.APPROVED));
        giveBack.setDisable(a == null || !a.canMoveTo(ReviewState.RETURNED));
        reopen.setDisable(a == null || !a.canMoveTo(ReviewState.DRAFT));
        ReviewState c = shown == null ? null : shown.caseState();
        submitCase.setDisable(c == null || !c.canMoveTo(ReviewState.SUBMITTED));
        approveCase.setDisable(c == null || !c.canMoveTo(ReviewState.APPROVED));
        returnCase.setDisable(c == null || !c.canMoveTo(ReviewState.RETURNED));
        reopenCase.setDisable(c == null || !c.canMoveTo(ReviewState.DRAFT));
        compute.setDisable(shown == null || !shown.canCompareMasks()
                || shown.comparisons().stream().allMatch(p -> p.agreement() != null));
        comment.setDisable(shown == null);
    }

    private void setDatasets(List<DatasetRecord> list, DatasetRecord pick) {
        adjusting = true;
        try {
            datasets.getItems().setAll(list);
            datasets.setValue(pick);
        } finally {
            adjusting = false;
        }
    }

    private void showPerson() {
        person.setText("Working as " + personName + " (annotator and reviewer)");
    }

    private void info(String text) {
        message.setStyle("");
        message.setText(text);
    }

    private void error(String sentence) {
        message.setStyle(ERROR_STYLE);
        message.setText(sentence);
    }

    private void fail(String sentence) {
        error(sentence);
        updateButtons();
        report.accept(sentence);
    }

    private interface CatalogCall<T> {
        T run(Catalog c) throws Exception;
    }

    /** After a refused or failed move: reads the case again (someone may have moved it meanwhile), keeping the sentence. */
    private void reloadKeepingMessage() {
        CaseReview current = shown;
        if (current != null) {
            call(c -> CaseReview.read(c, current.dataset().id(), current.seriesUid()), r -> {
                if (current.seriesUid().equals(seriesUid)) {
                    show(r);
                }
            });
        }
    }

    private <T> void call(CatalogCall<T> work, Consumer<T> then) {
        call(work, then, () -> { });
    }

    /** Runs a catalog call on the lane and hands its result to the FX thread; a failure becomes a sentence here, then {@code afterFailure} runs. */
    private <T> void call(CatalogCall<T> work, Consumer<T> then, Runnable afterFailure) {
        lane.submit(BackgroundTask.of("Review panel: a catalog call", context -> {
            Catalog c = catalog.get();
            if (c == null) {
                throw new CatalogNotOpen();
            }
            return work.run(c);
        }), then, e -> {
            if (e instanceof CatalogNotOpen) {
                fail("The catalog is not open.");
                return;
            }
            fail(ReviewMoves.sentence(e));
            afterFailure.run();
        });
    }

    /** The catalog was not open yet when a call was made: said as such, with nothing to undo. */
    private static final class CatalogNotOpen extends IllegalStateException {
        CatalogNotOpen() {
            super("the catalog is not open");
        }
    }

    private static String word(ReviewState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return label;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue() == null ? "" : value.apply(f.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static final class DatasetCell extends ListCell<DatasetRecord> {
        @Override
        protected void updateItem(DatasetRecord d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null : d.name());
        }
    }
}
