// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.lumen.aiassist.engine.InferenceResult;
import org.lumen.aiassist.findings.Finding;
import org.lumen.aiassist.findings.FindingDecision;
import org.lumen.aiassist.image2d.FindingPlace;
import org.lumen.aiassist.image2d.StudyTable;
import org.lumen.aiassist.model.IntendedUseAssessment;
import org.lumen.aiassist.model.ModelCard;
import org.lumen.aiassist.model.ValidationFigure;
import org.lumen.viewer.overlay.Colormap;
import org.lumen.viewer.overlay.OverlayLayer;

/**
 * The AI panel: pick a model and device and run it; the model card (intended use, validation
 * figures, provenance) and the device used and why; the ranked findings with score, size and
 * position (a volume's in patient mm; a 2D image's as its image, its centre in that image's pixels and its box's width ×
 * height in the image's own units), each accepted, rejected or left uncertain (Y / N / U in the table; Enter jumps to it);
 * and the heatmap's threshold, opacity and colour map. A result from a series outside the model's
 * intended use (the reader ran it anyway) is marked: a banner above the findings and a mark and
 * tooltip on every row. The workflow behind it lives in the app.
 */
public final class FindingsPanel extends VBox {

    private final ComboBox<String> model = new ComboBox<>();
    private final ComboBox<String> device = new ComboBox<>();
    private final Button run = new Button("Run (Ctrl+I)");
    private final Label deviceUsed = new Label();
    private final Label card = new Label();
    private final TableView<Finding> table = new TableView<>();
    private final Map<Integer, FindingDecision> decisions = new HashMap<>();
    /** A volume model's columns: size and volume in mm, position in patient mm. */
    private final List<TableColumn<Finding, String>> volumeColumns;
    /** A 2D model's columns: the image, the centre in its pixels, the box's size in its units. */
    private final List<TableColumn<Finding, String>> imageColumns;
    private final TableColumn<Finding, String> imageColumn;
    private final TableColumn<Finding, String> sizeColumn;
    /** Where each 2D finding is on its image, by rank; empty for a volume model's result. */
    private final Map<Integer, FindingPlace> places = new HashMap<>();
    /** True when every 2D finding's size is in one unit, which the Size header then names (else each cell does). */
    private boolean sizeUnitInHeader = true;
    /** What the Image column says for each image number ({@link FindingPlace#imageNames}). */
    private Map<Integer, String> imageNames = Map.of();
    /** The columns' widths are worked out again from what they show at the next layout. */
    private boolean columnsToFit;
    private Font fittedWith;
    private final TableColumn<Finding, String> decisionColumn;
    private final Slider threshold = new Slider(0, 1, 0.5);
    private final Slider opacity = new Slider(0, 1, 0.6);
    private final ComboBox<Colormap> colormap = new ComboBox<>();
    private final Button toMasks = new Button("Accepted findings → masks");
    private final Button toBoxes = new Button("Accepted findings → boxes");
    private final Button heatmapToMask = new Button("Heatmap ≥ threshold → mask");
    private Consumer<Double> onHeatmapToMask = t -> { };
    private final Label summary = new Label("No result yet.");
    /** A 2D model's study result: the study's class or grade and the rule, then each image's contribution. */
    private final TableView<StudyTable.Row> study = new TableView<>();
    private final ExplainBar explainBar = new ExplainBar();
    private final Label intendedUseBanner = new Label();
    private IntendedUseAssessment intendedUse;
    private Consumer<Finding> onJump = f -> { };
    private BiConsumer<Finding, FindingDecision> onDecision = (f, d) -> { };
    private Consumer<List<Finding>> onMakeMasks = list -> { };
    private Consumer<List<Finding>> onMakeBoxes = list -> { };
    private Runnable onRun = () -> { };
    private OverlayLayer layer;
    /** The site's operating point for the model on screen (a score threshold), or null when the site chose none. */
    private Double siteThreshold;
    private String siteOrigin = "";
    private String cardText = "";

