// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import org.lumen.app.workflow.Stylesheet;
import org.lumen.app.workflow.LiveCount;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.aiassist.evaluation.Bootstrap;
import org.lumen.aiassist.runtime.DeviceRequest;
import org.lumen.annotation.catalog.DatasetRecord;
import org.lumen.app.services.LumenServices;
import org.lumen.app.validation.CaseRow;
import org.lumen.app.validation.ClaimCheck;
import org.lumen.app.validation.ValidationResult;
import org.lumen.app.validation.ValidationRun;
import org.lumen.task.BackgroundTask;
import org.lumen.task.TaskContext;
import org.lumen.task.TaskHandle;
import org.lumen.viewer.indexing.Indexer;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * AI ▸ Validate on a dataset (Ctrl+Shift+V): what {@code lumen validate} does, in the window — pick a model and a
 * labelled dataset of the catalog, run the validation as a background task with progress and cancel (Esc), then
 * read the FROC curve with the operating point on it (and, where the truth allows, the ROC, the reliability diagram and
 * the Dice distribution in tabs beside it), sensitivity per subgroup, the card's claims beside the site's
 * figures (flagged), and every case worst first; Enter or a double-click opens a case with the model's output and
 * the ground truth over it. "Choose this operating point" stores the threshold as the site's, as {@code --choose} does.
 */
public final class ValidationWindow {

    private final Stage stage = new Stage();
    private final LumenServices services;
    private final FxTaskRunner tasks;
    private final BiConsumer<String, String> openCase;
    private final ComboBox<String> model = new ComboBox<>();
    private final ComboBox<String> dataset = new ComboBox<>();
    private final TextField fpRate = new TextField("1");
    private final Button run = new Button("_Validate");
    private final Button cancel = new Button("Cancel");
    private final Button choose = new Button("_Choose this operating point");
    private final Button openButton = new Button("_Open case");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final LiveCount done = new LiveCount();
    private final Label summary = new Label("Choose a model and a labelled dataset, then Validate.");
    private final Label chosen = new Label();
    private final LineChart<Number, Number> froc = new LineChart<>(new NumberAxis(0, ValidationFigures.MAX_FP_PER_SCAN, 1), new NumberAxis(0, 1, 0.2));
    private final BarChart<Number, String> subgroups = new BarChart<>(new NumberAxis(0, 1, 0.2), new CategoryAxis());
    private final LineChart<Number, Number> roc = new LineChart<>(new NumberAxis(0, 1, 0.2), new NumberAxis(0, 1, 0.2));
    private final LineChart<Number, Number> reliability = new LineChart<>(new NumberAxis(0, 1, 0.2), new NumberAxis(0, 1, 0.2));
    private final BarChart<String, Number> dice = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final TabPane figures = new TabPane();
    private final Tab rocTab = new Tab("ROC", roc);
    private final Tab reliabilityTab = new Tab("Reliability", reliability);
    private final Tab diceTab = new Tab("Dice", dice);
    private final TableView<ClaimCheck> claims = new TableView<>();
    private final TableView<CaseRow> cases = new TableView<>();
    /** Which threshold each table counts at: the card's claims at the card's, the cases at the chosen operating point. */
    private final Label claimsCaption = new Label("The card's claims, compared at the card's own threshold");
    private final Label casesCaption = new Label("Cases at the chosen operating point, worst first");
    private final TableColumn<ClaimCheck, String> siteColumn = TrustColumns.text("This site (95 % CI)", 200,
            c -> c.measured() == null ? "–" : c.measured().toString());
    private final TableColumn<CaseRow, String> foundColumn = TrustColumns.number("Found", 114, r -> Integer.toString(r.found()));
    private final TableColumn<CaseRow, String> fpColumn = TrustColumns.number("FP", 86, r -> Integer.toString(r.falsePositives()));
    private TaskHandle<ValidationResult> running;
    private ValidationResult result;

