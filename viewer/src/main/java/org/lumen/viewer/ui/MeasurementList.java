// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.lumen.viewer.measure.Measurement;
import org.lumen.viewer.measure.MeasurementSet;
import org.lumen.viewer.measure.MeasurementText;
import org.lumen.viewer.measure.MeasurementUnits;

/**
 * The measurements of the study on screen as a list: kind, value and the series each was drawn on;
 * Delete removes the selected one. Which measurements belong to the study on screen, and what each
 * series is called, the window says ({@link #setShown}, {@link #setSeriesNames}).
 */
public final class MeasurementList extends ListView<Measurement> {

    private MeasurementSet set;
    private ViewportContext context;
    private Predicate<Measurement> shown = m -> true;
    private Function<String, String> seriesNames = uid -> uid;

    public MeasurementList() {
        getStyleClass().add("measurement-list");
        setPlaceholder(new javafx.scene.control.Label("No measurements.\nM length, A angle, E ellipse, T rectangle."));
        setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Measurement m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : describe(m));
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
        set.addListener(this::refresh);
        refresh();
    }

    /** Lists only the measurements {@code filter} accepts (those of the study on screen); call {@link #refresh} when it changes. */
    public void setShown(Predicate<Measurement> filter) {
        shown = Objects.requireNonNull(filter, "filter");
        refresh();
    }

    /** What to call a series on each row (number and description), by series instance UID. */
    public void setSeriesNames(Function<String, String> names) {
        seriesNames = Objects.requireNonNull(names, "names");
        refresh();
    }

    /** Lists the set again through the filter. */
    public void refresh() {
        getItems().setAll(set == null ? java.util.List.of() : set.all().stream().filter(shown).toList());
    }

    /** One row: "Length  42.3 mm  —  Series 2 CT CHEST". */
    public String describe(Measurement m) {
        return kind(m) + "  " + MeasurementText.describe(m, null, "",
                context == null ? MeasurementUnits.PATIENT_MM : context.unitsOf(m.seriesInstanceUid())) + "  —  " + seriesNames.apply(m.seriesInstanceUid());
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
