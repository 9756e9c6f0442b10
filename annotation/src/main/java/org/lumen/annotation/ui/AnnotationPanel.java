// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
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
import org.lumen.annotation.edit.ClassificationLabel;
import org.lumen.annotation.edit.PaintRule;
import org.lumen.annotation.edit.SliceInterpolator;
import org.lumen.annotation.edit.ValueRange;
import org.lumen.annotation.session.AnnotationClass;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.annotation.session.Autosave;
import org.lumen.viewer.ui.PlaneTool;
import org.lumen.viewer.ui.ViewportContext;
import org.lumen.viewer.viewport.ViewPlane;

/**
 * The annotator's panel: classes (colour, visibility, the active one), tools, brush size and HU
 * range, label opacity and outline, undo/redo, interpolation, the series' classification, the
 * labelled volume per class and the save state. Its keys are listed at {@link #handleKey}.
 */
public final class AnnotationPanel extends VBox {

    private final ViewportContext viewports;
    private final Label title = new Label("No series is being annotated.");
    private final Label saveState = new Label();
    private final ListView<AnnotationClass> classes = new ListView<>();
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleButton brush = tool(LabellingKey.BRUSH.buttonText());
    private final ToggleButton eraser = tool(LabellingKey.ERASER.buttonText());
    private final ToggleButton threshold = tool(LabellingKey.THRESHOLD_BRUSH.buttonText());
    private final ToggleButton contour = tool(LabellingKey.CONTOUR.buttonText());
    private final ToggleButton fill = tool(LabellingKey.FILL.buttonText());
    private final ToggleButton box = tool(LabellingKey.BOX.buttonText());
    private final ToggleButton point = tool(LabellingKey.POINT.buttonText());
    private final ToggleButton line = tool(LabellingKey.LINE.buttonText());
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
    private AnnotationSession session;