    /**
     * @param openCase opens a case's series (its UID) in the workstation and runs the model (its id) on it, the labels shown
     */
    public ValidationWindow(Window owner, LumenServices services, FxTaskRunner tasks, List<String> models, BiConsumer<String, String> openCase) {
        this.services = services;
        this.tasks = tasks;
        this.openCase = openCase;
        model.getItems().setAll(models);
        model.setValue(models.isEmpty() ? null : models.getFirst());
        model.setEditable(true);
        dataset.setPromptText("labelled dataset");
        dataset.setEditable(true);
        fpRate.setPrefColumnCount(4);
        fpRate.setOnAction(e -> validate());
        run.setDefaultButton(true);
        run.setOnAction(e -> validate());
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancel());
        choose.setDisable(true);
        choose.setOnAction(e -> chooseOperatingPoint());
        openButton.disableProperty().bind(cases.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> openSelected());
        progress.setPrefWidth(160);
        progress.setVisible(false);
        progress.progressProperty().bind(done.doneProperty().map(d -> done.totalProperty().get() <= 0 ? 0.0
                : d.doubleValue() / done.totalProperty().get()));
        progressText.textProperty().bind(done.doneProperty().map(d -> d + " of " + done.totalProperty().get() + " case(s)"));
        progressText.visibleProperty().bind(progress.visibleProperty());
        HBox top = new HBox(6, new Label("Model"), model, new Label("Dataset"), dataset, new Label("FP/scan"), fpRate, run, cancel,
                progress, progressText);
        top.setAlignment(Pos.CENTER_LEFT);

        summary.setWrapText(true);
        summary.getStyleClass().add("trust-figure");
        summary.setMinHeight(Region.USE_PREF_SIZE);
        chosen.setWrapText(true);

