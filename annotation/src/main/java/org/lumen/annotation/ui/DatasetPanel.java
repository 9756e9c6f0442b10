// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import java.util.Locale;
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
import org.lumen.annotation.catalog.DatasetProgress;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.annotation.catalog.LabelClass;
import org.lumen.annotation.catalog.LabelSchema;
import org.lumen.annotation.catalog.LabelType;
import org.lumen.annotation.catalog.MemberStatus;
import org.lumen.task.BackgroundTask;
import org.lumen.task.ui.FxLane;

/**
 * The dataset an annotator works on: choose or create it, see its label classes and progress
 * (cases to do, in progress, done, submitted, approved), add the open series, mark it done, and
 * jump to the next unlabelled case. Catalog calls run on the catalog's lane, never the FX thread.
 */
public final class DatasetPanel extends VBox {

    private final Supplier<Catalog> catalog;
    private final FxLane lane;
    private final Consumer<String> report;
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
    private Consumer<DatasetRecord> onExport = d -> { };
    private Supplier<String> openSeries = () -> null;
    private Consumer<String> openCase = uid -> { };
    private Consumer<DatasetRecord> onChosen = d -> { };

    /**
     * @param catalog the open catalog, or null while it is not (read on the lane)
     * @param lane    the catalog's single thread
     * @param report  where sentences for the user go (FX thread)
     */
    public DatasetPanel(Supplier<Catalog> catalog, Executor lane, Consumer<String> report) {
        this.catalog = catalog;
        this.lane = new FxLane(lane);
        this.report = report;
        getStyleClass().add("dataset-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        datasets.setMaxWidth(Double.MAX_VALUE);
        datasets.setPromptText("Dataset");
        datasets.setCellFactory(list -> new DatasetCell());
        datasets.setButtonCell(new DatasetCell());
        datasets.valueProperty().addListener((o, old, d) -> {
            refresh();
            if (d != null) {
                onChosen.accept(d);
            }
        });
        newName.setPromptText("New dataset name");
        newDrawn.setPromptText("Classes to draw: " + String.join(", ", LabelSchema.DEFAULT.drawn()));
        newClassifications.setPromptText("Image/series classes: " + String.join(", ", LabelSchema.DEFAULT.classifications()));
        Button create = new Button("Create");
        create.setOnAction(e -> create());
        newName.setOnAction(e -> create());
        newDrawn.setOnAction(e -> create());
        newClassifications.setOnAction(e -> create());
        add.setOnAction(e -> withSeries(uid -> call(c -> c.datasets().addMembers(chosen().id(), List.of(uid)), n -> refresh())));
        done.setOnAction(e -> withSeries(uid -> call(c -> c.datasets().setStatus(chosen().id(), uid, MemberStatus.DONE), m -> refresh())));
        next.setOnAction(e -> nextCase());
        export.setOnAction(e -> {
            if (chosen() == null) {
                report.accept("Choose a dataset first: Export… writes its labelled cases for a trainer, de-identified.");
            } else {
                onExport.accept(chosen());
            }
        });
        classes.setWrapText(true);
        progress.setWrapText(true);
        HBox createRow = new HBox(6, newName, create);
        HBox.setHgrow(newName, Priority.ALWAYS);
        getChildren().addAll(new Label("Dataset"), datasets, createRow, newDrawn, newClassifications, classes, progress,
                new FlowPane(4, 4, add, done, next, export));
    }

    /** Where "the open series" comes from (the active viewport's series UID, or null). */
    public void setOpenSeries(Supplier<String> seriesUid) { openSeries = seriesUid; }

    /** Opens a case by series UID (the app finds its files through the catalog). */
    public void setOnOpenCase(Consumer<String> handler) { openCase = handler; }

    /** Export… of the chosen dataset (the app asks where and in which format, and runs the export as a task). */
    public void setOnExport(Consumer<DatasetRecord> handler) { onExport = handler; }

    /** Told when the annotator picks a dataset (its classes become the labelling classes). */
    public void setOnChosen(Consumer<DatasetRecord> handler) { onChosen = handler; }

    public DatasetRecord chosen() { return datasets.getValue(); }

    /** Reloads the datasets from the catalog (after it opens, or after a change elsewhere). */
    public void reload() {
        call(c -> c.datasets().all(), list -> {
            DatasetRecord keep = datasets.getValue();
            datasets.getItems().setAll(list);
            datasets.setValue(list.stream().filter(d -> keep != null && d.id() == keep.id()).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
        });
    }

    private void create() {
        String name = newName.getText().strip();
        if (name.isEmpty()) {
            report.accept("A dataset needs a name.");
            return;
        }
        LabelSchema schema;
        try {
            // Empty fields take the default schema's lists, as their prompts show.
            schema = LabelSchema.parse(newDrawn.getText().isBlank() ? String.join(",", LabelSchema.DEFAULT.drawn()) : newDrawn.getText(),
                    newClassifications.getText().isBlank() ? String.join(",", LabelSchema.DEFAULT.classifications())
                            : newClassifications.getText());
        } catch (IllegalArgumentException e) {
            report.accept("The label schema cannot be used: " + e.getMessage() + ".");
            return;
        }
        call(c -> {
            DatasetRecord d = c.datasets().create(name, "Created in the workstation", schema.describe());
            schema.defineIn(c.labelClasses(), d.id());
            return d;
        }, d -> {
            newName.clear();
            newDrawn.clear();
            newClassifications.clear();
            datasets.getItems().add(d);
            datasets.setValue(d);
        });
    }

    private void nextCase() {
        if (chosen() == null) {
            return;
        }
        call(c -> c.datasets().nextCase(chosen().id()).map(m -> m.seriesUid()).orElse(""), uid -> {
            if (uid.isEmpty()) {
                report.accept("Every case of " + chosen().name() + " is labelled.");
            } else {
                openCase.accept(uid);
            }
        });
    }

    private void refresh() {
        DatasetRecord d = chosen();
        if (d == null) {
            classes.setText("");
            progress.setText("");
            return;
        }
        call(c -> new Object[] {c.labelClasses().of(d.id()), c.datasets().progress(d.id())}, result -> {
            @SuppressWarnings("unchecked")
            List<LabelClass> defined = (List<LabelClass>) result[0];
            DatasetProgress p = (DatasetProgress) result[1];
            classes.setText(defined.isEmpty() ? "Classes: the defaults (" + LabelSchema.DEFAULT.describe() + ")"
                    : "Classes: " + describe(defined));
            progress.setText(String.format(Locale.ROOT, "%d %s: %d to do, %d in progress, %d done, %d skipped; %d submitted, %d approved",
                    p.cases(), p.cases() == 1 ? "case" : "cases", p.todo(), p.inProgress(), p.done(), p.skipped(), p.submitted(), p.approved()));
        });
    }

    /** "Nodule, Mass; classified as normal, uncertain". */
    private static String describe(List<LabelClass> defined) {
        List<String> drawn = defined.stream().filter(l -> l.type() != LabelType.CLASSIFICATION).map(LabelClass::name).toList();
        List<String> classified = defined.stream().filter(l -> l.type() == LabelType.CLASSIFICATION).map(LabelClass::name).toList();
        return String.join(", ", drawn) + (classified.isEmpty() ? "" : "; classified as " + String.join(", ", classified));
    }

    private void withSeries(Consumer<String> action) {
        String uid = openSeries.get();
        if (chosen() == null || uid == null) {
            report.accept(chosen() == null ? "Choose or create a dataset first." : "Open a series first.");
            return;
        }
        action.accept(uid);
    }

    private interface CatalogCall<T> {
        T run(Catalog c) throws Exception;
    }

    /** Runs a catalog call on the lane and hands its result to the FX thread; failures become a sentence. */
    private <T> void call(CatalogCall<T> work, Consumer<T> then) {
        lane.submit(BackgroundTask.of("Dataset panel: a catalog call", context -> {
            Catalog c = catalog.get();
            if (c == null) {
                throw new IllegalStateException("The catalog is not open.");
            }
            return work.run(c);
        }), then, e -> report.accept(e.getMessage()));
    }

    private static final class DatasetCell extends ListCell<DatasetRecord> {
        @Override
        protected void updateItem(DatasetRecord d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null : d.name());
        }
    }
}