    public AnnotationPanel(ViewportContext viewports) {
        this.viewports = viewports;
        this.shapes = new ShapeList(viewports);
        this.imageClassification = new ImageClassification(viewports);
        getStyleClass().add("annotation-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        classes.setPrefHeight(130);
        classes.setCellFactory(list -> new ClassCell());
        classes.getSelectionModel().selectedItemProperty().addListener((o, old, c) -> {
            if (c != null && session != null && session.activeLabel() != c.label()) {
                session.setActiveLabel(c.label());
            }
        });
        radius.valueProperty().addListener((o, a, b) -> {
            if (session != null) {
                session.setBrushRadiusMm(b.doubleValue());
            }
        });
        sphere.selectedProperty().addListener((o, a, b) -> {
            if (session != null) {
                session.setSphereBrush(b);
            }
        });
        low.setPrefColumnCount(6);
        high.setPrefColumnCount(6);
        low.setOnAction(e -> applyRange());
        high.setOnAction(e -> applyRange());
        low.focusedProperty().addListener((o, a, focused) -> applyRange());
        high.focusedProperty().addListener((o, a, focused) -> applyRange());
        opacity.valueProperty().addListener((o, a, b) -> {
            if (session != null) {
                session.layer().setLabelStyle(session.layer().labelStyle().withOpacity(b.doubleValue()));
            }
        });
        outline.selectedProperty().addListener((o, a, b) -> {
            if (session != null) {
                session.layer().setLabelStyle(session.layer().labelStyle().withOutline(b));
            }
        });
        undo.setOnAction(e -> undo());
        redo.setOnAction(e -> redo());
        interpolate.setOnAction(e -> interpolate());
        classification.setPromptText("Series classification");
        classification.setOnAction(e -> classify());
        tools.selectedToggleProperty().addListener((o, old, t) -> activateTool());
        viewports.planeToolProperty().addListener((o, old, t) -> {
            if (t == null && tools.getSelectedToggle() != null) {
                tools.selectToggle(null);
            }
        });
        message.setWrapText(true);
        volumes.setWrapText(true);

        toolButtons.getChildren().setAll(brush, eraser, threshold, contour, fill, box, point, line);
        HBox radiusRow = new HBox(6, new Label("Size"), radius, radiusText, sphere);
        HBox.setHgrow(radius, Priority.ALWAYS);
        HBox rangeRow = new HBox(6, new Label("HU"), low, new Label("to"), high);
        HBox displayRow = new HBox(6, new Label("Opacity"), opacity, opacityText, outline);
        HBox.setHgrow(opacity, Priority.ALWAYS);
        historyRow.getChildren().setAll(undo, redo, interpolate);
        seriesRow.getChildren().setAll(new Label("Series"), classification);
        getChildren().addAll(title, saveState, classes, toolButtons, radiusRow, rangeRow, displayRow, historyRow,
                shapes, seriesRow, imageClassification, volumes, message);
        setSession(null, null);
    }

    /** Shows a session (or none) and follows its history and autosave. */
    public void setSession(AnnotationSession s, Autosave autosave) {
        if (shapeLayer != null) {
            viewports.decorations().remove(shapeLayer);
            shapeLayer = null;
        }
        session = s;
        shapes.setSession(s);
        imageClassification.setSession(s);
        boolean on = s != null;
        for (var node : getChildren()) {
            if (node != title) {
                node.setDisable(!on);
            }
        }
        tools.selectToggle(null);
        if (!on) {
            title.setText("No series is being annotated. Annotate ▸ Start labelling (Ctrl+Shift+A).");
            classes.getItems().clear();
            saveState.setText("");
            volumes.setText("");
            return;
        }
        title.setText("Labelling " + s.seriesUid());
        // Locked (submitted, approved): look, don't touch; the labels are shown, the tools that change them are not offered.
        for (var node : List.of(toolButtons, historyRow, shapes.actions(), seriesRow, imageClassification)) {
            node.setDisable(s.lockedReason() != null);
        }
        message.setText(s.lockedReason() == null ? "" : s.lockedReason());
        shapeLayer = VectorLabelLayer.of(s, shapes.selectedProperty()::get);
        viewports.decorations().add(shapeLayer);
        classification.getItems().setAll(s.classificationNames());
        classification.setValue(seriesClass().map(ClassificationLabel::labelClass).orElse(null));
        classes.getItems().setAll(s.classes());
        classes.getSelectionModel().select(s.activeClass().orElse(null));
        radius.setValue(s.brushRadiusMm());
        sphere.setSelected(s.sphereBrush());
        low.setText(format(s.thresholdRange().low()));
        high.setText(format(s.thresholdRange().high()));
        opacity.setValue(s.layer().labelStyle().opacity());
        outline.setSelected(s.layer().labelStyle().outline());
        s.addListener(changed -> {
            classes.getSelectionModel().select(changed.activeClass().orElse(null));
            radius.setValue(changed.brushRadiusMm());
        });
        s.history().addListener((action, edit) -> refreshHistory());
        if (autosave != null) {
            autosave.addListener(new Autosave.Listener() {
                @Override
                public void saved(long revisionId, long generation) {
                    saveState.setText("Saved (revision " + revisionId + ")");
                    saveState.getStyleClass().remove("save-failed");
                }

                @Override
                public void failed(String sentence, long generation) {
                    saveState.setText(sentence);
                    if (!saveState.getStyleClass().contains("save-failed")) {
                        saveState.getStyleClass().add("save-failed");
                    }
                }
            });
        }
        refreshHistory();
    }

    public AnnotationSession session() { return session; }

    /**
     * The labelling keys ({@link LabellingKey}), for a scene-level filter (P stays the viewer's pan).
     * Returns whether the key was used.
     */
    public boolean handleKey(KeyEvent e) {
        if (session == null || session.lockedReason() != null || e.getTarget() instanceof TextField) {
            return false;
        }
        LabellingKey key = LabellingKey.of(e);
        if (key == null) {
            return false;
        }
        switch (key) {
            case UNDO -> undo();
            case REDO -> redo();
            case CLASS -> session.selectClass(e.getCode().getCode() - KeyCode.DIGIT1.getCode());
            case BRUSH -> tools.selectToggle(brush);
            case ERASER -> tools.selectToggle(eraser);
            case THRESHOLD_BRUSH -> tools.selectToggle(threshold);
            case CONTOUR -> tools.selectToggle(contour);
            case FILL -> tools.selectToggle(fill);
            case BOX -> tools.selectToggle(box);
            case LINE -> tools.selectToggle(line);
            case POINT -> tools.selectToggle(point);
            case DELETE_SHAPE -> {
                // Only a selected shape: otherwise Delete goes on to the viewer (the last measurement).
                return shapes.deleteSelected();
            }
            case SMALLER_BRUSH -> session.setBrushRadiusMm(session.brushRadiusMm() / 1.25);
            case BIGGER_BRUSH -> session.setBrushRadiusMm(session.brushRadiusMm() * 1.25);
        }
        return true;
    }

    /** Shows a sentence from a tool (e.g. why a fill did nothing). */
    public void showMessage(String text) {
        message.setText(text);
    }

    private void activateTool() {
        if (session == null || tools.getSelectedToggle() == null) {
            if (viewports.planeToolProperty().get() != null && tools.getSelectedToggle() == null) {
                viewports.planeToolProperty().set(null);
            }
            return;
        }
        var selected = tools.getSelectedToggle();
        PlaneTool tool;
        if (selected == brush) {
            tool = new BrushTool(session, BrushTool.Mode.PAINT);
        } else if (selected == eraser) {
            tool = new BrushTool(session, BrushTool.Mode.ERASE);
        } else if (selected == threshold) {
            tool = new BrushTool(session, BrushTool.Mode.THRESHOLD);
        } else if (selected == contour) {
            tool = new ContourTool(session);
        } else if (selected == box || selected == point || selected == line) {
            tool = new VectorLabelTool(session, selected == box ? VectorLabelTool.Shape.BOX
                    : selected == point ? VectorLabelTool.Shape.POINT : VectorLabelTool.Shape.LINE, shapes.selectedProperty()::set);
        } else {
            tool = new FillTool(session, this::showMessage);
        }
        viewports.planeToolProperty().set(tool);
    }

    private void applyRange() {
        if (session == null) {
            return;
        }
        try {
            double a = Double.parseDouble(low.getText().strip());
            double b = Double.parseDouble(high.getText().strip());
            session.setThresholdRange(new ValueRange(Math.min(a, b), Math.max(a, b)));
            message.setText("");
        } catch (RuntimeException ex) {
            message.setText("The HU range needs two numbers, e.g. -100 and 200.");
        }
    }

    private void undo() {
        if (session != null) {
            session.editor().undo();
        }
    }

    private void redo() {
        if (session != null) {
            session.editor().redo();
        }
    }

    /** Fills the slices between labelled ones, for the active class, along the active view's planes. */
    private void interpolate() {
        var active = viewports.activeProperty().get();
        ViewPlane plane = active != null && active.state().volume() == session.volume() ? active.state().plane()
                : ViewPlane.stored(session.volume().geometry());
        long changed = new SliceInterpolator(plane).interpolateGaps(session.editor(), PaintRule.paintOnEmpty(session.activeLabel()));
        message.setText(changed == 0 ? "Nothing to interpolate: label at least two separate " + plane.anatomicalName().toLowerCase(Locale.ROOT)
                + " planes of the active class first." : String.format(Locale.ROOT, "Interpolated %,d voxels.", changed));
    }

    private void classify() {
        String value = classification.getValue();
        if (session == null || value == null) {
            return;
        }
        Optional<ClassificationLabel> old = seriesClass();
        if (old.isPresent()) {
            session.objects().replace(old.get().withClass(value));
        } else {
            session.objects().add(ClassificationLabel.ofSeries(session.seriesUid(), value));
        }
    }

    private Optional<ClassificationLabel> seriesClass() {
        return session.objects().classifications().stream().filter(ClassificationLabel::isSeriesLevel).findFirst();
    }

    private void refreshHistory() {
        undo.setDisable(!session.history().canUndo());
        redo.setDisable(!session.history().canRedo());
        undo.setText(session.history().nextUndo().map(e -> "Undo " + e.name()).orElse("Undo"));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Double> v : session.volumesMm3().entrySet()) {
            session.classes().stream().filter(c -> c.label() == v.getKey()).findFirst().ifPresent(c ->
                    text.append(String.format(Locale.ROOT, "%s: %,.0f mm³%n", c.name(), v.getValue())));
        }
        volumes.setText(text.toString().strip());
    }

    private ToggleButton tool(String text) {
        ToggleButton b = new ToggleButton(text);
        b.setToggleGroup(tools);
        b.setFocusTraversable(false);
        return b;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
            visible.setSelected(session == null || !session.layer().labelStyle().hidden().contains(c.label()));
            visible.selectedProperty().addListener((o, a, on) -> session.setClassVisible(c.label(), on));
            int index = session == null ? 0 : session.classes().indexOf(c);
            setGraphic(new HBox(6, visible, swatch, new Label(c.name() + "   Alt+" + (index + 1))));
            setText(null);
        }
    }

    /** For tests: the toggle of a tool by its visible label start. */
    ToggleGroup toolGroup() { return tools; }
}
