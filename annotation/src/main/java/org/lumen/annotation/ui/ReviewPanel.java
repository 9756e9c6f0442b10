// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
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
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.ReviewState;
import org.lumen.annotation.review.CaseReview;
import org.lumen.annotation.viewmodel.ReviewViewModel;
import org.lumen.annotation.viewmodel.ReviewViewModel.AgreementRow;
import org.lumen.task.ui.FxThread;

/**
 * Review of the current case (a series in a dataset): the view of a {@link ReviewViewModel}, which
 * holds the logic (what a move does, what is enabled when, the text shown, the catalog calls). It shows
 * the annotations with author, revisions and review state, the case's own state, the review history,
 * Submit / Approve / Return / Reopen for the selected annotation and for the whole case, and the
 * agreement of two or more annotators' masks.
 */
public final class ReviewPanel extends VBox {

    private static final String ERROR_STYLE = "-fx-text-fill: #ffb74d;";

    private final ReviewViewModel model;
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
    private final CheckBox showOnImages = new CheckBox("Show the selected annotation on the images");
    /** Set while the view shows the model's state, so the controls' own events do not go back to the model. */
    private boolean adjusting;

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param report  where sentences for the user go besides this panel (FX thread)
     */
    public ReviewPanel(Supplier<Catalog> catalog, Executor lane, Consumer<String> report) {
        this(new ReviewViewModel(catalog, lane, FxThread.executor(), report));
    }

    public ReviewPanel(ReviewViewModel model) {
        this.model = model;
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
                model.chooseDataset(d);
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
                column("Revisions", ReviewViewModel::revisions, 130),
                column("State", i -> ReviewViewModel.word(i.state()), 70)));
        annotations.getSelectionModel().selectedItemProperty().addListener((o, old, i) -> {
            if (!adjusting) {
                model.select(i == null ? null : i.id());
            }
        });
        showOnImages.setId("review-show");
        // Review-only viewing: another annotator's labels, read-only, over the series.
        showOnImages.selectedProperty().addListener((o, old, on) -> {
            if (!adjusting) {
                model.setShowOnImages(on);
            }
        });

        // A text field, not an area: the window's annotation keys leave text fields alone.
        comment.setId("review-comment");
        comment.setPromptText("Comment (a return needs one: say what to fix)");
        comment.textProperty().addListener((o, old, text) -> model.setComment(text));
        submit.setId("review-submit");
        approve.setId("review-approve");
        giveBack.setId("review-return");
        reopen.setId("review-reopen");
        submitCase.setId("review-submit-case");
        approveCase.setId("review-approve-case");
        returnCase.setId("review-return-case");
        reopenCase.setId("review-reopen-case");
        submit.setOnAction(e -> model.moveSelected(ReviewState.SUBMITTED));
        approve.setOnAction(e -> model.moveSelected(ReviewState.APPROVED));
        giveBack.setOnAction(e -> model.moveSelected(ReviewState.RETURNED));
        reopen.setOnAction(e -> model.moveSelected(ReviewState.DRAFT));
        submitCase.setOnAction(e -> model.moveCase(ReviewState.SUBMITTED));
        approveCase.setOnAction(e -> model.moveCase(ReviewState.APPROVED));
        returnCase.setOnAction(e -> model.moveCase(ReviewState.RETURNED));
        reopenCase.setOnAction(e -> model.moveCase(ReviewState.DRAFT));
        submit.setTooltip(new Tooltip("Annotator: send the selected annotation for review (from draft or returned)"));
        approve.setTooltip(new Tooltip("Reviewer: approve the selected submitted annotation"));
        giveBack.setTooltip(new Tooltip("Reviewer: return the selected submitted annotation to its annotator, with a comment"));
        reopen.setTooltip(new Tooltip("Reviewer: make an approved annotation a draft again"));
        message.setId("review-message");
        message.setWrapText(true);

        compute.setId("review-compute-agreement");
        compute.setOnAction(e -> model.computeAgreement());
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
        agreement.setRowFactory(t -> new TableRow<>() {
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
        model.addListener(new ReviewViewModel.Listener() {
            @Override
            public void changed() {
                render();
            }

            @Override
            public void commentWanted() {
                comment.requestFocus();
            }
        });
        render();
    }

    /** The logic behind this view. */
    public ReviewViewModel model() { return model; }

    /** Who works at this workstation (default: the system user); added to the catalog as annotator and reviewer at the first move. */
    public void setPerson(String name) { model.setPerson(name); }

    /** Told which annotation to show over the series (null: none) while "Show on images" is ticked, with the case it belongs to. */
    public void setOnShow(BiConsumer<CaseReview, CaseReview.Item> handler) { model.setOnShow(handler); }

    /** Tells the user what the images now show (or why they cannot), in the panel's message line. */
    public void showNote(String sentence) { model.showNote(sentence); }

    /** Told the series UID of a case after a move of it or of one of its annotations (the labelling session may reload). */
    public void setOnMoved(Consumer<String> handler) { model.setOnMoved(handler); }

    /** The dataset to prefer when the series is a case of several (the Labels tab's choice), or null. */
    public void setPreferredDataset(Supplier<Long> datasetId) { model.setPreferredDataset(datasetId); }

    /** Shows the case of series {@code uid} (null: none). */
    public void showCase(String uid) { model.showCase(uid); }

    /** Reads the case again (after a change elsewhere, or when the panel comes to the front). */
    public void refresh() { model.refresh(); }

    /** The case on screen, or null. */
    public CaseReview shown() { return model.shown(); }

    public String seriesUid() { return model.seriesUid(); }

    /** A history step as the panel lists it: when, who, what, then the move and its comment. */
    static String describe(CaseReview.Step step) {
        return ReviewViewModel.describe(step);
    }

    private void render() {
        ReviewViewModel.State s = model.state();
        adjusting = true;
        try {
            if (!datasets.getItems().equals(s.datasets())) {
                datasets.getItems().setAll(s.datasets());
            }
            datasets.setValue(s.dataset());
            person.setText(s.person());
            caseLabel.setText(s.caseLine());
            caseLabel.setTooltip(s.caseTooltip() == null ? null : new Tooltip(s.caseTooltip()));
            caseState.setText(s.caseState());
            if (!annotations.getItems().equals(s.annotations())) {
                annotations.getItems().setAll(s.annotations());
            }
            annotations.getItems().stream().filter(i -> Objects.equals(i.id(), s.selected())).findFirst()
                    .ifPresentOrElse(i -> annotations.getSelectionModel().select(i), () -> annotations.getSelectionModel().clearSelection());
            if (!history.getItems().equals(s.history())) {
                history.getItems().setAll(s.history());
                history.scrollTo(0);
            }
            agreement.getItems().setAll(s.agreement());
            agreementNote.setText(s.agreementNote());
            showOnImages.setSelected(s.showOnImages());
            if (!comment.getText().equals(s.comment())) {
                comment.setText(s.comment());
            }
            comment.setDisable(!s.commentEnabled());
            enable(s.annotationMoves(), submit, approve, giveBack, reopen);
            enable(s.caseMoves(), submitCase, approveCase, returnCase, reopenCase);
            compute.setDisable(!s.canComputeAgreement());
            message.setStyle(s.message().error() ? ERROR_STYLE : "");
            message.setText(s.message().text());
        } finally {
            adjusting = false;
        }
    }

    private static void enable(ReviewViewModel.Moves moves, Button submit, Button approve, Button giveBack, Button reopen) {
        submit.setDisable(!moves.submit());
        approve.setDisable(!moves.approve());
        giveBack.setDisable(!moves.giveBack());
        reopen.setDisable(!moves.reopen());
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
