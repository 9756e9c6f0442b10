// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.annotation.viewmodel.AnnotationViewModel;
import org.lumen.annotation.viewmodel.AnnotationViewModel.Tool;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.ui.ViewportContext;

/**
 * The annotator's panel, the view of an {@link AnnotationViewModel} (which holds the logic): classes
 * (colour, visibility, the active one), tools, brush size and HU range, label opacity and outline,
 * undo/redo, interpolation, the series' classification, the labelled volume per class and the save
 * state. It turns the chosen tool into the viewer's left-button tool, and draws the session's shapes.
 * Its keys are listed at {@link #handleKey}.
 */
public final class AnnotationPanel extends VBox {

    private final ViewportContext viewports;
    private final AnnotationViewModel model;
    private final Label title = new Label();
    private final Label saveState = new Label();
    private final ListView<AnnotationClass> classes = new ListView<>();
    private final ToggleGroup tools = new ToggleGroup();
    private final Map<Tool, ToggleButton> toolButtonOf = new java.util.EnumMap<>(Tool.class);
    private final Slider radius = new Slider(0.5, 30, 3);
    private final Label radiusText = SliderValue.label(radius, v -> String.format(Locale.ROOT, "%.1f mm", v));
    private final CheckBox sphere = new CheckBox("3D sphere");
    private final TextField low = new TextField();
    private final TextField high = new TextField();
    private final Slider opacity = new Slider(0, 1, 0.45);
    private final Label opacityText = SliderValue.label(opacity, v -> String.format(Locale.ROOT, "%.0f%%", v * 100));
    private final CheckBox outline = new CheckBox("Outline only");
    private final Button undo = new Button("Undo");
    private final Button redo = new Button("Redo");
    private final Button interpolate = new Button("Interpolate slices");
    private final ComboBox<String> classification = new ComboBox<>();
    private final ShapeList shapes;
    private final FlowPane toolButtons = new FlowPane(4, 4);
    private final HBox historyRow = new HBox(6);
    private final HBox seriesRow = new HBox(6);
    private final ImageClassification imageClassification;
    private VectorLabelLayer shapeLayer;
    private final Label volumes = new Label();
    private final Label message = new Label();
    /** Set while the view shows the model's state, so the controls' own events do not go back to the model. */
    private boolean adjusting;

    public AnnotationPanel(ViewportContext viewports) {
        this(viewports, new AnnotationViewModel());
    }

