// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.viewmodel.DatasetViewModel;
import org.lumen.task.ui.FxThread;

/**
 * The dataset an annotator works on: the view of a {@link DatasetViewModel}, which holds the logic
 * (the datasets, the chosen one's classes and progress, creating one, adding the open series,
 * marking it done, the next unlabelled case, and the catalog calls behind them).
 */
public final class DatasetPanel extends VBox {

    private final DatasetViewModel model;
    private final ComboBox<DatasetRecord> datasets = new ComboBox<>();
    private final TextField newName = new TextField();
    private final TextField newDrawn = new TextField();
    private final TextField newClassifications = new TextField();
    private final Label classes = new Label();
    private final Label progress = new Label();
    private final Button add = new Button("Add the open series");
    private final Button done = new Button("Mark it done");
    private final Button next = new Button("Next unlabelled case");
    private final Button export = new Button("Export…");
    /** Set while the view shows the model's state, so the combo box's own events do not go back to the model. */
    private boolean adjusting;

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param report  where sentences for the user go (FX thread)
     */
    public DatasetPanel(Supplier<Catalog> catalog, Executor lane, Consumer<String> report) {
        this(new DatasetViewModel(catalog, lane, FxThread.executor(), report));
    }

    public DatasetPanel(DatasetViewModel model) {
        this.model = model;
        getStyleClass().add("dataset-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        datasets.setMaxWidth(Double.MAX_VALUE);
        datasets.setPromptText("Dataset");
        datasets.setCellFactory(list -> new DatasetCell());
        datasets.setButtonCell(new DatasetCell());
        datasets.valueProperty().addListener((o, old, d) -> {
            if (!adjusting) {
                model.choose(d);
            }
        });
        newName.setPromptText("New dataset name");
        newDrawn.setPromptText(DatasetViewModel.DRAWN_PROMPT);
        newClassifications.setPromptText(DatasetViewModel.CLASSIFICATIONS_PROMPT);
        Button create = new Button("Create");
        create.setOnAction(e -> create());
        newName.setOnAction(e -> create());
        newDrawn.setOnAction(e -> create());
        newClassifications.setOnAction(e -> create());
        add.setOnAction(e -> model.addOpenSeries());
        done.setOnAction(e -> model.markDone());
        next.setOnAction(e -> model.nextCase());
        export.setOnAction(e -> model.export());
        classes.setWrapText(true);
        progress.setWrapText(true);
        HBox createRow = new HBox(6, newName, create);
        HBox.setHgrow(newName, Priority.ALWAYS);
        getChildren().addAll(new Label("Dataset"), datasets, createRow, newDrawn, newClassifications, classes, progress,
                new FlowPane(4, 4, add, done, next, export));
        model.addListener(this::render);
        render();
    }

    /** The logic behind this view. */
    public DatasetViewModel model() { return model; }

    /** Where "the open series" comes from (the active viewport's series UID, or null). */
    public void setOpenSeries(Supplier<String> seriesUid) { model.setOpenSeries(seriesUid); }

    /** Opens a case by series UID (the app finds its files through the catalog). */
    public void setOnOpenCase(Consumer<String> handler) { model.setOnOpenCase(handler); }

    /** Export… of the chosen dataset (the app asks where and in which format, and runs the export as a task). */
    public void setOnExport(Consumer<DatasetRecord> handler) { model.setOnExport(handler); }

    /** Told when the annotator picks a dataset (its classes become the labelling classes). */
    public void setOnChosen(Consumer<DatasetRecord> handler) { model.setOnChosen(handler); }

    public DatasetRecord chosen() { return model.chosen(); }

    /** Reloads the datasets from the catalog (after it opens, or after a change elsewhere). */
    public void reload() { model.reload(); }

    private void create() {
        model.create(newName.getText(), newDrawn.getText(), newClassifications.getText(), () -> {
            newName.clear();
            newDrawn.clear();
            newClassifications.clear();
        });
    }

    private void render() {
        DatasetViewModel.State s = model.state();
        adjusting = true;
        try {
            if (!datasets.getItems().equals(s.datasets())) {
                datasets.getItems().setAll(s.datasets());
            }
            datasets.setValue(s.chosen());
        } finally {
            adjusting = false;
        }
        classes.setText(s.classes());
        progress.setText(s.progress());
    }

    private static final class DatasetCell extends ListCell<DatasetRecord> {
        @Override
        protected void updateItem(DatasetRecord d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null : d.name());
        }
    }
}
