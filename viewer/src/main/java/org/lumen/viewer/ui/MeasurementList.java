// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.measure.MeasurementText;
import org.lumen.viewer.measure.MeasurementUnits;

/** The session's measurements as a list: value and kind; Delete removes the selected one. */
public final class MeasurementList extends ListView<Measurement> {

    private MeasurementSet set;
    private ViewportContext context;

    public MeasurementList() {
        getStyleClass().add("measurement-list");
        setPlaceholder(new javafx.scene.control.Label("No measurements.\nM length, A angle, E ellipse, T rectangle."));
        setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Measurement m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : kind(m) + "  " + MeasurementText.describe(m, null, "",
                        context == null ? MeasurementUnits.PATIENT_MM : context.unitsOf(m.seriesInstanceUid())));
            }
        });
        setOnKeyPressed(e -> {
            Measurement selected = getSelectionModel().getSelectedItem();
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selected != null && set != null) {
                set.remove(selected.id());
                e.consume();
            }
        });
    }

    /** Shows (and follows) the measurements of a viewport context. */
    public void bind(ViewportContext context) {
        this.context = context;
        set = context.measurements();
        set.addListener(() -> getItems().setAll(set.all()));
        getItems().setAll(set.all());
    }

    private static String kind(Measurement m) {
        return switch (m) {
            case org.lumen.viewer.measure.LengthMeasurement l -> "Length";
            case org.lumen.viewer.measure.AngleMeasurement a -> "Angle";
            case org.lumen.viewer.measure.EllipseRoi e -> "Ellipse";
            case org.lumen.viewer.measure.RectangleRoi r -> "Rectangle";
        };
    }
}