    public AnnotationPanel(ViewportContext viewports, AnnotationViewModel model) {
        this.viewports = viewports;
        this.model = model;
        this.shapes = new ShapeList(viewports);
        this.imageClassification = new ImageClassification(viewports);
        getStyleClass().add("annotation-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        classes.setPrefHeight(130);
        classes.setCellFactory(list -> new ClassCell());
        classes.getSelectionModel().selectedItemProperty().addListener((o, old, c) -> {
            if (!adjusting) {
                model.selectClass(c);
            }
        });
        radius.valueProperty().addListener((o, a, b) -> {
            if (!adjusting) {
                model.setBrushRadiusMm(b.doubleValue());
            }
        });
        sphere.selectedProperty().addListener((o, a, b) -> {
            if (!adjusting) {
                model.setSphereBrush(b);
            }
        });
        low.setPrefColumnCount(6);
        high.setPrefColumnCount(6);
        low.setOnAction(e -> applyRange());
        high.setOnAction(e -> applyRange());
        low.focusedProperty().addListener((o, a, focused) -> applyRange());
        high.focusedProperty().addListener((o, a, focused) -> applyRange());
        opacity.valueProperty().addListener((o, a, b) -> {
            if (!adjusting) {
                model.setOpacity(b.doubleValue());
            }
        });
        outline.selectedProperty().addListener((o, a, b) -> {
            if (!adjusting) {
                model.setOutline(b);
            }
        });
        undo.setOnAction(e -> model.undo());
        redo.setOnAction(e -> model.redo());
        interpolate.setOnAction(e -> {
            var active = viewports.activeProperty().get();
            model.interpolate(active == null ? null : active.state().volume(), active == null ? null : active.state().plane());
        });
        classification.setPromptText("Series classification");
        classification.setOnAction(e -> {
            if (!adjusting) {
                model.classify(classification.getValue());
            }
        });
        for (Tool t : Tool.values()) {
            ToggleButton b = new ToggleButton(LabellingKey.of(t).buttonText());
            b.setToggleGroup(tools);
            b.setFocusTraversable(false);
            b.setUserData(t);
            toolButtonOf.put(t, b);
            toolButtons.getChildren().add(b);
        }
        tools.selectedToggleProperty().addListener((o, old, t) -> {
            if (!adjusting) {
                model.chooseTool(t == null ? null : (Tool) t.getUserData());
            }
        });
        // The viewer's own tool chosen (a key, the Tools menu) puts the panel's tool down.
        viewports.toolProperty().addListener((o, old, t) -> {
            if (!(t instanceof PlaneTool)) {
                model.chooseTool(null);
            }
        });
        message.setWrapText(true);
        volumes.setWrapText(true);

        HBox radiusRow = new HBox(6, new Label("Size"), radius, radiusText, sphere);
        HBox.setHgrow(radius, Priority.ALWAYS);
        HBox rangeRow = new HBox(6, new Label("HU"), low, new Label("to"), high);
        HBox displayRow = new HBox(6, new Label("Opacity"), opacity, opacityText, outline);
        HBox.setHgrow(opacity, Priority.ALWAYS);
        historyRow.getChildren().setAll(undo, redo, interpolate);
        seriesRow.getChildren().setAll(new Label("Series"), classification);
        getChildren().addAll(title, saveState, classes, toolButtons, radiusRow, rangeRow, displayRow, historyRow,
                shapes, seriesRow, imageClassification, volumes, message);
        model.addListener(new AnnotationViewModel.Listener() {
            @Override public void sessionChanged() { showSession(); }

            @Override public void settingsChanged() { showSettings(); }

            @Override public void historyChanged() { showHistory(); }

            @Override public void saveStateChanged() { showSaveState(); }

            @Override public void messageChanged() { message.setText(model.message()); }

            @Override public void toolChanged() { showTool(); }
        });
        showSession();
    }

    /** The logic behind this view. */
    public AnnotationViewModel model() { return model; }

    /** Shows a session (or none) and follows its history and autosave. */
    public void setSession(AnnotationSession s, Autosave autosave) {
        model.setSession(s, autosave);
    }

    public AnnotationSession session() { return model.session(); }

    /**
     * The labelling keys ({@link LabellingKey}), for a scene-level filter (P stays the viewer's pan).
     * Returns whether the key was used.
     */
    public boolean handleKey(KeyEvent e) {
        if (!model.editable() || e.getTarget() instanceof TextField) {
            return false;
        }
        LabellingKey key = LabellingKey.of(e);
        if (key == null) {
            return false;
        }
        if (key.tool() != null) {
            model.chooseTool(key.tool());
            return true;
        }
        switch (key) {
            case UNDO -> model.undo();
            case REDO -> model.redo();
            case CLASS -> model.selectClassAt(e.getCode().getCode() - KeyCode.DIGIT1.getCode());
            case DELETE_SHAPE -> {
                // Only a selected shape: otherwise Delete goes on to the viewer (the last measurement).
                return shapes.deleteSelected();
            }
            case SMALLER_BRUSH -> model.smallerBrush();
            case BIGGER_BRUSH -> model.biggerBrush();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Shows a sentence from a tool (e.g. why a fill did nothing). */
    public void showMessage(String text) {
        model.showMessage(text);
    }

    private void showSession() {
        AnnotationSession s = model.session();
        if (shapeLayer != null) {
            viewports.decorations().remove(shapeLayer);
            shapeLayer = null;
        }
        shapes.setSession(s);
        imageClassification.setSession(s);
        for (Node node : getChildren()) {
            if (node != title) {
                node.setDisable(!model.active());
            }
        }
        title.setText(model.title());
        message.setText(model.message());
        showTool();
        showSaveState();
        if (s == null) {
            adjusting = true;
            try {
                classes.getItems().clear();
            } finally {
                adjusting = false;
            }
            volumes.setText("");
            return;
        }
        // Locked (submitted, approved): look, don't touch; the labels are shown, the tools that change them are not offered.
        for (Node node : java.util.List.of(toolButtons, historyRow, shapes.actions(), seriesRow, imageClassification)) {
            node.setDisable(!model.editable());
        }
        shapeLayer = VectorLabelLayer.of(s, shapes.selectedProperty()::get);
        viewports.decorations().add(shapeLayer);
        adjusting = true;
        try {
            classification.getItems().setAll(model.classificationNames());
            classification.setValue(model.seriesClassification());
            classes.getItems().setAll(model.classes());
            opacity.setValue(model.opacity());
            outline.setSelected(model.outline());
        } finally {
            adjusting = false;
        }
        showSettings();
        showHistory();
    }

    private void showSettings() {
        adjusting = true;
        try {
            classes.getSelectionModel().select(model.activeClass().orElse(null));
            radius.setValue(model.brushRadiusMm());
            sphere.setSelected(model.sphereBrush());
            low.setText(model.rangeLow());
            high.setText(model.rangeHigh());
        } finally {
            adjusting = false;
        }
    }

    private void showHistory() {
        undo.setDisable(!model.canUndo());
        redo.setDisable(!model.canRedo());
        undo.setText(model.undoText());
        volumes.setText(model.volumes());
    }

    private void showSaveState() {
        AnnotationViewModel.SaveState s = model.saveState();
        saveState.setText(s.text());
        saveState.getStyleClass().remove("save-failed");
        if (s.failed()) {
            saveState.getStyleClass().add("save-failed");
        }
    }

    /** Selects the chosen tool's button and hands the viewer the tool (or takes the panel's tool back). */
    private void showTool() {
        Tool t = model.tool();
        adjusting = true;
        try {
            tools.selectToggle(t == null ? null : toolButtonOf.get(t));
        } finally {
            adjusting = false;
        }
        if (t == null) {
            viewports.putDownPlaneTool();
            return;
        }
        AnnotationSession session = model.session();
        PlaneTool tool = switch (t) {
            case BRUSH -> new BrushTool(session, BrushTool.Mode.PAINT);
            case ERASER -> new BrushTool(session, BrushTool.Mode.ERASE);
            case THRESHOLD_BRUSH -> new BrushTool(session, BrushTool.Mode.THRESHOLD);
            case CONTOUR -> new ContourTool(session);
            case BOX -> new VectorLabelTool(session, VectorLabelTool.Shape.BOX, shapes.selectedProperty()::set);
            case POINT -> new VectorLabelTool(session, VectorLabelTool.Shape.POINT, shapes.selectedProperty()::set);
            case LINE -> new VectorLabelTool(session, VectorLabelTool.Shape.LINE, shapes.selectedProperty()::set);
            case FILL -> new FillTool(session, this::showMessage);
        };
        viewports.toolProperty().set(tool);
    }

    private void applyRange() {
        if (!adjusting) {
            model.applyRange(low.getText(), high.getText());
        }
    }

    private final class ClassCell extends ListCell<AnnotationClass> {
        @Override
        protected void updateItem(AnnotationClass c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Rectangle swatch = new Rectangle(12, 12, Color.rgb(c.rgb() >> 16 & 0xFF, c.rgb() >> 8 & 0xFF, c.rgb() & 0xFF));
            CheckBox visible = new CheckBox();
            visible.setSelected(model.classVisible(c.label()));
            visible.selectedProperty().addListener((o, a, on) -> model.setClassVisible(c.label(), on));
            setGraphic(new HBox(6, visible, swatch, new Label(model.classText(c))));
            setText(null);
        }
    }
}