    public FindingsPanel() {
        getStyleClass().add("findings-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        model.setMaxWidth(Double.MAX_VALUE);
        device.getItems().setAll("auto", "cpu", "cuda:0");
        device.setValue("auto");
        run.setOnAction(e -> onRun.run());
        // A long model name (a package's path) shortens the model list, never the device or the Run button.
        device.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        model.setMinWidth(0);
        model.setPrefWidth(80);
        HBox runRow = new HBox(6, model, device, run);
        HBox.setHgrow(model, Priority.ALWAYS);
        deviceUsed.setWrapText(true);
        card.setWrapText(true);
        TitledPane cardPane = new TitledPane("Model card", card);
        cardPane.setExpanded(false);

        intendedUseBanner.getStyleClass().add("ai-outside-intended-use");
        intendedUseBanner.setStyle("-fx-background-color: #8c1d18; -fx-text-fill: white; -fx-font-weight: bold; -fx-padding: 6;");
        intendedUseBanner.setWrapText(true);
        intendedUseBanner.setMaxWidth(Double.MAX_VALUE);
        intendedUseBanner.managedProperty().bind(intendedUseBanner.visibleProperty());
        intendedUseBanner.setVisible(false);

        table.setPlaceholder(new Label("Run a model to see its findings."));
        table.setPrefHeight(260);
        // Columns share the panel's width (no column hides past the right edge); each is at least as wide as what it shows.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                boolean marked = !empty && f != null && intendedUse != null && intendedUse.outside();
                getStyleClass().removeAll("outside-intended-use", "below-operating-point");
                if (marked) {
                    getStyleClass().add("outside-intended-use");
                }
                if (!empty && f != null && belowOperatingPoint(f)) {
                    getStyleClass().add("below-operating-point");
                }
                setTooltip(marked ? new Tooltip("Outside the model's intended use: " + intendedUse.reasonsSentence()) : null);
            }
        });
        TableColumn<Finding, String> rank = column("#", "Rank (⚠: outside the model's intended use)",
                f -> f.rank() + (intendedUse != null && intendedUse.outside() ? " ⚠" : ""));
        TableColumn<Finding, String> score = column("Score", "Model score, 0-1", f -> String.format(Locale.ROOT, "%.2f", f.score()));
        TableColumn<Finding, String> decision = column("Decision", "Your decision: Y accept, N reject, U uncertain",
                f -> decisions.containsKey(f.rank()) ? decisionWord(decisions.get(f.rank())) : "");
        decision.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        decisionColumn = decision;
        volumeColumns = List.of(rank, score,
                column("Size", "Largest extent, mm", f -> String.format(Locale.ROOT, "%.1f", largest(f.extentMm()))),
                column("Vol", "Volume, mm³", f -> String.format(Locale.ROOT, "%.0f", f.volumeMm3())),
                column("Position", "Centre in patient coordinates (x, y, z), mm", f -> String.format(Locale.ROOT,
                        "%.0f, %.0f, %.0f", f.centerMm().x(), f.centerMm().y(), f.centerMm().z())),
                decision);
        imageColumn = column("Image", "", f -> placeOf(f, p -> imageNames.getOrDefault(p.image(), "")));
        sizeColumn = column("Size", "", f -> placeOf(f, p -> p.sizeText() + (sizeUnitInHeader ? "" : " " + p.sizeUnit())));
        imageColumns = List.of(rank, score, imageColumn,
                column("Centre\n(px)", "The box's centre in its image's pixels [column, row], counted from 0 at the top left as the "
                        + "pixel readout under the cursor counts them", f -> placeOf(f, FindingPlace::centreText)),
                sizeColumn, decision);
        table.getColumns().setAll(volumeColumns);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, f) -> {
            if (f != null) {
                onJump.accept(f);
            }
        });
        table.setOnKeyPressed(e -> {
            Finding f = table.getSelectionModel().getSelectedItem();
            if (f == null) {
                return;
            }
            FindingDecision d = switch (e.getCode()) {
                case Y -> FindingDecision.ACCEPT;
                case N -> FindingDecision.REJECT;
                case U -> FindingDecision.UNCERTAIN;
                default -> null;
            };
            if (d != null) {
                decide(f, d);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                onJump.accept(f);
                e.consume();
            }
        });
        Button accept = new Button("Accept (Y)");
        Button reject = new Button("Reject (N)");
        Button uncertain = new Button("Uncertain (U)");
        accept.setOnAction(e -> decideSelected(FindingDecision.ACCEPT));
        reject.setOnAction(e -> decideSelected(FindingDecision.REJECT));
        uncertain.setOnAction(e -> decideSelected(FindingDecision.UNCERTAIN));
        toMasks.setOnAction(e -> onMakeMasks.accept(accepted()));
        toBoxes.setOnAction(e -> onMakeBoxes.accept(accepted()));
        heatmapToMask.setOnAction(e -> onHeatmapToMask.accept(threshold.getValue()));

        colormap.getItems().setAll(Colormap.values());
        colormap.setValue(Colormap.HOT);
        threshold.valueProperty().addListener((o, a, b) -> restyle());
        opacity.valueProperty().addListener((o, a, b) -> restyle());
        colormap.valueProperty().addListener((o, a, b) -> restyle());
        Label thresholdValue = new Label();
        thresholdValue.textProperty().bind(threshold.valueProperty().map(v -> String.format(Locale.ROOT, "%.2f", v.doubleValue())));
        Label opacityValue = new Label();
        opacityValue.textProperty().bind(opacity.valueProperty().map(v -> String.format(Locale.ROOT, "%.0f %%", v.doubleValue() * 100)));
        thresholdValue.setMinWidth(40);
        opacityValue.setMinWidth(40);
        thresholdValue.getStyleClass().add("slider-value");
        opacityValue.getStyleClass().add("slider-value");
        HBox thresholdRow = new HBox(6, new Label("Threshold"), threshold, thresholdValue);
        HBox opacityRow = new HBox(6, new Label("Opacity"), opacity, opacityValue, colormap);
        HBox.setHgrow(threshold, Priority.ALWAYS);
        HBox.setHgrow(opacity, Priority.ALWAYS);
        summary.setWrapText(true);
        studyTable();
        Label keys = new Label("V shows or hides the heatmap in every view; H the boxes too.");
        keys.setWrapText(true);
        // Explain sits under the result it explains (the study table), above the findings.
        getChildren().addAll(runRow, deviceUsed, cardPane, intendedUseBanner, summary, study, explainBar, table,
                new FlowPane(4, 4, accept, reject, uncertain, toMasks, toBoxes, heatmapToMask),
                thresholdRow, opacityRow, keys);
    }

    private void studyTable() {
        study.setPlaceholder(new Label(""));
        study.setPrefHeight(150);
        study.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        study.getColumns().add(studyColumn("Image", "The study, a side (L, R), or the image's number in the series", StudyTable.Row::image, 52));
        study.getColumns().add(studyColumn("View", "Laterality and view", StudyTable.Row::where, 50));
        study.getColumns().add(studyColumn("Result", "Class or grade", StudyTable.Row::result, 92));
        study.getColumns().add(studyColumn("Score", "Its score, 0-1", r -> Double.isNaN(r.score()) ? "" : String.format(Locale.ROOT, "%.2f",
                r.score()), 44));
        study.getColumns().add(studyColumn("Rule / note", "The card's study rule, or why an image was skipped (hover a row for all of it)",
                StudyTable.Row::note, 120));
        study.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(StudyTable.Row r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("study-total", "study-skipped");
                if (!empty && r != null && r.kind() != StudyTable.Kind.IMAGE) {
                    getStyleClass().add(r.kind() == StudyTable.Kind.SKIPPED ? "study-skipped" : "study-total");
                }
                setStyle(!empty && r != null && r.kind() == StudyTable.Kind.STUDY ? "-fx-font-weight: bold;" : "");
                setTooltip(!empty && r != null && !r.note().isEmpty() ? new Tooltip(r.note()) : null);
            }
        });
        study.managedProperty().bind(study.visibleProperty());
        study.setVisible(false);
    }

    private static TableColumn<StudyTable.Row, String> studyColumn(String title, String explained,
                                                                    java.util.function.Function<StudyTable.Row, String> text, double width) {
        TableColumn<StudyTable.Row, String> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(explained));
        c.setGraphic(header);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 40));
        c.setSortable(false);
        return c;
    }

    /** Shows a 2D model's study result as its own table (null hides it: a volume model's result). */
    public void showStudy(StudyTable table) {
        study.getItems().setAll(table == null ? List.of() : table.rows());
        // Every row in view without scrolling (the four views and two sides of a mammogram fit), within reason.
        study.setPrefHeight(30 + 25 * Math.min(8, study.getItems().size()));
        study.setVisible(table != null);
    }

    /** The study table's rows on screen, empty when none is shown. */
    public List<StudyTable.Row> studyRows() {
        return study.isVisible() ? List.copyOf(study.getItems()) : List.of();
    }

    /** The explanation controls (occlusion or RISE, Explain, Cancel, progress and elapsed time). */
    public ExplainBar explainBar() { return explainBar; }

    /** The finding selected in the table, or null. */
    public Finding selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** Selects the finding of this rank (a click on its box), scrolled into view; false when there is none (nothing selected then). */
    public boolean selectRank(int rank) {
        for (Finding f : table.getItems()) {
            if (f.rank() == rank) {
                table.getSelectionModel().select(f);
                table.scrollTo(f);
                return true;
            }
        }
        table.getSelectionModel().clearSelection();
        return false;
    }

    public void setModels(List<String> names, String selected) {
        model.getItems().setAll(names);
        model.setValue(selected);
    }

    public String selectedModel() { return model.getValue(); }

    /** The models listed. */
    public List<String> models() { return List.copyOf(model.getItems()); }

    /** Chooses a model to run next, adding it to the list when it is not there. */
    public void selectModel(String id) {
        if (!model.getItems().contains(id)) {
            model.getItems().add(id);
        }
        model.setValue(id);
    }

    public String selectedDevice() { return device.getValue(); }

    public void setOnRun(Runnable action) { onRun = action; }

    public void setOnJump(Consumer<Finding> handler) { onJump = handler; }

    public void setOnDecision(BiConsumer<Finding, FindingDecision> handler) { onDecision = handler; }

    public void setOnMakeMasks(Consumer<List<Finding>> handler) { onMakeMasks = handler; }

    /** What "Accepted findings → boxes" does with the accepted findings. */
    public void setOnMakeBoxes(Consumer<List<Finding>> handler) { onMakeBoxes = handler; }

    private List<Finding> accepted() {
        return table.getItems().stream().filter(f -> decisions.get(f.rank()) == FindingDecision.ACCEPT).toList();
    }

    /** Called with the heatmap threshold on screen when the reader turns the heatmap into a mask. */
    public void setOnHeatmapToMask(Consumer<Double> handler) { onHeatmapToMask = handler; }

    /**
     * Says in the banner that a model was not run because the series is outside its intended use,
     * with every reason (the findings shown, if any, are from an earlier run).
     */
    public void showRefusal(String modelName, List<String> reasons) {
        intendedUseBanner.setText("Not run: " + modelName + " is not meant for this series:\n• " + String.join("\n• ", reasons));
        intendedUseBanner.setVisible(true);
    }

    /**
     * Says in the banner, in full, why a run gave no result (its model failed, or returned values Lumen refuses); findings
     * still listed are from an earlier run on the series, and the banner says so.
     */
    public void showFailure(String sentence) {
        boolean earlier = !table.getItems().isEmpty();
        intendedUseBanner.setText(sentence + (earlier ? "\nThe findings below are from an earlier run." : ""));
        intendedUseBanner.setVisible(true);
        if (!earlier) {
            summary.setText("No result.");
        }
    }

    /** The banner's text, empty when none is shown. */
    public String intendedUseBanner() {
        return intendedUseBanner.isVisible() ? intendedUseBanner.getText() : "";
    }

    /**
     * Puts a heatmap layer under the threshold, opacity and colour-map controls (a run's heatmap, or a
     * parametric map shown over its series), the sliders on its range.
     */
    public void styleHeatmap(OverlayLayer heatmapLayer) {
        // The layer's own style, read before the sliders move: moving their range restyles the layer on the way.
        var style = heatmapLayer == null ? null : heatmapLayer.heatmapStyle();
        layer = null;
        if (style != null) {
            threshold.setMin(Math.min(threshold.getMin(), style.low()));
            threshold.setMax(Math.max(threshold.getMax(), style.high()));
            threshold.setValue(style.threshold());
            threshold.setMin(style.low());
            threshold.setMax(style.high());
            opacity.setValue(style.opacity());
            colormap.setValue(style.colormap());
        }
        layer = heatmapLayer;
    }

    /** Shows a volume model's result: its findings, the device and why, the model card, and the heatmap layer to style. */
    public void show(InferenceResult result, ModelCard modelCard, OverlayLayer heatmapLayer) {
        show(result, modelCard, heatmapLayer, null);
    }

    /**
     * Shows a result; a 2D model's with where each finding is on its image ({@code onImages}, one per finding, empty when it
     * found nothing), which the table shows instead of a volume's columns: the image, the centre in its pixels, the box's
     * size in its units. {@code onImages} is null for a volume model's result.
     */
    public void show(InferenceResult result, ModelCard modelCard, OverlayLayer heatmapLayer, List<FindingPlace> onImages) {
        decisions.clear();
        showColumnsFor(onImages);
        intendedUse = result.intendedUse();
        intendedUseBanner.setVisible(result.outsideIntendedUse());
        intendedUseBanner.setText(result.outsideIntendedUse() ? "OUTSIDE INTENDED USE — run anyway on a series the model is not meant "
                + "for; every result below is marked.\n• " + String.join("\n• ", result.intendedUse().reasons()) : "");
        styleHeatmap(heatmapLayer);
        table.getItems().setAll(result.findings());
        deviceUsed.setText(result.device().summary());
        deviceUsed.setTooltip(new Tooltip(result.device().id() + (result.device().note().isEmpty() ? "" : ": " + result.device().note())));
        var t = result.timings();
        summary.setText(String.format(Locale.ROOT, "%d findings%s; preprocess %.0f ms, inference %.0f ms, postprocess %.0f ms; %s",
                result.findings().size(), result.fromCache() ? " (from the cache)" : "", t.preprocessNanos() / 1e6,
                t.inferenceNanos() / 1e6, t.postprocessNanos() / 1e6, result.modelGrid()));
        cardText = describe(modelCard, result);
        siteThreshold = null;
        siteOrigin = "";
        card.setText(cardText + "\nSite operating point: none chosen; the card's default threshold applies.");
    }

    /**
     * The site's operating point for the model on screen (null: none chosen, the card's default applies): the threshold
     * slider starts there, the model card names it, and findings scoring below it are dimmed and counted apart.
     *
     * @param origin where it came from, e.g. "chosen 2026-12-07 by ana from the validation on lidc at 1 FP/scan"
     */
    public void showOperatingPoint(Double scoreThreshold, String origin) {
        siteThreshold = scoreThreshold;
        siteOrigin = origin == null ? "" : origin;
        if (scoreThreshold != null && layer != null && layer.heatmapStyle() != null) {
            threshold.setValue(Math.clamp(scoreThreshold, threshold.getMin(), threshold.getMax()));
        }
        card.setText(cardText + "\nSite operating point: " + (scoreThreshold == null ? "none chosen; the card's default threshold applies."
                : String.format(Locale.ROOT, "score ≥ %.3f", scoreThreshold) + (siteOrigin.isBlank() ? "" : ", " + siteOrigin) + "."));
        String base = summary.getText().replaceAll("; \\d+ of \\d+ at or above the site's operating point.*$", "");
        if (scoreThreshold != null && !table.getItems().isEmpty()) {
            long above = table.getItems().stream().filter(f -> !belowOperatingPoint(f)).count();
            base += String.format(Locale.ROOT, "; %d of %d at or above the site's operating point (%.2f)", above, table.getItems().size(),
                    scoreThreshold);
        }
        summary.setText(base);
        table.refresh();
    }

    /** The site's operating point shown, or null. */
    public Double operatingPoint() { return siteThreshold; }

    /** The model card as shown (its text), with the site's operating point. */
    public String cardText() { return card.getText(); }

    /** The heatmap threshold the slider is at. */
    public double heatmapThreshold() { return threshold.getValue(); }

    /** True when the site chose an operating point and this finding scores below it. */
    public boolean belowOperatingPoint(Finding f) {
        return siteThreshold != null && f.score() < siteThreshold;
    }

    /**
     * Empties the panel (findings, decisions, device, model card, summary): the study they belonged to
     * was closed or replaced, or a run on another series started. {@code note} says why, e.g. "Running …".
     */
    public void clear(String note) {
        decisions.clear();
        showColumnsFor(null);
        layer = null;
        table.getItems().clear();
        deviceUsed.setText("");
        card.setText("");
        cardText = "";
        siteThreshold = null;
        summary.setText(note == null || note.isBlank() ? "No result yet." : note);
        intendedUseBanner.setVisible(false);
        showStudy(null);
        explainBar.setAvailable(false, "Run a model first.");
    }

    /**
     * The volume columns ({@code onImages} null), or a 2D result's: the Image column where it tells something, the Size header
     * naming the one unit.
     */
    private void showColumnsFor(List<FindingPlace> onImages) {
        places.clear();
        if (onImages == null) {
            table.getColumns().setAll(volumeColumns);
        } else {
            onImages.forEach(p -> places.put(p.rank(), p));
            List<String> units = onImages.stream().map(FindingPlace::sizeUnit).distinct().toList();
            sizeUnitInHeader = units.size() == 1;
            String unit = sizeUnitInHeader ? units.getFirst() : "";
            Label header = (Label) sizeColumn.getGraphic();
            header.setText(sizeUnitInHeader ? sizeHeader(unit) : "Size");
            header.setTooltip(new Tooltip("The box's width × height, " + (unit.equals("px") ? "in pixels: the image's file gives no pixel "
                    + "spacing, so no millimetres are stated" : sizeUnitInHeader ? "in " + unit + " as the image's file gives its spacing"
                    : "in each image's own unit (millimetres where its file gives a spacing, pixels where it gives none)")));
            imageNames = FindingPlace.imageNames(onImages);
            boolean byView = imageNames.entrySet().stream().noneMatch(e -> e.getValue().startsWith(String.valueOf(e.getKey())));
            Label imageHeader = (Label) imageColumn.getGraphic();
            imageHeader.setText(byView ? "View" : "Image");
            imageHeader.setTooltip(new Tooltip(byView ? "The image the finding is on, by its laterality and view"
                    : "The image the finding is on: its number in the series, with its laterality and view where the file gives them"));
            // One image without laterality or view: there is nothing to tell.
            table.getColumns().setAll(imageColumns.stream().filter(c -> c != imageColumn || !imageNames.isEmpty()).toList());
        }
        columnsToFit = true;
        requestLayout();
    }

    /**
     * The Size header over two lines (the column is as narrow as its numbers): "Size" over "(mm)" or "(px)"; a qualified
     * millimetre as the scale bar says it (decision 0013), "Size (mm," over "detector)".
     */
    static String sizeHeader(String unit) {
        int qualifier = unit.indexOf(" (");
        if (qualifier < 0) {
            return "Size\n(" + unit + ")";
        }
        return "Size (" + unit.substring(0, qualifier) + ",\n" + unit.substring(qualifier + 2);
    }

    private String placeOf(Finding f, java.util.function.Function<FindingPlace, String> text) {
        FindingPlace p = places.get(f.rank());
        return p == null ? "" : text.apply(p);
    }

    /** Sizes the columns to what they show before the table lays out its rows (again once its cells have their font). */
    @Override
    protected void layoutChildren() {
        Font font = cellFont();
        if (columnsToFit || font != null && !font.equals(fittedWith)) {
            columnsToFit = false;
            fittedWith = font;
            ColumnWidths.fit(table, font != null ? font : summary.getFont(), Map.of(decisionColumn, "Uncertain"));
        }
        super.layoutChildren();
    }

    /** The font the table's cells have from the stylesheet, or null before any cell exists. */
    private Font cellFont() {
        for (javafx.scene.Node node : table.lookupAll(".table-cell")) {
            if (node instanceof javafx.scene.control.Labeled cell) {
                return cell.getFont();
            }
        }
        return null;
    }

    /** The columns' titles as shown, left to right ("#", "Score", "Image", "Centre (px)", "Size (mm, detector)", "Decision"). */
    public List<String> columnTitles() {
        return table.getColumns().stream().map(c -> ((Label) c.getGraphic()).getText()).toList();
    }

    /** What each column shows for a finding, left to right. */
    public List<String> rowText(Finding f) {
        return table.getColumns().stream().map(c -> String.valueOf(c.getCellObservableValue(f).getValue())).toList();
    }

    /** The findings table (tests check that no cell is cut off). */
    public TableView<Finding> findingsTable() {
        return table;
    }

    /** The summary line over the findings table ("No result yet.", "3 findings; …"). */
    public String summaryText() {
        return summary.getText();
    }

    /** The decision recorded for a finding, by rank. */
    public FindingDecision decisionOf(Finding f) {
        return decisions.get(f.rank());
    }

    public List<Finding> findings() {
        return List.copyOf(table.getItems());
    }

    /** Selects a finding (and jumps to it), e.g. from a test or a keyboard shortcut. */
    public void select(Finding f) {
        table.getSelectionModel().select(f);
    }

    public void decide(Finding f, FindingDecision d) {
        decisions.put(f.rank(), d);
        table.refresh();
        onDecision.accept(f, d);
    }

    private void decideSelected(FindingDecision d) {
        Finding f = table.getSelectionModel().getSelectedItem();
        if (f != null) {
            decide(f, d);
        }
    }

    private void restyle() {
        if (layer != null && layer.heatmapStyle() != null && colormap.getValue() != null) {
            layer.setHeatmapStyle(layer.heatmapStyle().withThreshold(threshold.getValue()).withOpacity(opacity.getValue())
                    .withColormap(colormap.getValue()));
        }
    }

    private static String describe(ModelCard c, InferenceResult result) {
        StringBuilder s = new StringBuilder();
        s.append(c.name()).append(" ").append(c.version()).append(c.demo() ? "  (demo)" : "").append('\n');
        if (c.notForClinicalUse()) {
            s.append("NOT FOR CLINICAL USE\n");
        }
        s.append("Intended use: ").append(c.intendedUse()).append('\n');
        s.append("Modality: ").append(c.modality()).append(", body part: ").append(c.bodyPart()).append('\n');
        s.append(c.intendedUseCriteria().declared() ? "Checked before every run:\n"
                : "The card declares no checkable intended use: Lumen cannot check that a series suits this model.\n");
        c.intendedUseCriteria().describe().forEach(line -> s.append("  ").append(line).append('\n'));
        IntendedUseAssessment a = result.intendedUse();
        if (a != null) {
            s.append("This run: ").append(switch (a.verdict()) {
                case WITHIN -> "within the intended use";
                case OUTSIDE -> "OUTSIDE the intended use (run anyway): " + a.reasonsSentence();
                case UNDECLARED -> "not checked (nothing declared)";
            }).append('\n');
            a.notes().forEach(n -> s.append("  Not checked: ").append(n).append('\n'));
        }
        s.append("License: ").append(c.license()).append('\n');
        for (ValidationFigure v : c.validation()) {
            s.append(String.format(Locale.ROOT, "Reported %s: %.3f on %s%s%n", v.metric(), v.value(), v.dataset(),
                    v.note() == null || v.note().isBlank() ? "" : " (" + v.note() + ")"));
        }
        s.append("sha256: ").append(c.sha256()).append('\n');
        s.append("Run: ").append(result.provenance().createdAt()).append(" on ").append(result.provenance().device());
        return s.toString();
    }

    private static String decisionWord(FindingDecision d) {
        return switch (d) {
            case ACCEPT -> "Accepted";
            case REJECT -> "Rejected";
            case UNCERTAIN -> "Uncertain";
        };
    }

    private static double largest(double[] extent) {
        double m = 0;
        for (double e : extent) {
            m = Math.max(m, e);
        }
        return m;
    }

    /** A column whose short title explains itself on hover; its width follows what it shows ({@link FindingColumnWidths}). */
    private static TableColumn<Finding, String> column(String title, String explained, java.util.function.Function<Finding, String> text) {
        TableColumn<Finding, String> c = new TableColumn<>();
        Label header = new Label(title);
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // a two-line header keeps both lines
        header.setTooltip(new Tooltip(explained));
        c.setGraphic(header);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
