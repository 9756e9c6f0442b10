// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their control instead of with the control. A {@link Tooltip} is a
 * popup window with a scene of its own: the window's first screen made one per list cell and status item, a tenth
 * of the FX thread's work before the first frame (ADR 0023, docs/performance.md). Once made, the tooltip follows
 * its text; an empty text shows none.
 */
public final class HoverTooltips {

    private HoverTooltips() { }

    /** A tooltip saying {@code text} (which may change; empty: no tooltip), made on the first hover. */
    public static void install(Control control, ObservableValue<String> text) {
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent entered) {
                control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tooltip = new Tooltip();
                tooltip.textProperty().bind(text);
                // Installed while the pointer is inside: the tooltip's own handlers start on the next mouse move.
                text.subscribe(now -> control.setTooltip(now == null || now.isEmpty() ? null : tooltip));
            }
        });
    }

    /** A tooltip with a fixed text, made on the first hover. */
    public static void install(Control control, String text) {
        install(control, new SimpleStringProperty(text));
    }
}
