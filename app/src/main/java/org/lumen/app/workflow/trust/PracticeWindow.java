// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import org.lumen.app.workflow.Stylesheet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lumen.annotation.catalog.Catalog;
import org.lumen.annotation.catalog.ModelPractice;
import org.lumen.annotation.catalog.OperatingPoint;
import org.lumen.task.BackgroundTask;
import org.lumen.viewer.ui.FxTaskRunner;

/**
 * AI ▸ Model in practice: what {@code lumen models stats} says, drawn — acceptance, rejection and uncertain per score
 * band (stacked bars), the weekly acceptance trend (a line), time to decision, lesions people drew that the model
 * had not found, and the operating point in force. Read from the catalog on its lane.
 */
public final class PracticeWindow {

    /** A model's figures and the site's operating point, read together. */
    private record Figures(ModelPractice practice, OperatingPoint site) { }

    private final Stage stage = new Stage();
    private final Supplier<Catalog> catalogs;
    private final Executor catalogLane;
    private final FxTaskRunner tasks;
    private final ComboBox<String> model = new ComboBox<>();
    private final TextField since = new TextField();
    private final Label text = new Label("Choose a model.");
    private final StackedBarChart<String, Number> bands = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final LineChart<String, Number> trend = new LineChart<>(new CategoryAxis(), new NumberAxis(0, 100, 20));
    private ModelPractice shown;

    public PracticeWindow(Window owner, Supplier<Catalog> catalogs, Executor catalogLane, FxTaskRunner tasks, List<String> models) {
        this.catalogs = catalogs;
        this.catalogLane = catalogLane;
        this.tasks = tasks;
        model.getItems().setAll(models);
        model.setEditable(true);
        model.setPromptText("model id");
        model.setOnAction(e -> reload());
        since.setPromptText("since 2026-01-01");
        since.setPrefColumnCount(10);
        since.setOnAction(e -> reload());
        Button refresh = new Button("_Refresh");
        refresh.setDefaultButton(true);
        refresh.setOnAction(e -> reload());
        HBox top = new HBox(6, new Label("Model"), model, new Label("Since"), since, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        text.setWrapText(true);
        text.getStyleClass().add("trust-figure");
        bands.setTitle("Decisions per score band");
        bands.getXAxis().setLabel("model score");
        bands.getYAxis().setLabel("findings");
        bands.setAnimated(false);
        trend.setTitle("Acceptance per week (%)");
        trend.getXAxis().setLabel("week of");
        trend.setAnimated(false);
        trend.setLegendVisible(false);
        HBox charts = new HBox(8, bands, trend);
        HBox.setHgrow(bands, Priority.ALWAYS);
        HBox.setHgrow(trend, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);

        BorderPane root = new BorderPane(new VBox(8, text, charts), top, null, null, null);
        root.setPadding(new Insets(10));
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        root.getStyleClass().add("practice-window");
        Scene scene = new Scene(root, 1100, 600);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("Lumen — Model in practice");
        stage.initOwner(owner);
    }

    public void show(String modelId) {
        stage.show();
        stage.toFront();
        if (modelId != null) {
            model.setValue(modelId);
        }
        reload();
    }

    public Stage stage() { return stage; }

    public Label text() { return text; }

    public StackedBarChart<String, Number> bandChart() { return bands; }

    public LineChart<String, Number> trendChart() { return trend; }

    /** The figures on screen, or null before the first read. */
    public ModelPractice shown() { return shown; }

    public void reload() {
        String id = model.getValue() == null ? "" : model.getValue().strip();
        if (id.isEmpty()) {
            text.setText("Choose a model.");
            return;
        }
        Instant from;
        try {
            from = AuditQuery.since(since.getText());
        } catch (IllegalArgumentException e) {
            text.setText(e.getMessage());
            return;
        }
        text.setText("Reading the decisions on " + id + "…");
        tasks.submit(catalogLane, BackgroundTask.of("Reading how " + id + " fares in practice", c -> {
            Catalog catalog = catalogs.get();
            return new Figures(catalog.practice().of(id, from), catalog.operatingPoints().current(id).orElse(null));
        }), this::draw, text::setText);
    }

    private void draw(Figures f) {
        shown = f.practice();
        text.setText(String.join("\n", PracticeFigures.lines(f.practice(), f.site())));
        XYChart.Series<String, Number> accepted = new XYChart.Series<>();
        accepted.setName("accepted");
        XYChart.Series<String, Number> rejected = new XYChart.Series<>();
        rejected.setName("rejected");
        XYChart.Series<String, Number> uncertain = new XYChart.Series<>();
        uncertain.setName("uncertain");
        XYChart.Series<String, Number> undecided = new XYChart.Series<>();
        undecided.setName("undecided");
        for (ModelPractice.ScoreBand b : PracticeFigures.shownBands(f.practice())) {
            String label = PracticeFigures.bandLabel(b);
            accepted.getData().add(new XYChart.Data<>(label, b.accepted() + b.edited()));
            rejected.getData().add(new XYChart.Data<>(label, b.rejected()));
            uncertain.getData().add(new XYChart.Data<>(label, b.uncertain()));
            undecided.getData().add(new XYChart.Data<>(label, b.findings() - b.decided()));
        }
        bands.getData().setAll(List.of(accepted, rejected, uncertain, undecided));
        XYChart.Series<String, Number> weeks = new XYChart.Series<>();
        for (ModelPractice.Week w : f.practice().trend()) {
            if (w.decided() > 0) {
                weeks.getData().add(new XYChart.Data<>(w.start().toString(), w.acceptanceRate() * 100));
            }
        }
        trend.getData().setAll(List.of(weeks));
    }
}