        froc.setTitle("FROC (sensitivity against false positives per scan)");
        froc.getXAxis().setLabel("false positives per scan");
        froc.getYAxis().setLabel("sensitivity");
        froc.setAnimated(false);
        froc.setCreateSymbols(true);
        roc.setTitle("ROC");
        roc.getXAxis().setLabel("false positive rate");
        roc.getYAxis().setLabel("true positive rate");
        reliability.setTitle("Reliability (calibration)");
        reliability.getXAxis().setLabel("mean predicted probability");
        reliability.getYAxis().setLabel("observed fraction positive");
        dice.setTitle("Dice per case and class");
        dice.getXAxis().setLabel("Dice");
        dice.getYAxis().setLabel("cases");
        ((NumberAxis) dice.getYAxis()).setTickUnit(1);
        ((NumberAxis) dice.getYAxis()).setMinorTickVisible(false);
        ((NumberAxis) dice.getYAxis()).setTickLabelFormatter(new NumberAxis.DefaultFormatter((NumberAxis) dice.getYAxis()) {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Integer.toString(n.intValue()) : "";
            }
        });
        for (var chart : List.of(roc, reliability, dice)) {
            chart.setAnimated(false);
            chart.setLegendVisible(false);
        }
        Tab frocTab = new Tab("FROC", froc);
        figures.getTabs().addAll(List.of(frocTab, rocTab, reliabilityTab, diceTab));
        figures.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Tab t : List.of(rocTab, reliabilityTab, diceTab)) {
            t.setDisable(true);
        }
        subgroups.setTitle("Sensitivity at the operating point, per subgroup");
        subgroups.setAnimated(false);
        subgroups.setLegendVisible(false);

        claims.getColumns().addAll(List.of(
                TrustColumns.<ClaimCheck>text("Card claims", 150, c -> c.metric() + (c.dataset() == null ? "" : " (" + c.dataset() + ")")),
                TrustColumns.<ClaimCheck>number("Claimed", 70, c -> String.format(Locale.ROOT, "%.3f", c.claimed())),
                siteColumn,
                verdictColumn()));
        claims.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        claims.setPlaceholder(new Label("The card's claims show here after a validation."));

        cases.getColumns().addAll(List.of(
                TrustColumns.<CaseRow>text("Case", 64, CaseRow::name),
                TrustColumns.<CaseRow>number("Errors", 56, r -> Integer.toString(r.errors())),
                TrustColumns.<CaseRow>number("Lesions", 60, r -> Integer.toString(r.lesions())),
                foundColumn,
                fpColumn,
                TrustColumns.<CaseRow>text("Series", 200, CaseRow::seriesUid)));
        cases.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        cases.setPlaceholder(new Label("Cases show here, worst first."));
        cases.setRowFactory(view -> {
            TableRow<CaseRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openSelected();
                }
            });
            return row;
        });
        cases.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });

        GridPane grid = new GridPane(8, 8);
        grid.add(figures, 0, 0);
        grid.add(subgroups, 1, 0);
        VBox claimsBox = new VBox(4, claimsCaption, claims);
        VBox.setVgrow(claims, Priority.ALWAYS);
        grid.add(claimsBox, 0, 1);
        VBox casesBox = new VBox(4, casesCaption, cases, new HBox(8, openButton, new Label("Enter or double-click opens the case with the model's output and the truth.")));
        VBox.setVgrow(cases, Priority.ALWAYS);
        grid.add(casesBox, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        RowConstraints charts = new RowConstraints();
        charts.setPercentHeight(58);
        RowConstraints tables = new RowConstraints();
        tables.setPercentHeight(42);
        grid.getRowConstraints().addAll(charts, tables);
        VBox.setVgrow(grid, Priority.ALWAYS);

        HBox chooseRow = new HBox(8, choose, chosen);
        chooseRow.setAlignment(Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(new VBox(8, summary, grid), top, null, chooseRow, null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        BorderPane.setMargin(chooseRow, new Insets(8, 0, 0, 0));
        root.getStyleClass().add("validation-window");
        Scene scene = new Scene(root, 1200, 760);
        scene.getStylesheets().add(Stylesheet.url());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && running != null) {
                cancel();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Lumen — Validate a model on the site's cases");
        stage.initOwner(owner);
    }

    public void show() {
        stage.show();
        stage.toFront();
        loadDatasets();
    }

    public Stage stage() { return stage; }

    public ComboBox<String> modelChooser() { return model; }

    public ComboBox<String> datasetChooser() { return dataset; }

    public TextField fpRateField() { return fpRate; }

    public Label summaryLabel() { return summary; }

    public Label chosenLabel() { return chosen; }

    public LineChart<Number, Number> frocChart() { return froc; }

    public BarChart<Number, String> subgroupChart() { return subgroups; }

    public TableView<ClaimCheck> claimsTable() { return claims; }

    public TableView<CaseRow> casesTable() { return cases; }

    /** The last validation's figures, or null. */
    public ValidationResult result() { return result; }

    private void loadDatasets() {
        tasks.submit(services.pools().catalog(), BackgroundTask.of("Listing the catalog's datasets",
                c -> services.catalog().datasets().all().stream().map(DatasetRecord::name).toList()), names -> {
                    String was = dataset.getValue();
                    dataset.getItems().setAll(names);
                    dataset.setValue(was != null ? was : names.isEmpty() ? null : names.getFirst());
                    if (names.isEmpty()) {
                        summary.setText("The catalog has no dataset yet: label cases in the Labels tab, or `lumen phantom DIR --cases N --dataset D`.");
                    }
                }, summary::setText);
    }

    /** Runs the validation in the background (the inference lane: models run one at a time). */
    public void validate() {
        String modelId = model.getValue() == null ? "" : model.getValue().strip();
        String datasetName = dataset.getValue() == null ? "" : dataset.getValue().strip();
        if (modelId.isEmpty() || datasetName.isEmpty()) {
            summary.setText("Choose a model and a dataset first.");
            return;
        }
        double rate;
        try {
            rate = Double.parseDouble(fpRate.getText().strip());
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            summary.setText("FP/scan is the false positives per scan the site accepts, a positive number such as 1, not '" + fpRate.getText() + "'.");
            return;
        }
        run.setDisable(true);
        cancel.setDisable(false);
        choose.setDisable(true);
        chosen.setText("");
        progress.setVisible(true);
        done.start(0);
        summary.setText("Validating " + modelId + " on " + datasetName + "…");
        running = tasks.submit(services.pools().inferenceFromUi(), BackgroundTask.of("Validating " + modelId + " on " + datasetName, task -> {
            TaskContext counting = new TaskContext() {
                @Override public void progress(long n, long of) {
                    done.set(n, of);
                    task.progress(n, of);
                }

                @Override public void message(String message) { task.message(message); }

                @Override public boolean isCancelled() { return task.isCancelled(); }
            };
            var pkg = services.models().resolve(modelId);
            var pools = services.pools();
            return ValidationRun.task(services.catalog(), new Indexer(pools.io(), pools.decodeThreads()), services.loader(), services.inference(),
                    new ValidationRun.Request(pkg, datasetName, rate, Bootstrap.DEFAULT, DeviceRequest.AUTO)).run(counting);
        }), r -> {
            finished();
            show(r);
        }, failure -> {
            finished();
            summary.setText(failure);
        });
    }

    private void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void finished() {
        done.stop();
        running = null;
        progress.setVisible(false);
        run.setDisable(false);
        cancel.setDisable(true);
    }

    /** Draws a validation's figures. */
    public void show(ValidationResult r) {
        result = r;
        summary.setText(ValidationFigures.summary(r));
        XYChart.Series<Number, Number> curve = new XYChart.Series<>();
        curve.setName("FROC, CPM " + String.format(Locale.ROOT, "%.3f", r.froc().cpm().value()));
        for (double[] p : ValidationFigures.frocPoints(r)) {
            curve.getData().add(new XYChart.Data<>(p[0], p[1]));
        }
        XYChart.Series<Number, Number> operating = new XYChart.Series<>();
        operating.setName("operating point");
        var op = r.operatingPoint();
        operating.getData().add(new XYChart.Data<>(Math.min(op.falsePositivesPerScan().value(), ValidationFigures.MAX_FP_PER_SCAN),
                op.sensitivity().value()));
        froc.getData().setAll(List.of(curve, operating));

        XYChart.Series<Number, String> bars = new XYChart.Series<>();
        for (ValidationFigures.Bar b : ValidationFigures.subgroupBars(r)) {
            if (!Double.isNaN(b.sensitivity())) {
                bars.getData().add(new XYChart.Data<>(b.sensitivity(), b.label() + " (" + b.cases() + ")"));
            }
        }
        subgroups.getData().setAll(List.of(bars));
        roc.getData().setAll(List.of(series("ROC", ValidationFigures.rocPoints(r)), series("chance", List.of(new double[] {0, 0},
                new double[] {1, 1}))));
        reliability.getData().setAll(List.of(series("bins", ValidationFigures.reliabilityPoints(r)), series("perfect",
                List.of(new double[] {0, 0}, new double[] {1, 1}))));
        int[] histogram = ValidationFigures.diceHistogram(r);
        XYChart.Series<String, Number> diceBars = new XYChart.Series<>();
        if (histogram != null) {
            for (int b = 0; b < histogram.length; b++) {
                diceBars.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%.1f–%.1f", b / 10.0, (b + 1) / 10.0), histogram[b]));
            }
        }
        dice.getData().setAll(List.of(diceBars));
        rocTab.setDisable(r.classification() == null);
        reliabilityTab.setDisable(r.classification() == null);
        diceTab.setDisable(histogram == null);
        claims.getItems().setAll(r.claims());
        claimsCaption.setText(ValidationFigures.claimsCaption(r));
        casesCaption.setText(ValidationFigures.casesCaption(r));
        siteColumn.setText(ValidationFigures.claimsSiteColumn(r));
        foundColumn.setText(ValidationFigures.casesColumn("Found", r));
        fpColumn.setText(ValidationFigures.casesColumn("FP", r));
        cases.getItems().setAll(CaseRow.of(r));
        choose.setDisable(Double.isInfinite(op.threshold()));
    }

    private static XYChart.Series<Number, Number> series(String name, List<double[]> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        points.forEach(p -> s.getData().add(new XYChart.Data<>(p[0], p[1])));
        return s;
    }

    public TabPane figureTabs() { return figures; }

    public BarChart<String, Number> diceChart() { return dice; }

    public LineChart<Number, Number> rocChart() { return roc; }

    /** Stores this validation's operating point as the site's for the model (the catalog's lane), as `validate --choose`. */
    public void chooseOperatingPoint() {
        ValidationResult r = result;
        if (r == null) {
            return;
        }
        choose.setDisable(true);
        tasks.submit(services.pools().catalog(), BackgroundTask.of("Storing the operating point of " + r.modelId(),
                c -> ValidationRun.choose(services.catalog(), r)), point -> {
                    chosen.setText(String.format(Locale.ROOT, "Score ≥ %.3f is now the site's operating point of %s; the AI tab starts from it.",
                            point.threshold(), point.modelId()));
                    choose.setDisable(false);
                }, failure -> {
                    chosen.setText(failure);
                    choose.setDisable(false);
                });
    }

    public void openSelected() {
        CaseRow row = cases.getSelectionModel().getSelectedItem();
        if (row != null && result != null) {
            openCase.accept(row.seriesUid(), result.modelId());
        }
    }

    private TableColumn<ClaimCheck, String> verdictColumn() {
        TableColumn<ClaimCheck, String> c = TrustColumns.text("Verdict", 130, ClaimCheck::verdict);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("claim-worse", "claim-better");
                if (!empty && text != null && text.startsWith("worse")) {
                    getStyleClass().add("claim-worse");
                } else if (!empty && text != null && text.startsWith("better")) {
                    getStyleClass().add("claim-better");
                }
            }
        });
        return c;
    }
}
