// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.ui;

import java.util.Map;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Sizes a table's columns to what they show: each column at least as wide as its header and its widest cell (in the
 * fonts they are drawn in), so no number a reader needs ends in an ellipsis; the table's constrained resize policy then
 * shares what room is left.
 */
final class ColumnWidths {

    /** A cell's left and right padding (Modena: 0.166667em each side) and the column border, with a few pixels to spare. */
    static final double PADDING = 8;

    private final Text probe = new Text();

    private ColumnWidths() { }

    /**
     * @param cellFont the font the cells are drawn in
     * @param widest   for a column whose text changes after it is sized (a decision word), the longest text it can show
     */
    static <T> void fit(TableView<T> table, Font cellFont, Map<TableColumn<T, ?>, String> widest) {
        ColumnWidths w = new ColumnWidths();
        for (TableColumn<T, ?> column : table.getColumns()) {
            double header = column.getGraphic() instanceof Labeled l ? w.width(l.getText(), l.getFont()) : w.width(column.getText(), cellFont);
            double cells = w.width(widest.getOrDefault(column, ""), cellFont);
            for (T item : table.getItems()) {
                Object value = column.getCellObservableValue(item) == null ? null : column.getCellObservableValue(item).getValue();
                if (value != null) {
                    cells = Math.max(cells, w.width(value.toString(), cellFont));
                }
            }
            double needed = Math.ceil(Math.max(header, cells) + PADDING);
            column.setMinWidth(needed);
            column.setPrefWidth(needed);
        }
    }

    private double width(String text, Font font) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        probe.setFont(font == null ? Font.getDefault() : font);
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }
}
