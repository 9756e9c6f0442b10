// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Read-only text columns for the trust views' tables (validation cases and claims, audit entries). */
public final class TrustColumns {

    private TrustColumns() { }

    public static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /** A right-aligned column, for numbers. */
    public static <T> TableColumn<T, String> number(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = text(title, width, value);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
