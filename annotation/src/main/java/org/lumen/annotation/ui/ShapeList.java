// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.ui;

import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lumen.annotation.edit.BoxLabel;
import org.lumen.annotation.edit.LineLabel;
import org.lumen.annotation.edit.PointLabel;
import org.lumen.annotation.edit.VectorLabel;
import org.lumen.annotation.session.AnnotationSession;
import org.lumen.viewer.geometry.Vec3;
import org.lumen.viewer.ui.ViewportContext;

/**
 * The session's boxes, points and lines as a list: choosing one brings the active view to its plane
 * and selects it on screen; Delete removes it and "Set class" gives it the active class (each one
 * undoable step). The selection is shared with the drawing tool and the layer that draws them.
 */
final class ShapeList extends VBox {

    private final ViewportContext viewports;
    private final ListView<VectorLabel> list = new ListView<>();
    private final ObjectProperty<UUID> selected = new SimpleObjectProperty<>();
    private final Button delete = new Button("Delete");
    private final Button setClass = new Button("Set class");
    private final HBox actions = new HBox(6, delete, setClass);
    private final Runnable onChange = this::refresh;
    private AnnotationSession session;
    private boolean syncing;

    ShapeList(ViewportContext viewports) {
        this.viewports = viewports;
        setSpacing(4);
        list.setPrefHeight(110);
        list.setPlaceholder(new javafx.scene.control.Label("No boxes, points or lines yet: D, Shift+D, N."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(VectorLabel label, boolean empty) {
                super.updateItem(label, empty);
                setText(empty || label == null ? null : kind(label) + "  " + VectorLabelPainter.describe(label,
                        session == null ? org.lumen.viewer.measure.MeasurementUnits.PATIENT_MM
                                : VectorLabelPainter.unitsOf(session.volume())));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, old, label) -> {
            if (!syncing) {
                selected.set(label == null ? null : label.id());
                if (label != null) {
                    showOnActiveView(label);
                }
            }
        });
        selected.addListener((o, old, id) -> {
            syncing = true;
            list.getItems().stream().filter(l -> l.id().equals(id)).findFirst()
                    .ifPresentOrElse(l -> list.getSelectionModel().select(l), () -> list.getSelectionModel().clearSelection());
            syncing = false;
            viewports.redrawGraphics();
        });
        delete.setOnAction(e -> deleteSelected());
        setClass.setOnAction(e -> setActiveClass());
        delete.disableProperty().bind(selected.isNull());
        setClass.disableProperty().bind(selected.isNull());
        getChildren().addAll(list, actions);
    }

    /** Follows a session's labels (or none). */
    void setSession(AnnotationSession s) {
        if (session != null) {
            session.objects().removeListener(onChange);
        }
        session = s;
        selected.set(null);
        if (s != null) {
            s.objects().addListener(onChange);
        }
        refresh();
    }

    /** The buttons that change labels (disabled when the labels are locked). */
    HBox actions() { return actions; }

    /** The selected label's id, shared with the tool and the layer. */
    ObjectProperty<UUID> selectedProperty() { return selected; }

    /** Removes the selected label; false when none is selected. */
    boolean deleteSelected() {
        UUID id = selected.get();
        if (session == null || id == null) {
            return false;
        }
        selected.set(null);
        return session.objects().remove(id);
    }

    private void setActiveClass() {
        UUID id = selected.get();
        if (session != null && id != null) {
            session.activeClass().ifPresent(c -> session.objects().get(id).ifPresent(l -> session.objects().replace(l.withClass(c.name()))));
        }
    }

    private void refresh() {
        syncing = true;
        list.getItems().setAll(session == null ? java.util.List.of() : session.objects().vectorLabels());
        UUID id = selected.get();
        list.getItems().stream().filter(l -> l.id().equals(id)).findFirst().ifPresent(l -> list.getSelectionModel().select(l));
        syncing = false;
        viewports.redrawGraphics();
    }

    /** Scrolls the active view (if it shows the session's series) to the plane through the label's middle. */
    private void showOnActiveView(VectorLabel label) {
        var active = viewports.activeProperty().get();
        if (active == null || session == null || active.state().volume() != session.volume()) {
            return;
        }
        var state = active.state();
        state.showSlice(state.plane().nearestIndex(middle(label)));
    }

    private static Vec3 middle(VectorLabel label) {
        return switch (label) {
            case BoxLabel b -> b.center();
            case LineLabel l -> l.a().plus(l.b()).times(0.5);
            case PointLabel p -> p.position();
        };
    }

    private static String kind(VectorLabel label) {
        return switch (label) {
            case BoxLabel b -> "Box";
            case LineLabel l -> "Line";
            case PointLabel p -> "Point";
        };
    }
}
